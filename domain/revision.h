/* revision.h - the rules of one review of an inscription
 * (design/revision-publicacion.md): the requisitos checklist, the result and
 * its observación, which inscription states may be reviewed in which phase,
 * the Comité Médico instancias of casos especiales, and the override of an
 * open external-validation discrepancy. Pure: reads a parsed JSON body,
 * returns field errors and domain answers, never HTTP statuses. */
#ifndef SERUMS_REVISION_H
#define SERUMS_REVISION_H
#include "arena.h"
#include "json.h"
#include <stdbool.h>

typedef enum { REV_APTO, REV_OBSERVADO, REV_NO_APTO, REV_RESULTADO_N } rev_resultado;
typedef enum { REV_INST_REVISION, REV_INST_COMITE_1, REV_INST_COMITE_2, REV_INST_N } rev_instancia;

typedef enum {
    REQ_IDENTIDAD,
    REQ_TITULO_SUNEDU,
    REQ_COLEGIATURA,
    REQ_NOTA_PPP,
    REQ_NOTA_ENAM,
    REQ_NOTA_EVALUACION_SERUMS,
    REQ_FFAA,
    REQ_DISCAPACIDAD,
    REQ_COMPROBANTE,
    REQ_VINCULO_LABORAL,
    REQ_RENUNCIA,
    REQ_DATOS_PERSONALES,
    REQ_N
} rev_requisito;
#define REQ_BIT(q) (1u << (q))

const char *rev_resultado_nombre(rev_resultado r); /* "APTO"... */
const char *rev_instancia_nombre(rev_instancia i); /* "REVISION", "COMITE_1", "COMITE_2" */
const char *rev_requisito_nombre(rev_requisito q); /* "COLEGIATURA"... */
int rev_requisito_desde_nombre(const char *s);     /* -1 when unknown */
/* A bit set of requisitos from their names (unknown names ignored). */
unsigned rev_requisitos_desde_nombres(const char *const *nombres, size_t n);

typedef struct rev_item {
    rev_requisito requisito;
    bool observado;         /* estado OBSERVADO (else CONFORME) */
    const char *comentario; /* NULL when absent */
} rev_item;

typedef struct revision {
    rev_resultado resultado;
    rev_instancia instancia;
    const char *observacion; /* NULL when absent */
    rev_item items[REQ_N];
    size_t n_items;
    unsigned observados; /* REQ_BITs marked OBSERVADO */
    bool tiene_version;
    long version; /* the inscription version the reviewer read */
} revision;

/* What the rules need to know besides the body. */
typedef struct rev_ctx {
    bool hay_subsanacion;   /* the cronograma has a SUBSANACION phase */
    bool re_revision;       /* the inscription is SUBSANADO: APTO or NO_APTO only */
    unsigned discrepancias; /* REQ_BITs with an open DISCREPANCIA (external validations) */
} rev_ctx;

/* Reads {resultado, observacion?, requisitos?, version?, instancia?} strictly
 * and applies every rule, one error per field (codes: REQUERIDO,
 * VALOR_INVALIDO, DUPLICADO, SIN_REQUISITO_OBSERVADO, SIN_SUBSANACION,
 * INCONSISTENTE, DISCREPANCIA_ABIERTA). true when valid. */
bool revision_leer(const jv *body, const rev_ctx *ctx, arena *a, verr *e, revision *out);

/* The inscription state a review sets: OBSERVADO / APTO / NO_APTO, or NULL
 * when this review does not change it (COMITE_1: the first evaluation only
 * records; the second decides). */
const char *revision_estado_nuevo(const revision *rv);

/* Where a review is allowed. */
typedef enum {
    REV_FASE_REVISION,         /* fase REVISION in force */
    REV_FASE_RE_REVISION,      /* from SUBSANACION until PUBLICACION_FINAL begins */
    REV_FASE_CASOS_ESPECIALES, /* fase CASOS_ESPECIALES in force */
    REV_FASE_NINGUNA           /* the state cannot be reviewed (409) */
} rev_fase;
/* The facts about the inscription that decide it. */
typedef struct rev_inscripcion {
    const char *estado;  /* inscripciones.estado */
    bool subsanada;      /* it has a snapshot version >= 2 */
    bool caso_especial;  /* the postulación claims a caso especial */
    bool comite_1_hecho; /* a COMITE_1 evaluation exists */
} rev_inscripcion;
rev_fase revision_fase(const rev_inscripcion *s, rev_instancia inst);
#endif
