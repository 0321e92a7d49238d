/* inscripcion_versiones.c - an inscription's earlier snapshots, readable by
 * its owner and its reviewers (the access of GET /v1/inscripciones/{id}):
 * the snapshot as JSON and the constancia of any version, printed again
 * from the stored snapshot (same data, SHA-256 and verification code as the
 * one emailed). SQL: sql/inscripcion_versiones.sql. */
#include "inscripcion_versiones.h"
#include "api.h"
#include "db.h"
#include "inscripcion_final.h"
#include "problemas.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

/* Snapshot n of f (NULL: in force): its row, or NULL after answering. */
static PGresult *leer(req *r, const insc_fila *f, const char *n)
{
    if (n && (!texto_id_decimal(n) || strlen(n) > 9)) {
        problema(r, P_VERSION_NO_ENCONTRADA, "La versión es un número: 1, 2...");
        return NULL;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_insc_version_leer, 2, (const char *[]){f->id, n});
    if (!res) {
        problema_bd(r);
        return NULL;
    }
    if (PQntuples(res) != 1) {
        if (f->datos_finalizados)
            problema(r, P_VERSION_NO_ENCONTRADA, "La inscripción no tiene esa versión.");
        else problema(r, P_INSCRIPCION_NO_FINALIZADA, "La constancia se emite al finalizar la inscripción.");
        return NULL;
    }
    return res;
}

void insc_version_constancia(req *r, const insc_fila *f, const char *n)
{
    PGresult *v = leer(r, f, n);
    if (!v) return;
    insc_fila fv = *f;
    fv.datos_finalizados = db_field(v, 0, "datos");
    fv.sha256_datos = db_field(v, 0, "sha256_datos");
    fv.codigo_verificacion = db_field(v, 0, "codigo_verificacion");
    fv.finalizado_at = db_field(v, 0, "creado_at");
    unsigned char *pdf;
    size_t len;
    if (insc_constancia(r, &fv, &pdf, &len) != 0) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la constancia.");
        return;
    }
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"constancia-%s.pdf\"", fv.codigo_verificacion));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "application/pdf", (const char *)pdf, len);
}

static void version_obtener(req *r)
{
    insc_fila f;
    if (insc_cargar_lectura(r, route_param(&r->params, "id"), &f) != 0) return;
    PGresult *v = leer(r, &f, route_param(&r->params, "n"));
    if (!v) return;
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kint(w, "inscripcion_id", atoll(f.id));
    jw_kint(w, "version", atoll(db_field(v, 0, "version")));
    jw_kbool(w, "vigente", !strcmp(db_field(v, 0, "vigente"), "t"));
    jw_kstr(w, "sha256_datos", db_field(v, 0, "sha256_datos"));
    jw_kstr(w, "codigo_verificacion", db_field(v, 0, "codigo_verificacion"));
    jw_kstr(w, "creado_at", db_field(v, 0, "creado_at"));
    jw_key(w, "documentos");
    jw_raw_number(w, db_field(v, 0, "documentos"));
    jw_key(w, "datos");
    jw_raw_number(w, db_field(v, 0, "datos"));
    jw_end_obj(w);
    http_set_header(r, "Cache-Control", "private, max-age=0");
    http_send_json(r, 200, w);
}

static void version_constancia(req *r)
{
    insc_fila f;
    if (insc_cargar_lectura(r, route_param(&r->params, "id"), &f) != 0) return;
    insc_version_constancia(r, &f, route_param(&r->params, "n"));
}

const route inscripcion_versiones_routes[] = {
    {"GET", "/v1/inscripciones/{id}/versiones/{n}", version_obtener, ROLES_ANY, BODY_NONE, 0},
    {"GET", "/v1/inscripciones/{id}/versiones/{n}/constancia", version_constancia, ROLES_ANY, BODY_NONE, 0},
};
const size_t inscripcion_versiones_routes_n = ROUTES_N(inscripcion_versiones_routes);
