/* problemas.c - the problem table built from problemas.def, and the answers
 * that use it. */
#include "problemas.h"

const problem_def api_problemas[] = {
#define PROBLEMA(code, status, title) {#code, status, title},
#include "problemas.def"
#undef PROBLEMA
    {NULL, 0, NULL},
};

void problema_ext(req *r, problema_id p, const char *detail, void (*extra)(jw *w, void *ctx), void *ctx)
{
    const problem_def *d = &api_problemas[p];
    problem_ext(r, d->status, d->code, detail, extra, ctx);
}

void problema(req *r, problema_id p, const char *detail) { problema_ext(r, p, detail, NULL, NULL); }

void problema_errores(req *r, problema_id p, const char *detail, const verr *e)
{
    const problem_def *d = &api_problemas[p];
    problem_errors(r, d->status, d->code, detail, e);
}
