/* worker.h - the per-worker context (the only mutable state a worker has) and
 * the FastCGI accept loop that turns each request into a `req`. */
#ifndef SERUMS_WORKER_H
#define SERUMS_WORKER_H
#include "app.h"
#include "config.h"
#include "db.h"
#include "metrics.h"
#include "migrate.h"
#include "router.h"

/* State the application keeps per worker (created on first use by api/ code,
 * released by `liberar` when the worker exits). Slot numbers belong to the application. */
#define WORKER_APP_SLOTS 4
typedef struct worker_app_slot {
    void *p;
    void (*liberar)(void *p);
} worker_app_slot;

typedef struct worker_ctx {
    const config *cfg;
    db *db;
    metrics *metrics;
    const router *router;
    const server_app *app; /* routes and roles of the application */
    int slot;
    pool_kind pool; /* the worker pool this process serves */
    int listen_fd;
    const migrate_state *expected;  /* for /readyz */
    struct respcache *cache;        /* public answers, created on first use (api/publico.c) */
    struct revocation_set *revoked; /* revoked sessions, created on first use (revocation.c) */
    struct notify_hub *notify;      /* LISTEN/NOTIFY subscriptions on db (notify.c) */
    int pid;                        /* for log lines, read once */
    long long log_second;           /* second whose timestamp text is cached */
    char log_ts[24];                /* "2026-11-22T05:05:36" */
    worker_app_slot app_slot[WORKER_APP_SLOTS];
} worker_ctx;

/* Runs until SIGTERM (drains the request in flight) and returns the exit code. */
int worker_run(worker_ctx *w);
/* Dispatches one parsed request: route, limits, auth, handler. Public for tests/fuzzing. */
void worker_dispatch(worker_ctx *w, struct req *r);
#endif
