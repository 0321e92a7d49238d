/* routes.c - collects every module's route table into one router (a module
 * added to the API is added to API_MODULES in api/api.h, nowhere else), and
 * names what each pool's new database session runs before its first request. */
#include "routes.h"
#include "api.h"

const token_role api_roles[] = {
    {"postulante", ROLE_POSTULANTE, false},
    {"diresa", ROLE_DIRESA, true}, /* scope: the DIRESA code */
    {"admin", ROLE_ADMIN, false},
    {NULL, 0, false},
};

router *routes_build(void)
{
#define API_TABLE(name) name##_routes,
#define API_COUNT(name) name##_routes_n,
    const route *const tables[] = {API_MODULES(API_TABLE)};
    const size_t counts[] = {API_MODULES(API_COUNT)};
    return router_new(tables, counts, sizeof counts / sizeof counts[0]);
}

/* The public pool's one costly first run: the plaza page's function (its
 * plan and the catalogs it reads take ~50 ms in a new session, seconds'
 * worth of stall under load when it falls in a client's request). */
void routes_warm(db *d, arena *a, pool_kind pool)
{
    if (pool == POOL_PUBLIC) plazas_warm(d, a);
}
