/* validacion.h - external validations (design/revision-publicacion.md): the
 * official file the national team loads for one fuente (colegiaturas, ENAM,
 * Evaluación SERUMS or PPP grades) as text/csv
 * `tipo_documento,numero_documento,valor`, read whole with every bad line
 * listed, and the comparison of an official value with what the postulante
 * declared. Pure: unit-tested and fuzzed. */
#ifndef SERUMS_VALIDACION_H
#define SERUMS_VALIDACION_H
#include "arena.h"
#include "revision.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum { VAL_COLEGIATURA, VAL_ENAM, VAL_EVALUACION_SERUMS, VAL_PPP, VAL_FUENTE_N } val_fuente;

const char *val_fuente_nombre(val_fuente f); /* "COLEGIATURA"... */
int val_fuente_desde_nombre(const char *s);  /* -1 when unknown */
/* The datos_profesionales field it checks ("numero_colegiatura", "nota_enam", ...). */
const char *val_fuente_campo(val_fuente f);
/* The review requisito it concerns (COLEGIATURA, NOTA_ENAM, ...). */
rev_requisito val_fuente_requisito(val_fuente f);

typedef struct val_fila {
    long linea;
    const char *tipo_documento; /* DNI | CE */
    const char *numero_documento;
    const char *valor; /* as written, trimmed */
    long clave;        /* colegiatura as a number, or the grade in hundredths */
} val_fila;

typedef struct val_error {
    long linea;
    const char *motivo; /* Spanish */
} val_error;

typedef struct val_archivo {
    val_fuente fuente;
    val_fila *filas; /* sorted by (tipo_documento, numero_documento) */
    size_t n;
    val_error *errores; /* in line order */
    size_t n_errores;
} val_archivo;

/* Reads the whole file: an optional header line, ',' or ';' as delimiter,
 * blank lines ignored. Every bad line gets an error (wrong cell count,
 * unknown tipo, malformed number, valor out of range, a document repeated);
 * a file with errors must import nothing. 0, or -1 when out of memory. */
int val_archivo_leer(arena *a, const char *buf, size_t len, val_fuente f, val_archivo *out);

/* The official row of one document, or NULL. */
const val_fila *val_archivo_buscar(const val_archivo *v, const char *tipo_documento, const char *numero);

typedef enum { VAL_CONFORME, VAL_DISCREPANCIA, VAL_NO_ENCONTRADO, VAL_NO_APLICA } val_resultado;
const char *val_resultado_nombre(val_resultado r);

/* Compares what the postulante declared (the field's text, NULL when not
 * declared) with the official row (NULL when the document is not in the
 * file). NO_APLICA: nothing declared and nothing official. */
val_resultado val_comparar(val_fuente f, const char *declarado, const val_fila *oficial);
/* The comparison key of a value (colegiatura number or grade in
 * hundredths); false when the text is not a valid value for the fuente. */
bool val_clave(val_fuente f, const char *texto, long *clave);
#endif
