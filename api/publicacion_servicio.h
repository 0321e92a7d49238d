/* publicacion_servicio.h - the one way to publish a list (issue 10): the
 * machinery every tipo shares (APTOS_* here; ORDEN_MERITO, SORTEO,
 * ADJUDICADOS_* and ANULACIONES from the adjudication stage). A tipo is
 * declared in domain/publicacion_tipos.c (its columns and phase); its rows
 * come from any SQL whose result columns are named as the tipo's columns,
 * or from cells computed in C (the merit order).
 * publicacion_guardar numbers the version, renders CSV and JSON
 * (domain/publicacion.c: masking, SHA-256), stores the exact bytes and
 * audits, all in the caller's transaction; after the commit,
 * publicacion_escribir_archivos writes the static files nginx serves. */
#ifndef SERUMS_PUBLICACION_SERVICIO_H
#define SERUMS_PUBLICACION_SERVICIO_H
#include "publicacion.h"
#include "servicio.h"
#include <libpq-fe.h>

typedef struct pub_publicada {
    const char *convocatoria_id;
    const pub_tipo *tipo;
    long version;
    const char *publicado_at;
    size_t filas;
    pub_archivo csv, json;
} pub_publicada;

typedef enum {
    PUB_HECHA,
    PUB_SIN_CONVOCATORIA, /* no such convocatoria */
    PUB_FILAS_INVALIDAS,  /* the SQL lacks a column of the tipo, or a number is not one (a bug: 500) */
    PUB_ERROR_BD          /* the database failed (the caller maps it) */
} pub_estado;

/* Inside the caller's open transaction: locks the convocatoria's numbering,
 * builds version n+1 of tipo t from `filas` (columns read by name), stores
 * it and audits it as s->actor (who must be a user: publicado_por). */
pub_estado publicacion_guardar(const servicio *s, const char *convocatoria_id, const pub_tipo *t,
                               const PGresult *filas, pub_publicada *out);
/* The same for rows computed in C (ORDEN_MERITO): n_filas x the tipo's
 * columns, row-major, NULL = null; publicacion_guardar reads its PGresult
 * into such cells and calls this. */
pub_estado publicacion_guardar_celdas(const servicio *s, const char *convocatoria_id, const pub_tipo *t,
                                      size_t n_filas, const char *const *celdas, pub_publicada *out);
/* After the commit: writes <dir>/<convocatoria>/<TIPO>/v<n>.{csv,json} and
 * the latest copies <TIPO>.{csv,json} atomically (temp file + rename), where
 * dir is SERUMS_PUBLICACIONES_DIR, else $SERUMS_VAR/publicaciones, else
 * var/publicaciones. The database keeps the bytes: a failure is logged and
 * the files can be written again from it. 0 ok, -1 when a file failed. */
int publicacion_escribir_archivos(const servicio *s, const pub_publicada *p);
#endif
