/* correcciones.c - POST /v1/inscripciones/{id}/correcciones: once
 * PUBLICACION_FINAL has begun APTO and NO_APTO are frozen; only the national
 * team (admin) may turn one into the other, with a reason, audited and kept
 * (table correcciones), in one transaction that also bumps the reviewers'
 * list version; the final list then needs a new published version (POST
 * .../publicaciones). Before that phase a correction is a review. SQL:
 * sql/correcciones.sql. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "fase.h"
#include "inscripcion_datos.h"
#include "problemas.h"
#include "sql_gen.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static const char *const RESULTADOS[] = {"APTO", "NO_APTO", NULL};

/* 0 when PUBLICACION_FINAL has begun; otherwise answers and returns -1. */
static int exigir_publicacion_final(req *r, const char *conv)
{
    servicio s = servicio_de(r);
    fase_ventana v;
    int rc = fase_consultar(&s, conv, "PUBLICACION_FINAL", &v);
    if (rc < 0) problema_bd(r);
    else if (rc == 0) problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
    else if (!v.iniciada)
        problema(r, P_FUERA_DE_FASE,
                 "Antes de PUBLICACION_FINAL el resultado se cambia con una revisión "
                 "(POST /v1/inscripciones/{id}/revisiones).");
    return rc == 1 && v.iniciada ? 0 : -1;
}

static void corregir(req *r)
{
    const char *id = route_param(&r->params, "id");
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0) return;
    const jv *body = http_json_body(r);
    if (!body) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    jr_open(&j, r->a, body, &e, "");
    const char *resultado = jr_enum(&j, "resultado", JR_REQUIRED, RESULTADOS);
    const char *motivo = jr_str(&j, "motivo", JR_REQUIRED, 10, 2000);
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (exigir_publicacion_final(r, f.convocatoria_id) != 0) return;
    if (!tx_begin(r)) return;
    const char *ahora = api_ahora(r);
    PGresult *res = db_exec(
        r->w->db, r->a, &SQL_correccion_aplicar, 5,
        (const char *[]){id, resultado, motivo, arena_printf(r->a, "%lld", r->user->id), ahora});
    if (!res) {
        tx_fail(r);
        return;
    }
    if (PQntuples(res) != 1) {
        db_rollback(r->w->db);
        problema(r, P_ESTADO_NO_REVISABLE,
                 arena_printf(r->a, "Solo se corrige un APTO en NO_APTO o un NO_APTO en APTO (estado: %s).",
                              f.estado));
        return;
    }
    const char *antes = db_field(res, 0, "estado_anterior");
    jw *a = jw_new(r->a);
    if (!a) {
        db_rollback(r->w->db);
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(a);
    jw_kstr(a, "estado", resultado);
    jw_kstr(a, "motivo", motivo);
    jw_kint(a, "correccion_id", atoll(db_field(res, 0, "correccion_id")));
    jw_end_obj(a);
    size_t n;
    const char *despues = jw_finish(a, &n);
    if (!despues ||
        !audit_record(r, "inscripcion.corregir", "inscripcion", id,
                      arena_printf(r->a, "{\"estado\":\"%s\"}", antes), despues) ||
        !tx_commit(r)) {
        if (!r->status) tx_fail(r);
        return;
    }
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kint(w, "id", atoll(db_field(res, 0, "correccion_id")));
    jw_kint(w, "inscripcion_id", atoll(id));
    jw_kstr(w, "estado_anterior", antes);
    jw_kstr(w, "estado", resultado);
    jw_kstr(w, "motivo", motivo);
    jw_kstr(w, "corregido_at", ahora);
    jw_kint(w, "version", atoll(db_field(res, 0, "version")));
    jw_end_obj(w);
    http_set_header(r, "ETag", arena_printf(r->a, "\"%s\"", db_field(res, 0, "version")));
    http_send_json(r, 200, w);
}

const route correcciones_routes[] = {
    {"POST", "/v1/inscripciones/{id}/correcciones", corregir, ROLE_ADMIN, BODY_JSON, 0},
};
const size_t correcciones_routes_n = ROUTES_N(correcciones_routes);
