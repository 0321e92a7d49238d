/* api.h - the route tables each resource module exports. One module per
 * file: ops, auth, catalogos, convocatorias, plazas, inscripciones,
 * documentos, informes (the serumista's), informes_revision (the
 * DIRESA's), the review stage (revision, publicaciones, subsanacion,
 * validaciones, vinculo_laboral). (The serumsd subcommands live in cmd/ and
 * call services.) */
#ifndef SERUMS_API_H
#define SERUMS_API_H
#include "config.h"
#include "routes.h"
#include <stddef.h>

/* Every module, one per line: its table `<name>_routes` and count `<name>_routes_n`. */
#define API_MODULES(X)       \
    X(ops)                   \
    X(auth)                  \
    X(catalogos)             \
    X(convocatorias)         \
    X(plazas)                \
    X(inscripciones)         \
    X(inscripcion_versiones) \
    X(documentos)            \
    X(revision)              \
    X(correcciones)          \
    X(publicaciones)         \
    X(subsanacion)           \
    X(validaciones)          \
    X(vinculo_laboral)       \
    X(informes)              \
    X(informes_revision)     \
    X(politicas)             \
    X(sorteos)               \
    X(orden_merito)          \
    X(adjudicaciones)        \
    X(anulaciones)           \
    /* end */

#define API_MODULE_DECLARE(name)        \
    extern const route name##_routes[]; \
    extern const size_t name##_routes_n;
API_MODULES(API_MODULE_DECLARE)

/* The worker's application slots (src/worker.h): one per module that keeps
 * state in a worker. */
enum { API_SLOT_ADJCACHE, API_SLOT_READYZ };

/* Runs the plaza page once on a session (no convocatoria 0 exists): routes_warm. */
void plazas_warm(db *d, arena *a);

#define ROUTES_N(table) (sizeof(table) / sizeof((table)[0]))

#endif
