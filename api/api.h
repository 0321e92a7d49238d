/* api.h - the route tables each resource module exports. One module per
 * file: ops, auth, catalogos, convocatorias, plazas, inscripciones,
 * documentos. (The serumsd subcommands live in cmd/ and call services.) */
#ifndef SERUMS_API_H
#define SERUMS_API_H
#include "config.h"
#include "routes.h"
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

#endif
