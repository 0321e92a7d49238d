/* informe_comun.h - what every informe route shares (api/informes.c for the
 * serumista, api/informes_revision.c for the DIRESA): the context of an
 * adjudicated inscription with who may see it, the transaction that locks
 * its informe, the whole informe as the API answers it, and the data of the
 * printed report (also hashed when approved). SQL: sql/informe.sql. */
#ifndef SERUMS_INFORME_COMUN_H
#define SERUMS_INFORME_COMUN_H
#include "http.h"
#include "informe.h"
#include "informe_estados.h"
#include "informe_periodo.h"
#include <stdbool.h>

typedef struct informe_ctx {
    const char *inscripcion_id, *usuario_id, *convocatoria_id, *adjudicacion_id;
    const char *diresa;     /* of the plaza */
    const char *informe_id; /* NULL until the first write */
    const char *sha256;     /* once approved */
    informe_estado estado;
    informe_periodo periodo;
    bool en_fase;    /* SERVICIO or INFORME_FINAL in force */
    bool es_titular; /* the caller is the serumista */
} informe_ctx;

/* Loads the context of inscription {id} for the caller: the serumista, the
 * DIRESA of the plaza once the informe was sent, or an admin. 0, or -1
 * after answering (404 for anyone else, as for an id that does not exist). */
int informe_cargar(req *r, informe_ctx *c);
/* For a write by the serumista: a transaction holding the informe row
 * (created when missing) locked, the phase checked, and `accion` allowed
 * from its state (else 409). 0 with the transaction open, or -1 after
 * rolling back and answering. */
int informe_abrir(req *r, informe_ctx *c, informe_accion accion, const informe_condiciones *cond);
/* Commits and answers the whole informe with `status`. */
void informe_cerrar(req *r, const informe_ctx *c, int status);
/* The whole informe of inscription c->inscripcion_id with meses_faltantes. */
void informe_responder(req *r, const informe_ctx *c, int status);
/* The months of the period without an Anexo 6 row; -1 after answering. */
int informe_faltantes(req *r, const informe_ctx *c, informe_mes **out, size_t *n);
/* The report data of the informe; -1 after answering. */
int informe_datos_cargar(req *r, const informe_ctx *c, informe_datos *d);
/* The answer to a domain refusal (409 or 422). */
void informe_rechazo(req *r, informe_resultado res);
#endif
