/* evento_cadena.h - the hash chain of a session's event log
 * (design/orden-adjudicacion.md "Each pick is one transaction"): each event's
 * canonical text names its predecessor's hash, so the published log cannot be
 * edited, reordered or cut in the middle without breaking every later hash.
 *   hash = SHA-256("SERUMS-EVENTO-v1\n" seq "\n" prev_hash "\n" turno "\n"
 *                  inscripcion_id "\n" accion "\n" plaza_id "\n" resultado "\n"
 *                  unidad "\n" actor "\n" at "\n")   (absent plaza/unidad: empty) */
#ifndef SERUMS_EVENTO_CADENA_H
#define SERUMS_EVENTO_CADENA_H
#include "arena.h"
#include <stdint.h>

#define EVENTO_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct evento_log {
    long seq;              /* 1-based */
    const char *prev_hash; /* 64 hex; EVENTO_GENESIS for seq 1 */
    long turno;
    int64_t inscripcion_id;
    const char *accion;    /* ELIGE | DESISTE | VENCE */
    int64_t plaza_id;      /* 0 = none */
    const char *resultado; /* ADJUDICADO | DESISTE | AUSENTE | NO_ADJUDICO */
    int unidad;            /* 0 = none */
    const char *actor;     /* POSTULANTE | OPERADOR | SISTEMA */
    const char *at;        /* RFC 3339 UTC */
} evento_log;

char *evento_texto(arena *a, const evento_log *e);
/* out: 65 bytes. -1 on OOM. */
int evento_hash(arena *a, const evento_log *e, char out[65]);
#endif
