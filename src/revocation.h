/* revocation.h - revoked sessions, known in every worker within a second.
 * Access tokens are stateless (a JWT carries its session id, claim `sid`);
 * when a session is revoked (logout, password change, deactivation...) the
 * database NOTIFYs the application's channel with the session id, every
 * worker adds it to a small in-memory set (kept for as long as an access token
 * of it can live), and each authenticated request checks the set: no query
 * per request. A worker whose database session is new (start, respawn,
 * reconnect) listens first and then loads the recent revocations with the
 * application's statement, so nothing falls in between.
 *
 * The set itself (revocation_set_*) is pure and unit-tested. */
#ifndef SERUMS_REVOCATION_H
#define SERUMS_REVOCATION_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define REVOCATION_SID_MAX 64 /* longest session id kept (longer: refused) */

typedef struct revocation_set revocation_set;
revocation_set *revocation_set_new(void);
void revocation_set_free(revocation_set *s);
/* Remembers sid until `until` (the later of two adds wins); entries expired
 * at `now` are dropped when the table grows. false: out of memory or sid
 * empty or too long. */
bool revocation_set_add(revocation_set *s, const char *sid, time_t until, time_t now);
bool revocation_set_contains(const revocation_set *s, const char *sid, time_t now);
size_t revocation_set_count(const revocation_set *s);

struct worker_ctx;
/* true when the caller's session sid has been revoked. Polls the worker's
 * notifications first; creates the set and subscribes on first use. An empty
 * sid (a token without session) is never revoked here. */
bool revocation_revoked(struct worker_ctx *w, const char *sid);
/* Releases the worker's set (at worker exit). */
void revocation_worker_free(struct worker_ctx *w);
#endif
