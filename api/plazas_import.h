/* plazas_import.h - the one code path that loads a MINSA offer file into a
 * convocatoria: the import endpoint, the development seed and `serumsd
 * import` all call plazas_importar with a req (the last two build a local
 * one with plazas_req_local). */
#ifndef SERUMS_PLAZAS_IMPORT_H
#define SERUMS_PLAZAS_IMPORT_H
#include "http.h"
#include "worker.h"

/* "remunerada" | "equivalente" (any case) -> "REMUNERADA" | "EQUIVALENTE"; NULL otherwise. */
const char *plazas_modalidad(const char *s);

/* Reads the file against the catalogs and, when every row is good, replaces
 * the convocatoria's offer of that modality in one transaction (establishments
 * upserted, the import recorded and audited). Refused with 409 once
 * adjudication has begun. Answers r: 201 with the report
 * {importacion_id, modalidad, filas_leidas, filas_importadas, plazas,
 * rechazadas, advertencias}, 422 OFERTA_CON_ERRORES with the same members
 * (nothing imported), or another problem (empty, binary, delimiter, header). */
void plazas_importar(req *r, const char *convocatoria_id, const char *modalidad, const char *body, size_t len);

/* Whether the latest import of that modality had this exact file (sha256):
 * 1 yes, 0 no, -1 database error. Lets the seed skip unchanged files. */
int plazas_importado(req *r, const char *convocatoria_id, const char *modalidad, const char *body, size_t len);

/* A request for work outside the FastCGI loop (seed, command line): the
 * worker context holds cfg and a db whose connection is `conn`. */
void plazas_req_local(req *r, worker_ctx *w, db *d, arena *a, const config *cfg, PGconn *conn, const char *request_id);
#endif
