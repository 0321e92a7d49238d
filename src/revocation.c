/* revocation.c - revoked session ids per worker (see revocation.h): an
 * open-addressing hash set with an expiry per entry, fed by NOTIFY on the
 * application's channel through the worker's notify hub, and reloaded from
 * the application's statement when the worker's database session is new. */
#include "revocation.h"
#include "log.h"
#include "notify.h"
#include "timeutil.h"
#include "worker.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REVOCATION_MIN_CAP 64
#define REVOCATION_SKEW 60 /* seconds an access token's iat may lie ahead */

typedef struct revocation_entry {
    char sid[REVOCATION_SID_MAX + 1]; /* "" = free slot */
    time_t until;
} revocation_entry;

struct revocation_set {
    revocation_entry *slots;
    size_t cap, n; /* cap: a power of two */
};

static uint64_t hash_sid(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

revocation_set *revocation_set_new(void)
{
    revocation_set *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->slots = calloc(REVOCATION_MIN_CAP, sizeof *s->slots);
    if (!s->slots) {
        free(s);
        return NULL;
    }
    s->cap = REVOCATION_MIN_CAP;
    return s;
}

void revocation_set_free(revocation_set *s)
{
    if (!s) return;
    free(s->slots);
    free(s);
}

size_t revocation_set_count(const revocation_set *s) { return s ? s->n : 0; }

/* The slot holding sid, or the free slot where it would go. */
static revocation_entry *slot_for(revocation_entry *slots, size_t cap, const char *sid)
{
    size_t i = (size_t)hash_sid(sid) & (cap - 1);
    while (slots[i].sid[0] && strcmp(slots[i].sid, sid)) i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Rebuilds into a table sized for the live entries (expired ones dropped). */
static bool rebuild(revocation_set *s, time_t now)
{
    size_t live = 0;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].sid[0] && s->slots[i].until > now) live++;
    size_t cap = REVOCATION_MIN_CAP;
    while (cap < (live + 1) * 4) cap *= 2;
    revocation_entry *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].sid[0] && s->slots[i].until > now)
            *slot_for(slots, cap, s->slots[i].sid) = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    s->n = live;
    return true;
}

bool revocation_set_add(revocation_set *s, const char *sid, time_t until, time_t now)
{
    size_t len = sid ? strlen(sid) : 0;
    if (!s || len == 0 || len > REVOCATION_SID_MAX) return false;
    if ((s->n + 1) * 2 > s->cap && !rebuild(s, now)) return false;
    revocation_entry *e = slot_for(s->slots, s->cap, sid);
    if (!e->sid[0]) {
        memcpy(e->sid, sid, len + 1);
        e->until = until;
        s->n++;
    } else if (until > e->until) {
        e->until = until;
    }
    return true;
}

bool revocation_set_contains(const revocation_set *s, const char *sid, time_t now)
{
    size_t len = sid ? strlen(sid) : 0;
    if (!s || len == 0 || len > REVOCATION_SID_MAX) return false;
    const revocation_entry *e = slot_for(s->slots, s->cap, sid);
    return e->sid[0] && e->until > now;
}

/* ---- the worker's feed ---- */

/* How long a revocation heard at `now` must be kept: as long as an access
 * token issued just before can still be presented. */
static time_t keep_until(const worker_ctx *w, time_t now)
{
    return now + w->cfg->access_ttl + REVOCATION_SKEW;
}

static void on_message(void *ctx, const char *sid)
{
    worker_ctx *w = ctx;
    time_t now = config_now(w->cfg);
    if (!revocation_set_add(w->revoked, sid, keep_until(w, now), now))
        log_error("revocation_add_failed", "%s", "\"reason\":\"memory or session id\"");
}

/* A new database session heard nothing before its LISTEN: load what was
 * revoked while an access token of it can still be alive. */
static bool on_session(void *ctx)
{
    worker_ctx *w = ctx;
    const db_stmt *st = w->app->revocation->recent;
    time_t now = config_now(w->cfg);
    char since[32];
    time_format_rfc3339(now - w->cfg->access_ttl - 2 * REVOCATION_SKEW, since);
    arena a;
    arena_init(&a, 4096);
    const char *p[] = {since};
    PGresult *res = db_exec(w->db, &a, st, 1, p);
    for (int i = 0; res && i < PQntuples(res); i++)
        revocation_set_add(w->revoked, db_field(res, i, "sid"), keep_until(w, now), now);
    if (!res) log_error("revocation_load_failed", "%s", "\"reason\":\"query\"");
    arena_free(&a);
    return res != NULL;
}

bool revocation_revoked(worker_ctx *w, const char *sid)
{
    const server_revocation *cfg = w->app->revocation;
    if (!cfg || !sid || !sid[0]) return false;
    if (!w->revoked && !(w->revoked = revocation_set_new())) return false;
    notify_hub *hub = notify_hub_get(&w->notify);
    if (!hub) return false;
    notify_subscribe(hub, cfg->channel, on_message, on_session, w);
    notify_poll(hub, w->db);
    return revocation_set_contains(w->revoked, sid, config_now(w->cfg));
}

void revocation_worker_free(worker_ctx *w)
{
    revocation_set_free(w->revoked);
    w->revoked = NULL;
}
