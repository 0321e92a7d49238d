/* revision.c - the reviewers' side of an inscription (issue 10,
 * design/revision-publicacion.md): the list of a convocatoria's finalized
 * inscriptions (filters, counts by estado and cursor pages in one query per
 * page; CSV for the reviewer's office), a review or Comité Médico evaluation
 * (rules in domain/revision.c; the version read is checked against
 * concurrent reviews in the same UPDATE), and the reviews and snapshot
 * versions of one inscription. SQL: sql/revision.sql. */
#include "api.h"
#include "audit.h"
#include "db.h"
#include "fase.h"
#include "inscripcion_datos.h"
#include "problemas.h"
#include "revision.h"
#include "revision_lista.h"
#include "sql_gen.h"
#include "texto.h"
#include "subsanacion.h"
#include "timeutil.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static bool es_verdad(const char *v) { return v && !strcmp(v, "t"); }

static void sin_memoria(req *r) { problema(r, P_ERROR_INTERNO, "Sin memoria."); }

/* DIRESA reviewers see their own DIRESA's inscriptions, never casos
 * especiales (the national team's); admin sees all. */
static bool visible(req *r, const PGresult *ctx)
{
    if (r->user->rol == ROLE_ADMIN) return true;
    const char *d = db_field(ctx, 0, "diresa_codigo");
    return d && !strcmp(d, r->user->scope) && !es_verdad(db_field(ctx, 0, "caso_especial")) &&
           strcmp(db_field(ctx, 0, "estado"), "BORRADOR");
}

/* The version the reviewer read: If-Match ("12" or W/"12") or the body's. */
static bool version_leida(req *r, const revision *rv, const char **out)
{
    *out = NULL;
    if (r->if_match) {
        const char *s = r->if_match;
        if (!strncmp(s, "W/", 2)) s += 2;
        size_t n = strlen(s);
        if (n < 3 || s[0] != '"' || s[n - 1] != '"' || strspn(s + 1, "0123456789") != n - 2 || n - 2 > 9) {
            problema(r, P_PARAMETRO_INVALIDO,
                     "If-Match debe ser el ETag que respondió GET (por ejemplo \"7\").");
            return false;
        }
        *out = arena_strndup(r->a, s + 1, n - 2);
        if (rv->tiene_version && atol(*out) != rv->version) {
            problema(r, P_PARAMETRO_INVALIDO, "If-Match y version no coinciden.");
            return false;
        }
    } else if (rv->tiene_version) {
        *out = arena_printf(r->a, "%ld", rv->version);
    }
    return true;
}

/* From SUBSANACION until PUBLICACION_FINAL begins: the re-review window. */
static int ventana_re_revision(req *r, const char *conv)
{
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    PGresult *sub = db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3,
                            (const char *[]){conv, "SUBSANACION", now});
    PGresult *fin = sub ? db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3,
                                  (const char *[]){conv, "PUBLICACION_FINAL", now})
                        : NULL;
    if (!fin) {
        problema_bd(r);
        return -1;
    }
    if (es_verdad(db_field(sub, 0, "iniciada")) && !es_verdad(db_field(fin, 0, "iniciada"))) return 0;
    problema(r, P_FUERA_DE_FASE,
             "Una inscripción subsanada se revisa desde la fase SUBSANACION hasta que "
             "comienza PUBLICACION_FINAL.");
    return -1;
}

static int exigir_fase(req *r, rev_fase fase, const char *conv)
{
    switch (fase) {
    case REV_FASE_REVISION: return fase_exigir(r, conv, "REVISION");
    case REV_FASE_CASOS_ESPECIALES: return fase_exigir(r, conv, "CASOS_ESPECIALES");
    case REV_FASE_RE_REVISION: return ventana_re_revision(r, conv);
    default:
        problema(r, P_ESTADO_NO_REVISABLE, "La inscripción no admite esta revisión en su estado actual.");
        return -1;
    }
}

/* The checklist as stored: [{requisito, estado, comentario}], and the
 * observed requisitos as a text[] literal. */
static const char *requisitos_json(req *r, const revision *rv)
{
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_arr(w);
    for (size_t i = 0; i < rv->n_items; i++) {
        jw_obj(w);
        jw_kstr(w, "requisito", rev_requisito_nombre(rv->items[i].requisito));
        jw_kstr(w, "estado", rv->items[i].observado ? "OBSERVADO" : "CONFORME");
        jw_kstr(w, "comentario", rv->items[i].comentario);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    size_t len;
    return jw_finish(w, &len);
}

static const char *observados_literal(req *r, unsigned observados)
{
    sbuf b;
    sbuf_init(&b, r->a, 64);
    sbuf_adds(&b, "{");
    for (int q = 0; q < REQ_N; q++)
        if (observados & REQ_BIT(q))
            sbuf_addf(&b, "%s%s", b.len > 1 ? "," : "", rev_requisito_nombre((rev_requisito)q));
    sbuf_adds(&b, "}");
    return r->a->failed ? NULL : sbuf_cstr(&b);
}

/* The requisitos named in a comma-separated list (from SQL). */
static unsigned requisitos_de_lista(req *r, const char *lista)
{
    unsigned bits = 0;
    char *s = arena_strdup(r->a, lista ? lista : "");
    for (char *tok = s ? strtok(s, ",") : NULL; tok; tok = strtok(NULL, ",")) {
        int q = rev_requisito_desde_nombre(tok);
        if (q >= 0) bits |= REQ_BIT(q);
    }
    return bits;
}

/* Records the review; answers 201 or the problem. */
static void registrar(req *r, const char *id, const PGresult *ctx, const revision *rv, const char *version)
{
    const char *req_json = requisitos_json(r, rv), *obs = observados_literal(r, rv->observados);
    if (!req_json || !obs) {
        sin_memoria(r);
        return;
    }
    const char *ahora = api_ahora(r), *revisor = arena_printf(r->a, "%lld", r->user->id);
    const char *p[] = {id,
                       version,
                       revision_estado_nuevo(rv),
                       rev_instancia_nombre(rv->instancia),
                       rev_resultado_nombre(rv->resultado),
                       rv->observacion,
                       req_json,
                       obs,
                       revisor,
                       ahora};
    if (!tx_begin(r)) return;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_revision_registrar, 10, p);
    if (!res) {
        db_rollback(r->w->db);
        problema_bd(r);
        return;
    }
    if (PQntuples(res) == 0) {
        db_rollback(r->w->db);
        problema(r, P_VERSION_DESACTUALIZADA,
                 "Otra revisión cambió la inscripción después de que usted la leyó; "
                 "vuelva a leerla (GET) y revise sobre la versión actual.");
        return;
    }
    const char *rid = db_field(res, 0, "revision_id"), *nueva = db_field(res, 0, "version");
    const char *antes = arena_printf(r->a, "{\"estado\":\"%s\",\"version\":%s}", db_field(ctx, 0, "estado"),
                                     db_field(ctx, 0, "version"));
    const char *despues = arena_printf(
        r->a,
        "{\"estado\":\"%s\",\"version\":%s,\"revision_id\":%s,\"instancia\":\"%s\","
        "\"resultado\":\"%s\",\"requisitos\":%s}",
        db_field(res, 0, "estado_nuevo"), nueva, rid, p[3], p[4], req_json);
    if (!audit_record(r, "inscripcion.revisar", "inscripcion", id, antes, despues)) {
        db_rollback(r->w->db);
        problema_bd(r);
        return;
    }
    if (!tx_commit(r)) return;
    jw *w = jw_new(r->a);
    if (!w) {
        sin_memoria(r);
        return;
    }
    jw_obj(w);
    jw_kint(w, "id", atoll(rid));
    jw_kint(w, "inscripcion_id", atoll(id));
    jw_kstr(w, "instancia", p[3]);
    jw_kstr(w, "resultado", p[4]);
    jw_kstr(w, "estado", db_field(res, 0, "estado_nuevo"));
    jw_kint(w, "version", atoll(nueva));
    jw_kstr(w, "revisado_at", ahora);
    jw_end_obj(w);
    http_set_header(r, "ETag", arena_printf(r->a, "\"%s\"", nueva));
    http_set_header(r, "Location", arena_printf(r->a, "/v1/inscripciones/%s/revisiones", id));
    http_send_json(r, 201, w);
}

static void revision_crear(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!texto_id_decimal(id)) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
        return;
    }
    const jv *body = http_json_body(r);
    if (!body) return;
    PGresult *ctx = db_exec(r->w->db, r->a, &SQL_revision_contexto, 1, (const char *[]){id});
    if (!ctx) {
        problema_bd(r);
        return;
    }
    if (PQntuples(ctx) == 0 || !visible(r, ctx)) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción o no le corresponde revisarla.");
        return;
    }
    const char *estado = db_field(ctx, 0, "estado");
    if (!strcmp(estado, "BORRADOR")) {
        problema(r, P_INSCRIPCION_NO_FINALIZADA, "Solo se revisan inscripciones finalizadas.");
        return;
    }
    bool subsanada = es_verdad(db_field(ctx, 0, "subsanada"));
    rev_ctx rc = {es_verdad(db_field(ctx, 0, "hay_subsanacion")), subsanada || !strcmp(estado, "SUBSANADO"),
                  requisitos_de_lista(r, db_field(ctx, 0, "discrepancias"))};
    verr e;
    verr_init(&e, r->a);
    revision rv;
    if (!revision_leer(body, &rc, r->a, &e, &rv)) {
        problem_fields(r, &e);
        return;
    }
    if (rv.instancia != REV_INST_REVISION && r->user->rol != ROLE_ADMIN) {
        problema(r, P_PROHIBIDO,
                 "Las evaluaciones del Comité Médico las registra el equipo técnico nacional.");
        return;
    }
    rev_inscripcion s = {estado, subsanada, es_verdad(db_field(ctx, 0, "caso_especial")),
                         es_verdad(db_field(ctx, 0, "comite_1_hecho"))};
    if (exigir_fase(r, revision_fase(&s, rv.instancia), db_field(ctx, 0, "convocatoria_id")) != 0) return;
    const char *version;
    if (!version_leida(r, &rv, &version)) return;
    if (!version && es_verdad(db_field(ctx, 0, "revisada"))) {
        problema(r, P_VERSION_REQUERIDA,
                 "La inscripción ya fue revisada: envíe la versión que leyó (If-Match con "
                 "el ETag de GET, o version en el cuerpo).");
        return;
    }
    registrar(r, id, ctx, &rv, version);
}

/* GET .../revisiones: reviews (reviewer details for staff), snapshots, and
 * for an OBSERVADO inscription what SUBSANACION may change. */
static void revision_historial(req *r)
{
    const char *id = route_param(&r->params, "id");
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0) return;
    bool staff = r->user->rol != ROLE_POSTULANTE;
    PGresult *ctx = db_exec(r->w->db, r->a, &SQL_revision_contexto, 1, (const char *[]){id});
    PGresult *hist = ctx ? db_exec(r->w->db, r->a, &SQL_revision_historial, 2,
                                   (const char *[]){id, staff ? "t" : "f"})
                         : NULL;
    PGresult *vers = hist ? db_exec(r->w->db, r->a, &SQL_revision_versiones, 1, (const char *[]){id}) : NULL;
    PGresult *obs = vers ? db_exec(r->w->db, r->a, &SQL_revision_observados, 1, (const char *[]){id}) : NULL;
    if (!obs || PQntuples(ctx) == 0) {
        problema_bd(r);
        return;
    }
    const char *version = db_field(ctx, 0, "version");
    const char *etag = arena_printf(r->a, "\"%s\"", version);
    http_set_header(r, "ETag", etag);
    http_set_header(r, "Cache-Control", "private, no-cache");
    if (r->if_none_match && !strcmp(r->if_none_match, etag)) {
        http_send(r, 304, NULL, NULL, 0);
        return;
    }
    unsigned observados = PQntuples(obs) ? requisitos_de_lista(r, db_field(obs, 0, "observados")) : 0;
    if (strcmp(db_field(ctx, 0, "estado"), "OBSERVADO")) observados = 0;
    const char *secciones[8], *documentos[8];
    size_t ns = subsanacion_secciones(observados, secciones, 8),
           nd = subsanacion_documentos(observados, documentos, 8);
    jw *w = jw_new(r->a);
    if (!w) {
        sin_memoria(r);
        return;
    }
    jw_obj(w);
    jw_kint(w, "inscripcion_id", atoll(id));
    jw_kstr(w, "estado", db_field(ctx, 0, "estado"));
    jw_kint(w, "version", atoll(version));
    jw_kint(w, "datos_version", atoll(db_field(ctx, 0, "datos_version")));
    jw_key(w, "subsanables");
    jw_obj(w);
    jw_key(w, "secciones");
    jw_arr(w);
    for (size_t i = 0; i < ns; i++) jw_str(w, secciones[i]);
    jw_end_arr(w);
    jw_key(w, "documentos");
    jw_arr(w);
    for (size_t i = 0; i < nd; i++) jw_str(w, documentos[i]);
    jw_end_arr(w);
    jw_end_obj(w);
    jw_key(w, "revisiones");
    jw_raw_number(w, db_field(hist, 0, "revisiones"));
    jw_key(w, "versiones");
    jw_raw_number(w, db_field(vers, 0, "versiones"));
    jw_end_obj(w);
    http_send_json(r, 200, w);
}

const route revision_routes[] = {
    {"GET", "/v1/convocatorias/{id}/inscripciones", revision_lista, ROLE_DIRESA | ROLE_ADMIN, BODY_NONE, 0},
    {"POST", "/v1/inscripciones/{id}/revisiones", revision_crear, ROLE_DIRESA | ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/inscripciones/{id}/revisiones", revision_historial, ROLES_ANY, BODY_NONE, 0},
};
const size_t revision_routes_n = ROUTES_N(revision_routes);
