/* problemas.h - the API's problem vocabulary (problemas.def) as an enum, and
 * the calls handlers answer problems with: the status and the title come
 * from the table, so a code always means the same thing. */
#ifndef SERUMS_PROBLEMAS_H
#define SERUMS_PROBLEMAS_H
#include "http.h"

typedef enum {
#define PROBLEMA(code, status, title) P_##code,
#include "problemas.def"
#undef PROBLEMA
    P__COUNT
} problema_id;

/* The table, in problemas.def order, {NULL}-terminated (handed to the platform). */
extern const problem_def api_problemas[];

void problema(req *r, problema_id p, const char *detail);
/* With an `errors` list (e.g. INSCRIPCION_INCOMPLETA naming everything missing). */
void problema_errores(req *r, problema_id p, const char *detail, const verr *e);
/* With extension members written by extra(). */
void problema_ext(req *r, problema_id p, const char *detail, void (*extra)(jw *w, void *ctx), void *ctx);
/* A failed statement: a unique constraint with a code of its own (problemas.c,
 * by constraint name: EMAIL_REGISTRADO, CONVOCATORIA_DUPLICADA...), else
 * problem_db (409 CONFLICTO, 503 BD_OCUPADA / BD_NO_DISPONIBLE, 500). */
void problema_bd(req *r);
#endif
