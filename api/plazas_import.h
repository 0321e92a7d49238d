/* plazas_import.h - the one service that loads a MINSA offer file into a
 * convocatoria: the import endpoint (api/plazas.c), the development seed
 * (cmd/seed.c) and `serumsd import` (cmd/import.c) all call
 * plazas_importar and turn its result into their own output. */
#ifndef SERUMS_PLAZAS_IMPORT_H
#define SERUMS_PLAZAS_IMPORT_H
#include "oferta.h"
#include "servicio.h"

/* "remunerada" | "equivalente" (any case) -> "REMUNERADA" | "EQUIVALENTE"; NULL otherwise. */
const char *plazas_modalidad(const char *s);

typedef enum importe_estado {
    IMPORTE_HECHO,            /* the offer replaced: the report is complete */
    IMPORTE_ARCHIVO,          /* a whole-file problem: of.problema, of.detalle */
    IMPORTE_RECHAZADO,        /* rows with errors (of.rechazadas): nothing imported */
    IMPORTE_FASE_INICIADA,    /* adjudication has begun: detalle */
    IMPORTE_SIN_CONVOCATORIA,
    IMPORTE_ERROR_BD,         /* the database failed (its state says how) */
} importe_estado;

typedef struct importe {
    importe_estado estado;
    const char *detalle;                      /* IMPORTE_FASE_INICIADA */
    const char *convocatoria_id, *modalidad;
    oferta_resultado of;
    const char *importacion_id;               /* IMPORTE_HECHO */
    long filas_importadas, plazas, establecimientos;
} importe;

/* Reads the file against the catalogs and, when every row is good, replaces
 * the convocatoria's offer of that modality in one transaction
 * (establishments upserted, the import recorded and audited). Refused once
 * adjudication has begun. */
void plazas_importar(const servicio *s, const char *convocatoria_id, const char *modalidad, const char *body,
                     size_t len, importe *out);

/* The report {importacion_id, convocatoria_id, modalidad, filas_leidas,
 * filas_importadas, plazas, establecimientos, rechazadas, advertencias} as
 * members of the object w has open (importacion_id and establecimientos only
 * once imported). */
void plazas_importe_miembros(jw *w, void *importe);

/* Whether the latest import of that modality had this exact file (sha256):
 * 1 yes, 0 no, -1 database error. Lets the seed skip unchanged files. */
int plazas_importado(const servicio *s, const char *convocatoria_id, const char *modalidad, const char *body,
                     size_t len);
#endif
