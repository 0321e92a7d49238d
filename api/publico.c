/* publico.c - cacheable answers for public GETs (see publico.h). */
#include "publico.h"
#include <string.h>

static void cache_headers(req *r, int max_age)
{
    http_set_header(r, "Cache-Control", arena_printf(r->a, "public, max-age=%d", max_age));
}

void publico_json(req *r, const char *json, int max_age)
{
    if (!json) { problem(r, 500, "ERROR_INTERNO", "No se pudo generar la respuesta."); return; }
    cache_headers(r, max_age);
    if (http_etag_matches(r, json, strlen(json))) return;
    http_send_json_text(r, 200, json);
}

void publico_csv(req *r, const char *csv, size_t len, const char *filename, int max_age)
{
    cache_headers(r, max_age);
    http_set_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", filename));
    if (http_etag_matches(r, csv, len)) return;
    http_send(r, 200, "text/csv", csv, len);
}

bool publico_quiere_csv(req *r) { return http_accepts(r, "text/csv"); }

bool publico_id_valido(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n >= 1 && n <= 18 && strspn(id, "0123456789") == n && id[0] != '0';
}
