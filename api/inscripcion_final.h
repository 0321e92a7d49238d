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
/* The constancia PDF of a finalized inscription (from its snapshot). */
int insc_constancia(req *r, const insc_fila *f, unsigned char **pdf, size_t *len);
/* Lower-case hex SHA-256 (libsodium). */
void insc_sha256_hex(const void *data, size_t len, char out[65]);
#endif
