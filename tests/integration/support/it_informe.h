/* it_informe.h - database fixtures of the informe final tests: a serumista
 * (registered through the real flow) whose inscription is ADJUDICADO to a
 * plaza of a given DIRESA, with a VIGENTE adjudicación and its service
 * period, in a new convocatoria whose SERVICIO phase is in force or over.
 * The adjudication stage is not here yet, so rows go straight into the
 * tables (never through a route that exists only for tests). */
#ifndef SERUMS_IT_INFORME_H
#define SERUMS_IT_INFORME_H
#include <stdbool.h>

typedef struct it_serumista {
    char *token, *email, *inscripcion, *convocatoria;
} it_serumista;

/* Period [inicio, fin); en_servicio false puts SERVICIO and INFORME_FINAL in the past.
 * convocatoria NULL creates a new one. All strings malloc'ed. */
void it_serumista_adjudicado(const char *diresa, const char *convocatoria, const char *inicio, const char *fin,
                             bool en_servicio, it_serumista *out);
void it_serumista_free(it_serumista *s);
/* A new convocatoria with SERVICIO in force (or over); malloc'ed id. */
char *it_convocatoria_servicio(bool en_servicio);
#endif
