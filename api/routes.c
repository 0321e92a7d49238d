/* routes.c - collects every module's route table into one router. A module
 * added to the API is added to API_MODULES in api/api.h, nowhere else. */
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
