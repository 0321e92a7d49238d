/* routes.c - collects every module's route table into one router. A module
 * added to the API is added here and in api/api.h, nowhere else. */
#include "routes.h"
#include "api.h"

const token_role api_roles[] = {
    {"postulante", ROLE_POSTULANTE, false},
    {"diresa", ROLE_DIRESA, true},      /* scope: the DIRESA code */
    {"admin", ROLE_ADMIN, false},
    {NULL, 0, false},
};

router *routes_build(void)
{
    const route *const tables[] = {ops_routes, auth_routes, catalogos_routes, convocatorias_routes,
                                   plazas_routes, inscripciones_routes, documentos_routes};
    const size_t counts[] = {ops_routes_n, auth_routes_n, catalogos_routes_n, convocatorias_routes_n,
                             plazas_routes_n, inscripciones_routes_n, documentos_routes_n};
    return router_new(tables, counts, sizeof counts / sizeof counts[0]);
}
