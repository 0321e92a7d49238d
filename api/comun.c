/* comun.c - see comun.h. */
#include "comun.h"
#include "problemas.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"

const char *api_ahora_en(arena *a, const config *cfg)
{
    char *now = arena_alloc(a, 32);
    if (now) time_format_rfc3339(config_now(cfg), now);
    return now;
}

const char *api_ahora(req *r) { return api_ahora_en(r->a, r->w->cfg); }

const char *api_texto(const jv *obj, const char *key)
{
    const jv *v = jv_get(obj, key);
    return v && v->t == JV_STRING ? v->s : NULL;
}

void api_escribir_pares(jw *w, const char *const *kv)
{
    for (; kv[0]; kv += 2) jw_kstr(w, kv[0], kv[1]);
}

bool api_paginacion_id(req *r, long *limit, const char **cursor)
{
    if (http_pagination(r, limit, cursor) != 0) return false;
    if (!*cursor || texto_id_decimal(*cursor)) return true;
    problema(r, P_PARAMETRO_INVALIDO, "cursor inválido.");
    return false;
}
