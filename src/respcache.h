/* respcache.h - a bounded in-memory cache of public answers for one worker
 * process (it lives in worker_ctx): entries keyed by the request (path,
 * query, representation), tagged with a group so a change drops exactly what
 * it touches, evicted least-recently-used first over the byte budget, and
 * expired after a TTL as a safety net. Pure: the clock is passed in. */
#ifndef SERUMS_RESPCACHE_H
#define SERUMS_RESPCACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct respcache respcache;

/* What a stored answer needs to be sent again. Strings may be NULL. */
typedef struct respcache_resp {
    const char *type, *body, *etag, *cache_control, *disposition, *vary;
    size_t len;
} respcache_resp;

/* An entry lives between ttl/2 and ttl seconds, the share picked from its key
 * and `seed`: answers stored in the same second (and, given different seeds,
 * the same answer in different workers) do not all expire in the same second
 * and stall their clients together while they are computed again. */
respcache *respcache_new(size_t max_bytes, int ttl_seconds, uint64_t seed);
void respcache_free(respcache *c);
/* true and *out (valid until the next put or invalidate) when fresh. */
bool respcache_get(respcache *c, const char *key, time_t now, respcache_resp *out);
/* Copies the answer; one larger than a quarter of the budget is not kept. */
void respcache_put(respcache *c, const char *key, const char *group, time_t now, const respcache_resp *resp);
void respcache_invalidate(respcache *c, const char *group); /* NULL: everything */
size_t respcache_count(const respcache *c);
size_t respcache_bytes(const respcache *c);
#endif
