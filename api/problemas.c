/* problemas.c - the problem table built from problemas.def, and the answers
 * that use it. */
#include "problemas.h"
#include "db.h"
#include "worker.h"
#include <string.h>

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

/* Unique constraints whose violation means something to the person. */
static const struct restriccion {
    const char *nombre;
    problema_id p;
    const char *detalle;
} restricciones[] = {
    {"convocatorias_codigo_key", P_CONVOCATORIA_DUPLICADA, "Ya existe una convocatoria con ese código."},
    {"inscripciones_convocatoria_id_usuario_id_key", P_INSCRIPCION_EXISTENTE,
     "Ya tiene una inscripción en esta convocatoria."},
    {"usuarios_email_key", P_EMAIL_REGISTRADO, "Ya existe una cuenta con este correo electrónico; inicie sesión."},
    {"usuarios_tipo_documento_numero_documento_key", P_DOCUMENTO_REGISTRADO,
     "Ya existe una cuenta con este documento de identidad."},
};

void problema_bd(req *r)
{
    const db *d = r->w->db;
    if (db_unique_violation(d))
        for (size_t i = 0; i < sizeof restricciones / sizeof restricciones[0]; i++)
            if (!strcmp(d->constraint, restricciones[i].nombre)) {
                problema(r, restricciones[i].p, restricciones[i].detalle);
                return;
            }
    problem_db(r);
}
