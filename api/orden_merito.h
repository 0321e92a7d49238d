/* orden_merito.h - the merit order of one convocatoria × modalidad ×
 * profesión computed from the stored policy, grades and sorteo with the
 * domain rules (domain/orden.c): what sessions take their turns from and
 * what the ORDEN_MERITO list publishes. */
#ifndef SERUMS_ORDEN_MERITO_H
#define SERUMS_ORDEN_MERITO_H
#include "http.h"
#include "orden.h"
#include "politica.h"

typedef struct orden_calculo {
    politica pol;
    bool sorteo;           /* modo_adjudicacion SORTEO */
    const char *sorteo_id; /* the drawn sorteo used, or NULL */
    size_t n;
    orden_item *items; /* in merit order */
    const char *json;  /* {convocatoria, tipo, modalidad, profesion, politicas, items} */
} orden_calculo;

/* 0 ok; -1 after answering 404/409 or a database problem. */
int orden_merito_calcular(req *r, const char *convocatoria_id, const char *modalidad, const char *profesion,
                          orden_calculo *out);
#endif
