/* adjudicacion_cache.h - the per-worker cache of loaded adjudication sessions:
 * the allocation machine (domain/asignacion.c) as it stood after the session's
 * last committed event, so that a pick neither reloads the turns, units and
 * preference lists nor replays the whole log. An entry is keyed by the session
 * id and holds the (eventos, ultimo_hash) it was committed at; the session row,
 * locked by the transaction, decides what it is worth: the same pair → the
 * machine is used as it is; the row is ahead (another worker committed picks)
 * → only the newer events are replayed onto it; anything else → full load.
 * While a transaction works on an entry the entry is invalid: only
 * adjcache_confirmar, called after COMMIT, makes it valid again, so a rollback
 * (or a refused request) leaves nothing stale behind. Bounded: ADJCACHE_MAX
 * sessions per worker, the least recently used one is replaced. Lives in the
 * worker's application slot ADJCACHE_SLOT (src/worker.h). */
#ifndef SERUMS_ADJUDICACION_CACHE_H
#define SERUMS_ADJUDICACION_CACHE_H
#include "adjudicacion_motor.h"
#include "api.h"

#define ADJCACHE_SLOT API_SLOT_ADJCACHE
#define ADJCACHE_MAX 8

typedef enum {
    ADJCACHE_NO,     /* not cached (or not usable): load everything */
    ADJCACHE_IGUAL,  /* the machine is the row's: nothing to replay */
    ADJCACHE_DETRAS, /* the row is ahead: replay the events after m->seq (chain from m->prev) */
} adjcache_uso;

typedef struct adjcache adjcache;
/* The worker's cache (application slot ADJCACHE_SLOT), created on first use; NULL without memory. */
adjcache *adjcache_del_worker(struct worker_ctx *w);
/* Looks session m->id up against its locked row (`eventos`, and m->prev, the row's ultimo_hash).
 * IGUAL and DETRAS: m's machine, turns and units now live in the entry (m->cache_entrada), which
 * stays invalid until adjcache_confirmar; with DETRAS m->seq and m->prev are the entry's.
 * c NULL: ADJCACHE_NO. */
adjcache_uso adjcache_tomar(adjcache *c, motor *m, long eventos);
/* After COMMIT succeeded: keeps m's machine for the session's next transaction (a session in
 * course or paused only; CREADA may still get preference lists, CERRADA needs no more picks;
 * not a session with an eligibility rule, whose data lives in the request's arena). c may be NULL. */
void adjcache_confirmar(adjcache *c, const motor *m);
#endif
