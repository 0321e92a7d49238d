/* comun.c - see comun.h. */
#include "comun.h"
#include "timeutil.h"
#include "worker.h"

const char *api_ahora(req *r)
{
    char *now = arena_alloc(r->a, 32);
    if (now) time_format_rfc3339(config_now(r->w->cfg), now);
    return now;
}

const char *api_texto(const jv *obj, const char *key)
{
    const jv *v = jv_get(obj, key);
    return v && v->t == JV_STRING ? v->s : NULL;
}
