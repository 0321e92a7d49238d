/* inscripcion_reglas.h - what an inscription must say (DESIGN §3, issue 5):
 * the four sections of the wizard, each read and validated whole (one error
 * per field, the rules of the profession's group, the cross-field rules),
 * which PDFs the answers require, and everything still missing before it can
 * be finalized. Pure: the catalogs it consults come in as callbacks, so unit
 * tests pass fakes and the handlers pass the database. */
#ifndef SERUMS_INSCRIPCION_REGLAS_H
#define SERUMS_INSCRIPCION_REGLAS_H
#include "arena.h"
#include "json.h"
#include <stdbool.h>

typedef enum {
    SEC_PERSONALES,    /* datos_personales */
    SEC_PROFESIONALES, /* datos_profesionales */
    SEC_POSTULACION,   /* datos_postulacion */
    SEC_DECLARACION,   /* declaracion_jurada */
    SEC_N
} insc_seccion_id;

typedef enum { DOC_PPP, DOC_ENAM, DOC_FFAA, DOC_DISCAPACIDAD, DOC_RENUNCIA, DOC_COMPROBANTE, DOC_N } insc_doc;
#define INSC_DOC_BIT(d) (1u << (d))

/* "datos_personales"...; the JSON key of the section. */
const char *insc_seccion_nombre(insc_seccion_id id);
/* "PPP"...; and back (-1 when unknown). */
const char *insc_doc_tipo(insc_doc d);
int insc_doc_desde_tipo(const char *tipo);
/* "Promedio ponderado promocional (PPP)"...: for messages and the constancia. */
const char *insc_doc_descripcion(insc_doc d);

typedef struct insc_profesion {
    char grupo[16]; /* MEDICINA | CIENCIAS_SALUD | OTRAS */
    bool requiere_ppp;
} insc_profesion;

/* The catalogs the rules consult. Each answers 1 (found), 0 (unknown code)
 * or -1 (could not ask: the caller answers 503/500). */
typedef struct insc_catalogo {
    void *ud;
    int (*profesion)(void *ud, const char *codigo, insc_profesion *out);
    int (*diresa)(void *ud, const char *codigo, bool *exonera_comprobante);
    int (*distrito)(void *ud, const char *codigo);
    int (*institucion)(void *ud, const char *codigo);
    /* remunerated plazas of the convocatoria for profession, institution and DIRESA */
    int (*plazas_remuneradas)(void *ud, const char *profesion, const char *institucion, const char *diresa,
                              long *n);
} insc_catalogo;

typedef struct insc_ctx {
    arena *a;
    const insc_catalogo *cat;
    const char *hoy;              /* YYYY-MM-DD in Lima */
    const char *fecha_nacimiento; /* the applicant's, or NULL */
    const char *profesion;        /* from datos_profesionales (caso especial), or NULL */
    bool fallo;                   /* a catalog could not be consulted */
} insc_ctx;

#define INSC_MAX_CAMPOS 16
typedef struct insc_valor {
    bool presente;
    const char *texto; /* strings, dates, codes; numbers as written */
    bool b;            /* booleans */
} insc_valor;

typedef struct insc_seccion {
    insc_seccion_id id;
    insc_valor v[INSC_MAX_CAMPOS];
    bool requiere_ppp;        /* datos_profesionales: the profession grades the PPP */
    bool exonera_comprobante; /* datos_postulacion: the DIRESA waives the receipt */
} insc_seccion;

/* Reads the section `id` from a JSON value and validates it whole. Errors
 * go to e with field names prefixed by `prefix` ("" or "datos_personales.").
 * Returns true when the section is valid (ctx->fallo may still be set). */
bool insc_seccion_leer(insc_seccion_id id, const jv *body, insc_ctx *ctx, verr *e, const char *prefix,
                       insc_seccion *out);
/* Canonical JSON of a read section: every field, null when absent. */
void insc_seccion_escribir(jw *w, const insc_seccion *s);
/* A field's text (NULL when absent) or boolean (false when absent). */
const char *insc_texto(const insc_seccion *s, const char *campo);
bool insc_bool(const insc_seccion *s, const char *campo);

/* Documents the answers require, as INSC_DOC_BIT()s; any section may be NULL. */
unsigned insc_documentos_requeridos(const insc_seccion *personales, const insc_seccion *profesionales,
                                    const insc_seccion *postulacion);

/* Everything that keeps an inscription from being finalized: sections not
 * given or no longer valid (re-read with today's catalogs), the declaration
 * not accepted, required documents not uploaded. `stored` holds each section
 * as stored (NULL when never given); `docs` the uploaded documents' bits.
 * *requeridos gets the required documents. */
void insc_faltantes(const jv *const stored[SEC_N], unsigned docs, insc_ctx *ctx, verr *e,
                    unsigned *requeridos);
#endif
