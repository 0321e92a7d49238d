/* app.h - what an application hands the platform when it starts: its route
 * tables and the roles its tokens carry. The platform knows nothing else of
 * the application (no arrow from src/ up to api/). */
#ifndef SERUMS_APP_H
#define SERUMS_APP_H
#include "config.h"
#include "db.h"
#include "http.h"
#include "router.h"
#include "token.h"

/* Session revocation (revocation.h): the channel the database NOTIFYs with a
 * revoked session id, and the statement listing the ids revoked since $1
 * (RFC 3339) in a column `sid`. */
typedef struct server_revocation {
    const char *channel;
    const db_stmt *recent;
} server_revocation;

typedef struct server_app {
    router *(*routes_build)(void);       /* every route, built once per process */
    const token_role *roles;             /* {NULL}-terminated */
    const problem_def *problems;         /* {NULL}-terminated: titles of problem codes */
    const server_revocation *revocation; /* NULL: access tokens are never revoked early */
    /* A loop the master runs as its own child beside the workers (respawned,
     * reloaded and stopped like them; it stops on SIGTERM); NULL: none. */
    int (*background)(const config *cfg);
    /* Run by each worker of `pool` once its database session is up, before
     * its first request: the statements whose first run in a session is slow
     * (a function's plan, the catalog caches) run here, not in a client's
     * request. Results live on the arena, which the worker then resets.
     * NULL: nothing to warm. */
    void (*warm)(db *d, arena *a, pool_kind pool);
} server_app;
#endif
