/* it_revision.h - fixtures for the review and publication tests: a
 * convocatoria whose cronograma is moved so that a chosen phase is in force
 * (straight SQL, like it_convocatoria_abierta), finalized inscriptions made
 * through the real wizard, staff tokens, and a review through the API. */
#ifndef SERUMS_IT_REVISION_H
#define SERUMS_IT_REVISION_H
#include "it.h"
#include <stdbool.h>

/* A convocatoria with every phase (SUBSANACION only when asked) and
 * INSCRIPCION in force now; malloc'ed id. */
char *it_conv_revision(bool con_subsanacion);
/* Moves the cronograma so that `fase` is in force now (10-day windows in order). */
void it_fase_vigente(const char *conv, const char *fase);
/* A new Obstetricia postulante applying to GERESA Cusco, finalized through
 * the API (INSCRIPCION must be in force); malloc'ed id; *token_out its token. */
char *it_inscripcion_finalizada(const char *conv, char **token_out);
/* Cached logins of the demo staff (admin, diresa.cusco, diresa.amazonas). */
const char *it_token_admin(void);
const char *it_token_cusco(void);
const char *it_token_amazonas(void);
/* POST .../revisiones with body; asserts the status; returns the response. */
it_resp *it_revisar(const char *id, const char *token, const char *body, long want);
#endif
