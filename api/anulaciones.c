/* anulaciones.c - nullity of an adjudicación (design/orden-adjudicacion.md
 * "Nullity and re-offer"): admin annuls with the resolución, the reason (never
 * published) and the evidence's SHA-256; the adjudicación becomes ANULADA
 * (its unit is free for a REOFERTA session), the inscription ANULADO when so
 * resolved or back to APTO; nobody else's choice is recomputed. Audited.
 * SQL: sql/adjudicacion.sql. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "http.h"
#include "problemas.h"
#include "publico.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <string.h>

static void anulacion_crear(req *r)
{
    const char *id = route_param(&r->params, "sesion"); /* here: the adjudicación id */
    if (!texto_id_decimal(id)) {
        problema(r, P_ADJUDICACION_NO_ENCONTRADA, "No existe la adjudicación.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    const char *resolucion = NULL, *motivo = NULL, *evidencia = NULL;
    bool anula = false, hay = false;
    if (jr_open(&j, r->a, root, &e, NULL)) {
        resolucion = jr_str(&j, "resolucion", JR_REQUIRED, 3, 200);
        motivo = jr_str(&j, "motivo", JR_REQUIRED, 3, 2000);
        evidencia = jr_pattern(&j, "evidencia_sha256", JR_REQUIRED, "0123456789abcdef", 64, 64,
                               "SHA-256 de la evidencia: 64 dígitos hexadecimales en minúscula.");
        hay = jr_bool(&j, "anula_inscripcion", JR_REQUIRED, &anula);
        jr_close(&j);
    }
    if (e.n || !hay) {
        problem_fields(r, &e);
        return;
    }
    db *d = r->w->db;
    if (!db_begin(d)) {
        problem_db(r);
        return;
    }
    PGresult *a = db_exec(d, r->a, &SQL_anulacion_bloquear, 1, (const char *[]){id});
    if (!a || PQntuples(a) == 0) {
        db_rollback(d);
        if (!a) problem_db(r);
        else problema(r, P_ADJUDICACION_NO_ENCONTRADA, "No existe la adjudicación.");
        return;
    }
    if (strcmp(db_field(a, 0, "estado"), "VIGENTE")) {
        db_rollback(d);
        problema(r, P_ADJUDICACION_ANULADA, "La adjudicación ya fue anulada.");
        return;
    }
    const char *now = api_ahora(r);
    const char *vals[] = {
        id, resolucion, motivo, evidencia, anula ? "true" : "false", arena_printf(r->a, "%lld", r->user->id),
        now};
    PGresult *ins = db_exec(d, r->a, &SQL_anulacion_insertar, 7, vals);
    const char *json = ins && PQntuples(ins) ? db_field(ins, 0, "anulacion") : NULL;
    if (!json || !audit_record(r, "adjudicacion.anular", "adjudicacion", id, NULL, json) || !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    http_send_json_text(r, 201, json);
}

const route anulaciones_routes[] = {
    {"POST", "/v1/adjudicaciones/{sesion}/anulacion", anulacion_crear, ROLE_ADMIN, BODY_JSON, 0},
};
const size_t anulaciones_routes_n = ROUTES_N(anulaciones_routes);
