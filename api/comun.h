/* comun.h - the small things every handler needs once: the clock as a SQL
 * parameter and a string member of a parsed JSON object. */
#ifndef SERUMS_COMUN_H
#define SERUMS_COMUN_H
#include "http.h"

/* config_now as RFC 3339 UTC text in the request arena ("2026-03-01T14:00:00Z"). */
const char *api_ahora(req *r);
/* obj[key] when it is a string, else NULL (obj may be NULL). */
const char *api_texto(const jv *obj, const char *key);
#endif
