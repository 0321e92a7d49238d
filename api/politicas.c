/* politicas.c - the score policy of a convocatoria × profesión
 * (design/orden-adjudicacion.md "Score policy"): PUT (admin, audited, until
 * DESEMPATE_SORTEO begins) stores the canonical form the domain reader
 * accepts (domain/politica.c), with the adjudication mode (the profession's
 * default unless given); GET (public) answers it. SQL: sql/orden.sql. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "fase.h"
#include "http.h"
#include "politica.h"
#include "problemas.h"
#include "publico.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <string.h>

/* The profession's default mode; NULL after answering 404 or a database problem. */
static const char *modo_de_profesion(req *r, const char *profesion)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_politica_profesion, 1, (const char *[]){profesion});
    if (!res) {
        problem_db(r);
        return NULL;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_PROFESION_NO_ENCONTRADA, arena_printf(r->a, "No existe la profesión %s.", profesion));
        return NULL;
    }
    return db_field(res, 0, "modo_adjudicacion");
}

static void politica_put(req *r)
{
    const char *id = route_param(&r->params, "id"), *profesion = route_param(&r->params, "profesion");
    if (!texto_id_decimal(id)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    politica p;
    if (!politica_leer(r->a, root, &e, &p)) {
        problem_fields(r, &e);
        return;
    }
    const char *modo = modo_de_profesion(r, profesion);
    if (!modo) return;
    if (p.modo == POL_MODO_SIN_DEFINIR) p.modo = !strcmp(modo, "SORTEO") ? POL_MODO_SORTEO : POL_MODO_MERITO;
    if (fase_antes_de(r, id, "DESEMPATE_SORTEO") != 0) return;
    const char *json = politica_json(r->a, &p);
    const char *now = api_ahora(r);
    db *d = r->w->db;
    if (!json || !db_begin(d)) {
        problem_db(r);
        return;
    }
    PGresult *antes = db_exec(d, r->a, &SQL_politica_get, 2, (const char *[]){id, profesion});
    const char *before = antes && PQntuples(antes) ? db_field(antes, 0, "politica") : NULL;
    const char *vals[] = {id, profesion, p.modo == POL_MODO_SORTEO ? "SORTEO" : "MERITO", json, now};
    if (!antes || !db_exec(d, r->a, &SQL_politica_guardar, 5, vals) ||
        !audit_record(r, "politica.guardar", "politica", arena_printf(r->a, "%s/%s", id, profesion), before,
                      json) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    http_send_json_text(r, before ? 200 : 201, json);
}

static void politica_get(req *r)
{
    const char *id = route_param(&r->params, "id"), *profesion = route_param(&r->params, "profesion");
    if (!texto_id_decimal(id)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_politica_get, 2, (const char *[]){id, profesion});
    if (!res) {
        problem_db(r);
        return;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_POLITICA_NO_ENCONTRADA,
                 "La convocatoria no tiene política de puntaje para esa profesión.");
        return;
    }
    publico_json(r, db_field(res, 0, "politica"), PUBLICO_MAX_AGE_CONVOCATORIA);
}

const route politicas_routes[] = {
    {"PUT", "/v1/convocatorias/{id}/politicas/{profesion}", politica_put, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/convocatorias/{id}/politicas/{profesion}", politica_get, 0, BODY_NONE, 0},
};
const size_t politicas_routes_n = ROUTES_N(politicas_routes);
