/* publico.h - how public GETs answer: a strong ETag over the exact body
 * (304 when the client already has it), Cache-Control so browsers, CDNs and
 * third parties can keep it, and CSV downloads for `Accept: text/csv`. */
#ifndef SERUMS_PUBLICO_H
#define SERUMS_PUBLICO_H
#include "http.h"
#include <stdbool.h>

/* Seconds public answers may be reused: catalogs change with a release,
 * the offer with an import, convocatorias with the clock. */
#define PUBLICO_MAX_AGE_CATALOGO 3600
#define PUBLICO_MAX_AGE_OFERTA 60
#define PUBLICO_MAX_AGE_CONVOCATORIA 30

void publico_json(req *r, const char *json, int max_age);
/* text/csv with Content-Disposition: attachment; filename=... */
void publico_csv(req *r, const char *csv, size_t len, const char *filename, int max_age);
/* The client asked for CSV (Accept: text/csv). */
bool publico_quiere_csv(req *r);
/* The worker's cache of public answers. A group names what an answer
 * depends on ("oferta:12": convocatoria 12's offer); imports announce changes
 * with NOTIFY oferta '<convocatoria id>', which every worker listening drops
 * before it answers again. publico_cache_answer answers r from the cache
 * (200 or 304) and returns true, or returns false: build the answer, then
 * publico_cache_store keeps it when it is a 200. */
bool publico_cache_answer(req *r);
void publico_cache_store(req *r, const char *group);
/* The group of a convocatoria's offer. */
const char *publico_grupo_oferta(req *r, const char *convocatoria_id);

#endif
