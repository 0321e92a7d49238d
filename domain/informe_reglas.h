/* informe_reglas.h - what an informe row or text may hold
 * (design/informe-final.md): counts are integers 0..100,000 a month written
 * without a fraction (the old system printed -20 in its own sample), the
 * rubro comes from a catalog, an actividad is 3-300 characters once its
 * whitespace is collapsed, conclusiones and recomendaciones up to 4,000
 * characters each. Pure checks, and readers of request bodies that record
 * one error per wrong field (json.h's verr) with codes the API documents. */
#ifndef SERUMS_INFORME_REGLAS_H
#define SERUMS_INFORME_REGLAS_H
#include "arena.h"
#include "informe.h"
#include "informe_periodo.h"
#include "json.h"
#include <stdbool.h>

#define INFORME_CONTEO_MAX 100000L
#define INFORME_ACTIVIDAD_MIN 3
#define INFORME_ACTIVIDAD_MAX 300
#define INFORME_TEXTO_MAX 4000

typedef enum {
    CONTEO_OK,
    CONTEO_NO_NUMERO, /* not a JSON number */
    CONTEO_NO_ENTERO, /* 2.5, 2.0, 1e3 */
    CONTEO_NEGATIVO,
    CONTEO_EXCESIVO, /* over INFORME_CONTEO_MAX */
} informe_conteo_res;

/* A count from a JSON value (NULL counts as CONTEO_NO_NUMERO). */
informe_conteo_res informe_conteo(const jv *v, long *out);

typedef struct informe_rubro {
    const char *codigo, *nombre;
} informe_rubro;
extern const informe_rubro INFORME_RUBROS[];                   /* ends with {NULL, NULL} */
const informe_rubro *informe_rubro_buscar(const char *codigo); /* NULL when unknown */
const char *informe_rubro_nombre(const char *codigo);          /* the code itself when unknown */

typedef enum {
    TEXTO_OK,
    TEXTO_CORTO,
    TEXTO_LARGO,
    TEXTO_CONTROL, /* control characters (line breaks only allowed in long texts) */
} informe_texto_res;

/* The actividad with whitespace collapsed in *out (arena); checks 3..300. */
informe_texto_res informe_actividad_texto(arena *a, const char *s, const char **out);
/* Conclusiones / recomendaciones: up to 4,000 characters, tabs and line breaks allowed. */
informe_texto_res informe_texto_largo(const char *s);

/* Body readers: each reads its fields through r and records an error per
 * wrong field in r->e; true when every field it reads is right. */
/* {"programadas", "ejecutadas"} */
bool informe_lee_conteos(jr *r, long *programadas, long *ejecutadas);
/* {"anio", "mes", "rubro", "actividad", "programadas", "ejecutadas"}; the month must be in p. */
bool informe_lee_actividad(jr *r, const informe_periodo *p, informe_actividad *out);
/* {"conclusiones", "recomendaciones"}: each a string or null (stored as null). */
bool informe_lee_textos(jr *r, const char **conclusiones, const char **recomendaciones);
/* Adds MES_FUERA_DEL_PERIODO for field "mes" when (anio, mes) is not in p. */
bool informe_exige_mes(verr *e, const informe_periodo *p, int anio, int mes);
#endif
