/* orden_merito.h - the merit order of one convocatoria × modalidad ×
 * profesión computed from the stored policy, grades and sorteo with the
 * domain rules (domain/orden.c), rendered as the rows of the ORDEN_MERITO
 * list (domain/publicacion_tipos.c): what the admin previews, what
 * POST .../publicaciones {"tipo": "ORDEN_MERITO"} publishes for every group,
 * and so what sessions take their turns from (api/adjudicaciones.c reads the
 * published version, never this computation). */
#ifndef SERUMS_ORDEN_MERITO_H
#define SERUMS_ORDEN_MERITO_H
#include "http.h"
#include "orden.h"
#include "politica.h"

typedef struct orden_fila orden_fila; /* one inscription's published data (orden_merito.c) */

typedef struct orden_calculo {
    politica pol;
    const char *convocatoria; /* its code, "2026-I" */
    const char *modalidad, *profesion;
    const char *politica_txt; /* the stored canonical JSON */
    bool sorteo;              /* modo_adjudicacion SORTEO */
    const char *sorteo_id;    /* the drawn sorteo used, or NULL */
    size_t n;
    orden_item *items;              /* in merit order */
    const orden_fila *const *filas; /* filas[i]: the data of items[i] */
} orden_calculo;

/* 0 ok; -1 after answering 404/409 or a database problem. */
int orden_merito_calcular(req *r, const char *convocatoria_id, const char *modalidad, const char *profesion,
                          orden_calculo *out);
/* The ORDEN_MERITO rows of every modalidad × profesión of the convocatoria
 * with APTO (or ADJUDICADO) inscriptions, by modalidad, profesión and
 * N° adjudicación, as cells in the tipo's columns (*n rows). 0 ok; -1 after
 * answering (no aptos 409 SIN_APTOS, a group without policy, a sorteo
 * profession without its drawn sorteo, ties left without a sorteo, a missing
 * grade). */
int orden_merito_filas(req *r, const char *convocatoria_id, size_t *n, const char *const **celdas);
#endif
