/* publico.c - cacheable answers for public GETs (see publico.h): HTTP
 * caching headers, and the worker's response cache kept in step with the
 * database through LISTEN/NOTIFY on the worker's own connection (notify.c). */
#include "publico.h"
#include "problemas.h"
#include "db.h"
#include "notify.h"
#include "respcache.h"
#include "texto.h"
#include "worker.h"
#include <stdio.h>
#include <string.h>

#define PUBLICO_CACHE_BYTES (16u * 1024 * 1024)
/* seconds at most (15 at least, see respcache.h); invalidation is by NOTIFY, this is the safety net */
#define PUBLICO_CACHE_TTL 30

static void cache_headers(req *r, int max_age)
{
    http_set_header(r, "Cache-Control", arena_printf(r->a, "public, max-age=%d", max_age));
}

void publico_json(req *r, const char *json, int max_age)
{
    if (!json) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la respuesta.");
        return;
    }
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

/* ?formato=csv|json wins over Accept (a spreadsheet's "from web" sends no Accept). */
bool publico_quiere_csv(req *r)
{
    const char *formato = http_query(r, "formato");
    if (formato && !strcmp(formato, "csv")) return true;
    if (formato && !strcmp(formato, "json")) return false;
    return http_accepts(r, "text/csv");
}

const char *publico_grupo_oferta(req *r, const char *convocatoria_id)
{
    return arena_printf(r->a, "oferta:%s", convocatoria_id);
}

static void on_oferta(void *ctx, const char *convocatoria_id)
{
    worker_ctx *w = ctx;
    char group[96];
    snprintf(group, sizeof group, "oferta:%s", convocatoria_id ? convocatoria_id : "");
    respcache_invalidate(w->cache, group);
}

/* a new session has heard nothing: forget everything */
static bool on_oferta_session(void *ctx)
{
    respcache_invalidate(((worker_ctx *)ctx)->cache, NULL);
    return true;
}

/* The cache, after applying the invalidations that arrived (NOTIFY oferta,
 * through the worker's notify hub); NULL when there is no usable database
 * session (then nothing is cached or served from it). */
static respcache *cache_sync(req *r)
{
    worker_ctx *w = r->w;
    if (!w->cache && !(w->cache = respcache_new(PUBLICO_CACHE_BYTES, PUBLICO_CACHE_TTL, (uint64_t)w->pid)))
        return NULL;
    notify_hub *hub = notify_hub_get(&w->notify);
    if (!hub || !notify_subscribe(hub, "oferta", on_oferta, on_oferta_session, w)) return NULL;
    return notify_poll(hub, w->db) ? w->cache : NULL;
}

/* Public answers are keyed by the request; a scope's shared answers also by the scope. */
static const char *cache_key(req *r, const char *scope)
{
    return arena_printf(r->a, "%s?%s|%s|%s", r->path, r->query_string ? r->query_string : "",
                        publico_quiere_csv(r) ? "csv" : "json", scope ? scope : "");
}

static bool answer(req *r, const char *scope)
{
    respcache *c = cache_sync(r);
    respcache_resp hit;
    if (!c || !respcache_get(c, cache_key(r, scope), time(NULL), &hit)) return false;
    http_set_header(r, "ETag", hit.etag);
    http_set_header(r, "Cache-Control", hit.cache_control);
    http_set_header(r, "Vary", hit.vary);
    http_set_header(r, "Content-Disposition", hit.disposition);
    if (hit.etag && r->if_none_match &&
        (strstr(r->if_none_match, hit.etag) || !strcmp(r->if_none_match, "*"))) {
        http_send(r, 304, NULL, NULL, 0);
        return true;
    }
    http_send(r, 200, hit.type, hit.body, hit.len);
    return true;
}

static const char *header(const req *r, const char *name)
{
    for (const http_header *h = r->headers; h; h = h->next)
        if (!strcmp(h->name, name)) return h->value;
    return NULL;
}

bool publico_cache_answer(req *r) { return answer(r, NULL); }

bool publico_cache_answer_scope(req *r, const char *scope) { return answer(r, scope); }

static void store(req *r, const char *scope, const char *group)
{
    if (r->status != 200 || !r->resp_body || !r->w->cache) return;
    respcache_resp resp = {.type = r->resp_type,
                           .body = r->resp_body,
                           .len = r->resp_len,
                           .etag = header(r, "ETag"),
                           .cache_control = header(r, "Cache-Control"),
                           .disposition = header(r, "Content-Disposition"),
                           .vary = header(r, "Vary")};
    respcache_put(r->w->cache, cache_key(r, scope), group, time(NULL), &resp);
}

void publico_cache_store(req *r, const char *group) { store(r, NULL, group); }

void publico_cache_store_scope(req *r, const char *scope, const char *group) { store(r, scope, group); }
