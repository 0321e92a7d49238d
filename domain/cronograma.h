/* cronograma.h - the phases of a convocatoria (DESIGN §2) and the rules a
 * cronograma obeys: known phase names, each window [inicia, termina) with
 * inicia < termina, phases in their canonical order without overlapping.
 * Pure: the handler passes the merged cronograma and gets field errors. */
#ifndef SERUMS_CRONOGRAMA_H
#define SERUMS_CRONOGRAMA_H
#include "json.h"
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CRONOGRAMA_NFASES 11
extern const char *const CRONOGRAMA_FASES[CRONOGRAMA_NFASES + 1]; /* in order, NULL-terminated */

/* Position of a phase name in the canonical order, or -1. */
int cronograma_orden(const char *fase);

typedef struct cronograma_fase {
    const char *fase;
    time_t inicia, termina;
    int origen; /* index in the request's `fases`, or -1 when already stored */
} cronograma_fase;

/* Checks a whole cronograma (sorted in place by phase order). Errors go to e
 * with fields "fases[i].fase|inicia|termina" (i = origen; "fases" when both
 * phases involved were already stored). Returns true when valid. */
bool cronograma_valida(cronograma_fase *f, size_t n, verr *e);
/* The phase whose window holds `now`, or NULL. */
const char *cronograma_vigente(const cronograma_fase *f, size_t n, time_t now);
#endif
