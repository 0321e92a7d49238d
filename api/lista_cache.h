/* lista_cache.h - the per-worker page cache of the staff's lists (the
 * reviewers' inscriptions, the DIRESA's informes): a page is kept in the
 * worker's response cache (api/publico.c) under the caller's scope and the
 * version of the listed data, which every change the list shows bumps in
 * its own transaction; one indexed round trip per request reads that
 * version, so a read after a change never sees the old page. */
#ifndef SERUMS_LISTA_CACHE_H
#define SERUMS_LISTA_CACHE_H
#include "db.h"
#include "http.h"
#include <stdbool.h>

typedef struct lista_cache {
    const char *alcance; /* scope and data version: the cache key's scope part */
    const char *grupo;   /* what an invalidation of the list drops */
} lista_cache;

/* Runs `version` (n parameters p; its one row has a column "version") and
 * answers r from the cache when a page of this scope ("*": everything) and
 * version is kept. true when r is answered (from the cache, or a database
 * problem); false with *lc ready for lista_cache_guardar. */
bool lista_cache_responder(req *r, const db_stmt *version, int n, const char *const *p, const char *scope,
                           const char *grupo, lista_cache *lc);
/* Keeps r's answer (a 200 only) for the next request of the same page. */
void lista_cache_guardar(req *r, const lista_cache *lc);
#endif
