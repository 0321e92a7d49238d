/* inscripcion_final.h - finalizing an inscription: the completeness check,
 * the frozen snapshot of everything declared (its SHA-256 and a verification
 * code), the constancia built from that snapshot, and its email. */
#ifndef SERUMS_INSCRIPCION_FINAL_H
#define SERUMS_INSCRIPCION_FINAL_H
#include "inscripcion_datos.h"

/* In the caller's transaction, with f locked: 0 when finalized (snapshot
 * stored, constancia queued by email, audited); else -1 after answering
 * (422 INSCRIPCION_INCOMPLETA naming every missing item, or 5xx). */
int insc_finalizar(req *r, const insc_fila *f);
/* A new snapshot of f as it stands (finalize, and each subsanación): the
 * completeness check (422 naming everything missing), the snapshot text, its
 * SHA-256, a new verification code, and the constancia PDF built from it.
 * `fila` is f with finalizado_at, datos_finalizados, sha256_datos and
 * codigo_verificacion set to the new snapshot's. 0, or -1 after answering. */
typedef struct insc_instantanea {
    insc_fila fila;
    char sha256[65], codigo[15];
    unsigned char *pdf;
    size_t len;
} insc_instantanea;
int insc_instantanea_nueva(req *r, const insc_fila *f, insc_instantanea *out);
/* Queues the email with the constancia of snapshot `version` (1 = finalized). */
bool insc_constancia_enviar(req *r, const insc_fila *f, const unsigned char *pdf, size_t len, long version);
/* The constancia PDF of a finalized inscription (from its snapshot). */
int insc_constancia(req *r, const insc_fila *f, unsigned char **pdf, size_t *len);
/* Lower-case hex SHA-256 (libsodium). */
void insc_sha256_hex(const void *data, size_t len, char out[65]);
#endif
