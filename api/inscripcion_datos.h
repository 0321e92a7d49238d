/* inscripcion_datos.h - what inscripciones.c and documentos.c share: loading
 * one inscription as the caller may see it (owner, DIRESA scope, admin; 404
 * otherwise) or may change it (owner, draft, phase open), the catalogs the
 * rules consult (database lookups memoized per request), the rules' context,
 * and the whole inscription as JSON. */
#ifndef SERUMS_INSCRIPCION_DATOS_H
#define SERUMS_INSCRIPCION_DATOS_H
#include "db.h"
#include "comun.h"
#include "http.h"
#include "inscripcion_reglas.h"
#include <time.h>

typedef struct insc_fila {
    const char *id, *convocatoria_id, *convocatoria_codigo, *convocatoria_tipo, *estado;
    const char *usuario_id, *email, *tipo_documento, *numero_documento, *fecha_nacimiento;
    const char *nombres, *apellido_paterno, *apellido_materno;
    const char *secciones[SEC_N]; /* stored JSON text, NULL when not given */
    const char *creado_at, *actualizado_at, *finalizado_at;
    const char *codigo_verificacion, *sha256_datos, *datos_finalizados;
    const char *documentos;   /* JSON array [{tipo, tamano, sha256, subido_at}] */
    const char *version;      /* row version (ETag of GET, If-Match of a review); NULL: not loaded */
    const char *adjudicacion; /* JSON {plaza, periodo, informe} or NULL (informe_adjudicacion()) */
} insc_fila;

/* The rows of an inscripcion_vista result (at most max) into f; their count. */
int insc_filas(const PGresult *res, insc_fila *f, int max);

/* Path id -> inscription the caller may read; else answers (404, 503) and returns -1. */
int insc_cargar_lectura(req *r, const char *id, insc_fila *f);
/* Opens a transaction and locks the caller's own draft in a convocatoria
 * whose INSCRIPCION phase is open; else rolls back, answers (404, 409, 5xx)
 * and returns -1. */
int insc_cargar_escritura(req *r, const char *id, insc_fila *f);

/* Database-backed catalogs, memoized for the request. */
#define INSC_MEMO 24
typedef struct insc_memo {
    char clave[160];
    int rc;
    insc_profesion profesion;
    bool exonera;
    long n;
} insc_memo;
typedef struct insc_catalogo_bd {
    req *r;
    const char *convocatoria_id;
    insc_memo memo[INSC_MEMO];
    int nmemo;
    insc_catalogo cat;
} insc_catalogo_bd;
void insc_catalogo_bd_init(insc_catalogo_bd *c, req *r, const char *convocatoria_id);

/* The rules' context for this inscription: today in Lima, birth date. */
void insc_ctx_init(insc_ctx *ctx, req *r, const insc_fila *f, insc_catalogo_bd *c);
/* Parses a stored section (or any trusted JSON text); NULL on NULL input. */
const jv *insc_json_guardado(req *r, const char *texto);

/* The uploaded documents (a JSON array of {tipo, tamano, sha256, subido_at}),
 * or NULL after answering 500; and their INSC_DOC_BIT()s. */
const jv *insc_documentos(req *r, const insc_fila *f);
unsigned insc_documentos_bits(const jv *docs);
/* "documentos": [{tipo, tamano, sha256[, subido_at, requerido]}] from insc_documentos();
 * the snapshot writes the short form, the inscription view the detailed one. */
void insc_escribir_lista_documentos(jw *w, const jv *docs, bool detalle, unsigned requeridos);
/* "convocatoria": {id, codigo[, tipo]}. */
void insc_escribir_convocatoria(jw *w, const insc_fila *f, bool con_tipo);
/* "postulante": {[id,] tipo_documento, numero_documento, nombres, apellidos}. */
void insc_escribir_postulante(jw *w, const insc_fila *f, bool con_id);

/* A parsed JSON value written back as is (NULL -> null). */
void insc_escribir_jv(jw *w, const jv *v);

/* Writes the whole inscription: sections, documents, what is missing. `cat`
 * (may be NULL) lends the catalog answers this request already has.
 * Returns -1 after answering (database failure). */
int insc_escribir(req *r, jw *w, const insc_fila *f, insc_catalogo_bd *cat);
/* Loads inscription `id` again (after a write) and answers it with status. */
void insc_responder(req *r, int status, const char *id, insc_catalogo_bd *cat);

#endif
