/* publicacion.h - published lists (open data, design/revision-publicacion.md):
 * the generic machinery every list tipo uses. A tipo declares its columns;
 * a version is those columns over a set of rows; rendering gives the CSV
 * (UTF-8 with BOM, ';', CRLF, decimal comma for Spanish-locale spreadsheets)
 * and the JSON {convocatoria, tipo, version, publicado_at, sha256, filas,
 * items}, each with its SHA-256. Only declared columns are ever written, and
 * a DOCUMENTO column is always masked (`****1234`), whatever it is given:
 * contact data, reasons and health data cannot reach a list by construction.
 * Pure: no I/O (the caller stores and writes the files). */
#ifndef SERUMS_PUBLICACION_H
#define SERUMS_PUBLICACION_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PUB_TEXTO,    /* JSON string */
    PUB_ENTERO,   /* JSON integer */
    PUB_DECIMAL,  /* JSON number; CSV with a decimal comma */
    PUB_DOCUMENTO /* an identity document number, masked on output */
} pub_col_tipo;

typedef struct pub_columna {
    const char *nombre;
    pub_col_tipo tipo;
} pub_columna;

typedef struct pub_tipo {
    const char *tipo; /* "APTOS_PRELIMINAR" ... */
    const char *fase; /* published in or after this cronograma phase */
    const pub_columna *columnas;
    size_t n_columnas;
} pub_tipo;

/* The registry (publicacion_tipos.c): NULL when unknown. */
const pub_tipo *pub_tipo_buscar(const char *tipo);
/* The i-th registered tipo, NULL past the end (for listings and tests). */
const pub_tipo *pub_tipo_en(size_t i);

typedef struct pub_version {
    const char *convocatoria; /* the convocatoria's code, "2026-I" */
    const pub_tipo *tipo;
    long version;             /* 1, 2, ... */
    const char *publicado_at; /* RFC 3339 UTC */
    size_t filas;
    const char *const *celdas; /* filas x n_columnas, row-major; NULL = null */
} pub_version;

typedef struct pub_archivo {
    const char *datos;
    size_t len;
    char sha256[65]; /* lowercase hex */
} pub_archivo;

/* Renders both files. The JSON's "sha256" is the CSV file's (the version's
 * identity, printed in the index); each file's own hash is its strong ETag.
 * 0 ok; -1 when a numeric cell is not a number (PUB_INVALIDO) or memory ran out. */
int pub_render(arena *a, const pub_version *v, pub_archivo *csv, pub_archivo *json);

/* "****" and the last 4 characters of a document number ("****" alone when
 * shorter than 6: too little to show safely). */
char *pub_documento_mascara(arena *a, const char *numero);
/* SHA-256 of len bytes as lowercase hex. */
void pub_sha256_hex(const void *data, size_t len, char out[65]);
#endif
