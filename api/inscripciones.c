/* inscripciones.c - the inscription wizard (issue 5): create the draft, read
 * it (owner, DIRESA scope, admin), replace each of the four sections
 * (validated whole by src/inscripcion_reglas.c), finalize (complete or 422
 * naming everything missing; irreversible; constancia emailed) and download
 * the constancia. Writes: owner only, draft only, phase INSCRIPCION only,
 * each in one transaction with its audit record. */
#include "api.h"
#include "inscripcion_datos.h"
#include "inscripcion_final.h"
#include "subsanar.h"
#include "audit.h"
#include "db.h"
#include "fase.h"
#include "problemas.h"
#include "sql_gen.h"
#include "texto.h"
#include "tx.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *usuario_id(req *r) { return arena_printf(r->a, "%lld", r->user->id); }

static void inscripcion_crear(req *r)
{
    const char *conv = route_param(&r->params, "id");
    if (fase_exigir(r, conv, "INSCRIPCION") != 0) return;
    if (!tx_begin(r)) return;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_insc_crear, 3,
                            (const char *[]){conv, usuario_id(r), api_ahora(r)});
    if (!res) {
        tx_fail(r);
        return;
    }
    const char *id = db_field(res, 0, "id");
    if (!audit_record(r, "inscripcion.crear", "inscripcion", id, NULL,
                      arena_printf(r->a, "{\"convocatoria_id\":%s}", conv))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_set_header(r, "Location", arena_printf(r->a, "/v1/inscripciones/%s", id));
    insc_responder(r, 201, id, NULL);
}

/* One query for the page, one for the total; the catalogs the rules consult
 * are shared by the page's items. */
static void inscripcion_mias(req *r)
{
    long limit;
    const char *cursor;
    if (!api_paginacion_id(r, &limit, &cursor)) return;
    const char *uid = usuario_id(r);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_insc_mias, 3,
                            (const char *[]){uid, cursor, arena_printf(r->a, "%ld", limit + 1)});
    PGresult *total = res ? db_exec(r->w->db, r->a, &SQL_insc_mias_total, 1, (const char *[]){uid}) : NULL;
    if (!total) {
        problema_bd(r);
        return;
    }
    insc_fila *filas = arena_calloc(r->a, (size_t)limit + 1, sizeof *filas);
    jw *w = jw_new(r->a);
    if (!filas || !w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    int n = insc_filas(res, filas, (int)limit + 1);
    bool mas = n > limit;
    if (mas) n = (int)limit;
    insc_catalogo_bd cat;
    insc_catalogo_bd_init(&cat, r, NULL);
    jw_obj(w);
    jw_key(w, "items");
    jw_arr(w);
    for (int i = 0; i < n; i++) {
        cat.convocatoria_id = filas[i].convocatoria_id;
        if (insc_escribir(r, w, &filas[i], &cat) != 0) return;
    }
    jw_end_arr(w);
    jw_kstr(w, "next_cursor", mas ? filas[n - 1].id : NULL);
    jw_kint(w, "total", atoll(db_field(total, 0, "total")));
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
    insc_fila f;
    if (subsanacion_cargar_escritura(r, id, insc_seccion_nombre(sec), &f) != 0) return;
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
        if (ctx.fallo) problema_bd(r);
        else problem_fields(r, &e);
        return;
    }
    jw *w = jw_new(r->a);
    size_t len;
    if (w) insc_seccion_escribir(w, &s);
    const char *texto = w ? jw_finish(w, &len) : NULL;
    if (!texto) {
        db_rollback(r->w->db);
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    const char *nombre = insc_seccion_nombre(sec);
    if (!db_exec(r->w->db, r->a, &SQL_insc_guardar_seccion, 4,
                 (const char *[]){id, nombre, texto, api_ahora(r)}) ||
        !audit_record(r, arena_printf(r->a, "inscripcion.%s", nombre), "inscripcion", id, f.secciones[sec],
                      texto)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    insc_responder(r, 200, id, &cat);
}

static void put_datos_personales(req *r) { seccion_guardar(r, SEC_PERSONALES); }
static void put_datos_profesionales(req *r) { seccion_guardar(r, SEC_PROFESIONALES); }
static void put_datos_postulacion(req *r) { seccion_guardar(r, SEC_POSTULACION); }
static void put_declaracion_jurada(req *r) { seccion_guardar(r, SEC_DECLARACION); }

static void inscripcion_finalizar(req *r)
{
    const char *id = route_param(&r->params, "id");
    insc_fila f;
    if (insc_cargar_escritura(r, id, &f) != 0) return;
    if (insc_finalizar(r, &f) != 0) {
        db_rollback(r->w->db);
        return;
    }
    if (!tx_commit(r)) return;
    insc_responder(r, 200, id, NULL);
}

static void inscripcion_constancia(req *r)
{
    insc_fila f;
    if (insc_cargar_lectura(r, route_param(&r->params, "id"), &f) != 0) return;
    if (!f.datos_finalizados) {
        problema(r, P_INSCRIPCION_NO_FINALIZADA, "La constancia se emite al finalizar la inscripción.");
        return;
    }
    unsigned char *pdf;
    size_t len;
    if (insc_constancia(r, &f, &pdf, &len) != 0) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la constancia.");
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
    {"PUT", "/v1/inscripciones/{id}/datos-profesionales", put_datos_profesionales, ROLE_POSTULANTE, BODY_JSON,
     0},
    {"PUT", "/v1/inscripciones/{id}/datos-postulacion", put_datos_postulacion, ROLE_POSTULANTE, BODY_JSON, 0},
    {"PUT", "/v1/inscripciones/{id}/declaracion-jurada", put_declaracion_jurada, ROLE_POSTULANTE, BODY_JSON,
     0},
    {"POST", "/v1/inscripciones/{id}/finalizar", inscripcion_finalizar, ROLE_POSTULANTE, BODY_NONE, 0},
    {"GET", "/v1/inscripciones/{id}/constancia", inscripcion_constancia, ROLES_ANY, BODY_NONE, 0},
};
const size_t inscripciones_routes_n = ROUTES_N(inscripciones_routes);
