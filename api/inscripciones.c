/* inscripciones.c - the inscription wizard (issue 5): create the draft, read
 * it (owner, DIRESA scope, admin), replace each of the four sections
 * (validated whole by src/inscripcion_reglas.c), finalize (complete or 422
 * naming everything missing; irreversible; constancia emailed) and download
 * the constancia. Writes: owner only, draft only, phase INSCRIPCION only,
 * each in one transaction with its audit record. */
#include "api.h"
#include "inscripcion_datos.h"
#include "inscripcion_final.h"
#include "audit.h"
#include "db.h"
#include "fase.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const db_stmt Q_CREAR = {
    "insc_crear",
    "insert into inscripciones (convocatoria_id, usuario_id, creado_at, actualizado_at) "
    "values ($1::bigint, $2::bigint, $3::timestamptz, $3::timestamptz) returning id"};

static const db_stmt Q_MIAS = {
    "insc_mias",
    "select id from inscripciones where usuario_id = $1::bigint "
    "and ($2::bigint is null or id < $2::bigint) order by id desc limit $3::int"};
static const db_stmt Q_MIAS_TOTAL = {"insc_mias_total",
                                     "select count(*) from inscripciones where usuario_id = $1::bigint"};

/* One statement per section: a column name cannot be a parameter. */
#define Q_SECCION(col)                                                                                 \
    {"insc_guardar_" col,                                                                              \
     "update inscripciones set " col " = $2::json, actualizado_at = $3::timestamptz where id = $1::bigint"}
static const db_stmt Q_GUARDAR[SEC_N] = {
    Q_SECCION("datos_personales"),
    Q_SECCION("datos_profesionales"),
    Q_SECCION("datos_postulacion"),
    Q_SECCION("declaracion_jurada"),
};

static const char *usuario_id(req *r) { return arena_printf(r->a, "%lld", r->user->id); }

/* Commits, or answers the database error. */
static bool confirmar(req *r)
{
    if (db_commit(r->w->db)) return true;
    problem_db(r);
    return false;
}

static void inscripcion_crear(req *r)
{
    const char *conv = route_param(&r->params, "id");
    if (fase_exigir(r, conv, "INSCRIPCION") != 0) return;
    if (!db_begin(r->w->db)) { problem_db(r); return; }
    PGresult *res = db_exec(r->w->db, r->a, &Q_CREAR, 3, (const char *[]){conv, usuario_id(r), insc_ahora(r)});
    if (!res) {
        bool dup = db_unique_violation(r->w->db);
        db_rollback(r->w->db);
        if (dup) problem(r, 409, "INSCRIPCION_EXISTENTE", "Ya tiene una inscripción en esta convocatoria.");
        else problem_db(r);
        return;
    }
    const char *id = db_val(res, 0, 0);
    if (!audit_record(r, "inscripcion.crear", "inscripcion", id, NULL,
                      arena_printf(r->a, "{\"convocatoria_id\":%s}", conv))) {
        db_rollback(r->w->db);
        problem_db(r);
        return;
    }
    if (!confirmar(r)) return;
    http_set_header(r, "Location", arena_printf(r->a, "/v1/inscripciones/%s", id));
    insc_responder(r, 201, id, NULL);
}

static void inscripcion_mias(req *r)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (cursor && (strlen(cursor) > 18 || strspn(cursor, "0123456789") != strlen(cursor))) {
        problem(r, 400, "PARAMETRO_INVALIDO", "cursor inválido.");
        return;
    }
    const char *uid = usuario_id(r);
    PGresult *res = db_exec(r->w->db, r->a, &Q_MIAS, 3,
                            (const char *[]){uid, cursor, arena_printf(r->a, "%ld", limit + 1)});
    PGresult *total = res ? db_exec(r->w->db, r->a, &Q_MIAS_TOTAL, 1, (const char *[]){uid}) : NULL;
    if (!total) { problem_db(r); return; }
    int n = PQntuples(res) > limit ? (int)limit : PQntuples(res);
    jw *w = jw_new(r->a);
    if (!w) { problem(r, 500, "ERROR_INTERNO", "Sin memoria."); return; }
    jw_obj(w);
    jw_key(w, "items");
    jw_arr(w);
    for (int i = 0; i < n; i++) {
        insc_fila f;
        if (insc_cargar_lectura(r, db_val(res, i, 0), &f) != 0 || insc_escribir(r, w, &f, NULL) != 0) return;
    }
    jw_end_arr(w);
    jw_kstr(w, "next_cursor", PQntuples(res) > limit ? db_val(res, n - 1, 0) : NULL);
    jw_kint(w, "total", atoll(db_val(total, 0, 0)));
    jw_end_obj(w);
    http_send_json(r, 200, w);
}

static void inscripcion_obtener(req *r) { insc_responder(r, 200, route_param(&r->params, "id"), NULL); }

/* The profession of the stored datos_profesionales (the caso especial needs it). */
static const char *profesion_guardada(req *r, const insc_fila *f)
{
    const jv *v = jv_get(insc_json_guardado(r, f->secciones[SEC_PROFESIONALES]), "profesion");
    return v && v->t == JV_STRING ? v->s : NULL;
}

static void seccion_guardar(req *r, insc_seccion_id sec)
{
    const char *id = route_param(&r->params, "id");
    const jv *body = http_json_body(r);
    if (!body) return;
    if (!db_begin(r->w->db)) { problem_db(r); return; }
    insc_fila f;
    if (insc_cargar_escritura(r, id, &f) != 0) { db_rollback(r->w->db); return; }
    insc_catalogo_bd cat;
    insc_catalogo_bd_init(&cat, r, f.convocatoria_id);
    insc_ctx ctx;
    insc_ctx_init(&ctx, r, &f, &cat);
    if (sec == SEC_POSTULACION) ctx.profesion = profesion_guardada(r, &f);
    verr e;
    verr_init(&e, r->a);
    insc_seccion s;
    bool ok = insc_seccion_leer(sec, body, &ctx, &e, "", &s);
    if (ctx.fallo || !ok) {
        db_rollback(r->w->db);
        if (ctx.fallo) problem_db(r);
        else problem_fields(r, &e);
        return;
    }
    jw *w = jw_new(r->a);
    size_t len;
    if (w) insc_seccion_escribir(w, &s);
    const char *texto = w ? jw_finish(w, &len) : NULL;
    if (!texto) { db_rollback(r->w->db); problem(r, 500, "ERROR_INTERNO", "Sin memoria."); return; }
    const char *nombre = insc_seccion_nombre(sec);
    if (!db_exec(r->w->db, r->a, &Q_GUARDAR[sec], 3, (const char *[]){id, texto, insc_ahora(r)}) ||
        !audit_record(r, arena_printf(r->a, "inscripcion.%s", nombre), "inscripcion", id, f.secciones[sec], texto)) {
        db_rollback(r->w->db);
        problem_db(r);
        return;
    }
    if (!confirmar(r)) return;
    insc_responder(r, 200, id, &cat);
}

static void put_datos_personales(req *r) { seccion_guardar(r, SEC_PERSONALES); }
static void put_datos_profesionales(req *r) { seccion_guardar(r, SEC_PROFESIONALES); }
static void put_datos_postulacion(req *r) { seccion_guardar(r, SEC_POSTULACION); }
static void put_declaracion_jurada(req *r) { seccion_guardar(r, SEC_DECLARACION); }

static void inscripcion_finalizar(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!db_begin(r->w->db)) { problem_db(r); return; }
    insc_fila f;
    if (insc_cargar_escritura(r, id, &f) != 0 || insc_finalizar(r, &f) != 0) {
        db_rollback(r->w->db);
        return;
    }
    if (!confirmar(r)) return;
    insc_responder(r, 200, id, NULL);
}

static void inscripcion_constancia(req *r)
{
    insc_fila f;
    if (insc_cargar_lectura(r, route_param(&r->params, "id"), &f) != 0) return;
    if (!f.datos_finalizados) {
        problem(r, 409, "INSCRIPCION_NO_FINALIZADA", "La constancia se emite al finalizar la inscripción.");
        return;
    }
    unsigned char *pdf;
    size_t len;
    if (insc_constancia(r, &f, &pdf, &len) != 0) {
        problem(r, 500, "ERROR_INTERNO", "No se pudo generar la constancia.");
        return;
    }
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"constancia-%s.pdf\"", f.codigo_verificacion));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "application/pdf", (const char *)pdf, len);
}

const route inscripciones_routes[] = {
    {"POST", "/v1/convocatorias/{id}/inscripciones", inscripcion_crear, ROLE_POSTULANTE, BODY_NONE, 0},
    {"GET", "/v1/me/inscripciones", inscripcion_mias, ROLES_ANY, BODY_NONE, 0},
    {"GET", "/v1/inscripciones/{id}", inscripcion_obtener, ROLES_ANY, BODY_NONE, 0},
    {"PUT", "/v1/inscripciones/{id}/datos-personales", put_datos_personales, ROLE_POSTULANTE, BODY_JSON, 0},
    {"PUT", "/v1/inscripciones/{id}/datos-profesionales", put_datos_profesionales, ROLE_POSTULANTE, BODY_JSON, 0},
    {"PUT", "/v1/inscripciones/{id}/datos-postulacion", put_datos_postulacion, ROLE_POSTULANTE, BODY_JSON, 0},
    {"PUT", "/v1/inscripciones/{id}/declaracion-jurada", put_declaracion_jurada, ROLE_POSTULANTE, BODY_JSON, 0},
    {"POST", "/v1/inscripciones/{id}/finalizar", inscripcion_finalizar, ROLE_POSTULANTE, BODY_NONE, 0},
    {"GET", "/v1/inscripciones/{id}/constancia", inscripcion_constancia, ROLES_ANY, BODY_NONE, 0},
};
const size_t inscripciones_routes_n = ROUTES_N(inscripciones_routes);
