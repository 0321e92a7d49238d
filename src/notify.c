/* notify.c - the worker's LISTEN/NOTIFY hub (see notify.h). Each
 * subscription remembers the database session (backend pid) it listens on;
 * a reconnect or a new subscription makes the next poll LISTEN again and tell
 * the subscriber, which then reloads what it may have missed. */
#include "notify.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTIFY_MAX_SUBS 8

typedef struct notify_sub {
    char channel[64];
    notify_message_fn on_message;
    notify_session_fn on_session;
    void *ctx;
    int session; /* backend pid listened on, 0 = none */
} notify_sub;

struct notify_hub {
    notify_sub subs[NOTIFY_MAX_SUBS];
    int n;
};

notify_hub *notify_hub_new(void) { return calloc(1, sizeof(notify_hub)); }

void notify_hub_free(notify_hub *h) { free(h); }

notify_hub *notify_hub_get(notify_hub **slot)
{
    if (!*slot) *slot = notify_hub_new();
    return *slot;
}

static bool channel_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n < 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz_") == n;
}

bool notify_subscribe(notify_hub *h, const char *channel, notify_message_fn on_message,
                      notify_session_fn on_session, void *ctx)
{
    if (!h || !channel_valid(channel)) return false;
    for (int i = 0; i < h->n; i++)
        if (!strcmp(h->subs[i].channel, channel)) return true;
    if (h->n == NOTIFY_MAX_SUBS) return false;
    notify_sub *s = &h->subs[h->n++];
    snprintf(s->channel, sizeof s->channel, "%s", channel);
    s->on_message = on_message;
    s->on_session = on_session;
    s->ctx = ctx;
    s->session = 0;
    return true;
}

/* LISTEN on the subscriptions that do not yet listen on this session. */
static bool listen_all(notify_hub *h, db *d, int session)
{
    for (int i = 0; i < h->n; i++) {
        notify_sub *s = &h->subs[i];
        if (s->session == session) continue;
        char sql[96];
        snprintf(sql, sizeof sql, "listen %s", s->channel);
        if (!db_command(d, sql)) return false;
        s->session = session;
        if (s->on_session && !s->on_session(s->ctx)) s->session = 0;
    }
    return true;
}

static void deliver(notify_hub *h, const PGnotify *n)
{
    for (int i = 0; i < h->n; i++)
        if (!strcmp(h->subs[i].channel, n->relname) && h->subs[i].on_message)
            h->subs[i].on_message(h->subs[i].ctx, n->extra);
}

bool notify_poll(notify_hub *h, db *d)
{
    PGconn *conn = d ? d->conn : NULL;
    if (!h || !conn || PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE)
        return false;
    if (!listen_all(h, d, PQbackendPID(conn))) return false;
    if (!PQconsumeInput(conn)) return false;
    PGnotify *n;
    while ((n = PQnotifies(conn))) {
        deliver(h, n);
        PQfreemem(n);
    }
    return true;
}
