/* router.h - maps method + path to a route template ("/v1/items/{id}")
 * and extracts its parameters. Pure: fuzzed and unit-tested. */
#ifndef SERUMS_ROUTER_H
#define SERUMS_ROUTER_H
#include "arena.h"
#include <stddef.h>

#define ROUTER_MAX_PARAMS 6
#define ROUTER_MAX_SEGMENTS 12

struct req;
typedef void (*handler_fn)(struct req *r);

/* Roles a route admits: a bitmask of the application's role bits
 * (token_role.bit); 0 = public. */
#define ROLES_PUBLIC 0u

/* Body a route accepts. */
typedef enum { BODY_NONE = 0, BODY_JSON, BODY_PDF, BODY_CSV } body_kind;

/* Route flags. The pool flags place a route in a worker pool (bulkheads,
 * DESIGN §5): nginx routes each request to its pool's socket by a map that
 * `serumsd routes --nginx` generates from this table. Unflagged routes run
 * in the general pool. */
enum {
    ROUTE_POOL_PUBLIC = 1, /* public cached reads */
    ROUTE_POOL_AUTH = 2,   /* password hashing (login, register, password changes) */
    ROUTE_NO_STORE = 4,    /* Cache-Control: no-store even though public (tokens) */
};

typedef enum { POOL_APP = 0, POOL_PUBLIC, POOL_AUTH, POOL_COUNT } pool_kind;
/* "app", "public", "auth": socket suffix, nginx upstream suffix, log name. */
const char *pool_name(pool_kind p);

typedef struct route {
    const char *method;
    const char *tmpl;
    handler_fn fn;
    unsigned roles;
    body_kind body;
    size_t max_body; /* 0 = default for the kind */
    unsigned flags;  /* ROUTE_* */
} route;

pool_kind route_pool(const route *r);

typedef struct route_params {
    size_t n;
    const char *names[ROUTER_MAX_PARAMS];
    const char *values[ROUTER_MAX_PARAMS];
} route_params;

typedef struct router router;

/* Builds a router from module tables; -1 on a malformed template. */
router *router_new(const route *const *tables, const size_t *counts, size_t ntables);
void router_free(router *rt);
size_t router_count(const router *rt);
const route *router_at(const router *rt, size_t i);
size_t router_index(const router *rt, const route *r);

typedef enum { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD, ROUTE_BAD_PATH } route_result;
/* On ROUTE_BAD_METHOD, allow gets "GET, PUT" (arena). Path params are
 * percent-decoded into the arena. HEAD matches GET routes. */
route_result router_match(const router *rt, arena *a, const char *method, const char *path, const route **out,
                          route_params *params, const char **allow);
const char *route_param(const route_params *p, const char *name);
/* The nginx `map "$serums_route_method $uri" $serums_pool` block that sends each
 * route to its pool's upstream (serums_app, serums_public, serums_auth). */
char *router_nginx_pool_map(const router *rt, arena *a);
#endif
