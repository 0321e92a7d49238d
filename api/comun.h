/* comun.h - the small things every handler needs once: the clock as a SQL
 * parameter and a string member of a parsed JSON object. */
#ifndef SERUMS_COMUN_H
#define SERUMS_COMUN_H
#include "config.h"
#include "http.h"

/* config_now as RFC 3339 UTC text ("2026-03-01T14:00:00Z") in arena a: the
 * clock as a SQL parameter; api_ahora for a request (its arena and config). */
const char *api_ahora_en(arena *a, const config *cfg);
const char *api_ahora(req *r);
/* obj[key] when it is a string, else NULL (obj may be NULL). */
const char *api_texto(const jv *obj, const char *key);
/* ?limit=&cursor= where the cursor is the last id seen; false after answering 400. */
bool api_paginacion_id(req *r, long *limit, const char **cursor);
/* Members "k": "v" of the open object from NULL-terminated key/value pairs. */
void api_escribir_pares(jw *w, const char *const *kv);
#endif
