/* api.h - the route tables each resource module exports, and the hooks the
 * serumsd subcommands call (seeders, admin commands). One module per file:
 * ops, auth, catalogos, convocatorias, plazas, inscripciones, documentos. */
#ifndef SERUMS_API_H
#define SERUMS_API_H
#include "config.h"
#include "routes.h"
#include <libpq-fe.h>
#include <stddef.h>

#define API_MODULE(name)                  \
    extern const route name##_routes[];   \
    extern const size_t name##_routes_n

API_MODULE(ops);
API_MODULE(auth);
API_MODULE(catalogos);
API_MODULE(convocatorias);
API_MODULE(plazas);
API_MODULE(inscripciones);
API_MODULE(documentos);

#define ROUTES_N(table) (sizeof(table) / sizeof((table)[0]))

/* Seeders run by `serumsd seed`, in this order, each idempotent; 0 ok. */
int catalogos_seed(const config *cfg, PGconn *c);
int auth_seed(const config *cfg, PGconn *c);
int convocatorias_seed(const config *cfg, PGconn *c);

/* Admin subcommands: `serumsd user ...`, `serumsd import ...`. Exit codes. */
int auth_cli(const config *cfg, int argc, char **argv);
int plazas_cli(const config *cfg, int argc, char **argv);
#endif
