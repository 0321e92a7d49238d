/* subsanar.c - SUBSANACION (issue 10, design/revision-publicacion.md):
 * edits of an OBSERVADO inscription limited to what was observed (the hook
 * the wizard's write handlers call), and POST .../subsanar, which takes the
 * next snapshot (version 2...), emails its constancia and sets SUBSANADO.
 * Earlier snapshots and replaced documents stay (migration 0400). SQL:
 * sql/subsanacion.sql. */
#include "subsanar.h"
#include "api.h"
#include "audit.h"
#include "db.h"
#include "fase.h"
#include "inscripcion_final.h"
#include "problemas.h"
#include "revision.h"
#include "subsanacion.h"
#include "sql_gen.h"
#include "texto.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

/* The owner's inscription, locked; NULL after answering (404, 5xx). */
static PGresult *contexto(req *r, const char *id)
{
    if (!texto_id_decimal(id)) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
        return NULL;
    }
    const char *uid = arena_printf(r->a, "%lld", r->user->id);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_subsanacion_contexto, 2, (const char *[]){id, uid});
    if (!res) {
        problema_bd(r);
        return NULL;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
        return NULL;
    }
    return res;
}

static unsigned observados(req *r, const PGresult *ctx)
{
    char *lista = arena_strdup(r->a, db_field(ctx, 0, "observados"));
    const char *nombres[REQ_N];
    size_t n = 0;
    for (char *t = lista ? strtok(lista, ",") : NULL; t && n < REQ_N; t = strtok(NULL, ",")) nombres[n++] = t;
    return rev_requisitos_desde_nombres(nombres, n);
}

/* In the open transaction: 0 when the owner's OBSERVADO inscription may have
 * `que` changed (f loaded), 1 when it is not OBSERVADO (the wizard's own
 * rules apply), -1 after answering. */
static int subsanable(req *r, const char *id, const char *que, insc_fila *f)
{
    PGresult *ctx = contexto(r, id);
    if (!ctx) return -1;
    if (strcmp(db_field(ctx, 0, "estado"), "OBSERVADO")) return 1;
    if (fase_exigir(r, db_field(ctx, 0, "convocatoria_id"), "SUBSANACION") != 0) return -1;
    unsigned obs = observados(r, ctx);
    if (!subsanacion_seccion_editable(obs, que) && !subsanacion_documento_editable(obs, que)) {
        problema(
            r, P_NO_OBSERVADO,
            arena_printf(r->a, "En la subsanación solo se corrige lo observado; %s no fue observado.", que));
        return -1;
    }
    return insc_cargar_lectura(r, id, f);
}

int subsanacion_cargar_escritura(req *r, const char *id, const char *que, insc_fila *f)
{
    if (!tx_begin(r)) return -1;
    int rc = subsanable(r, id, que, f);
    if (rc == 0) return 0;
    db_rollback(r->w->db);
    return rc == 1 ? insc_cargar_escritura(r, id, f) : -1;
}

/* {"acepta_declaracion": true}: the declaración jurada, again. */
static bool leer_declaracion(req *r)
{
    const jv *body = http_json_body(r);
    if (!body) return false;
    verr e;
    verr_init(&e, r->a);
    jr j;
    bool acepta = false;
    if (jr_open(&j, r->a, body, &e, "")) {
        if (jr_bool(&j, "acepta_declaracion", JR_REQUIRED, &acepta) && !acepta)
            verr_add(&e, "acepta_declaracion", "DEBE_ACEPTAR",
                     "Debe aceptar la declaración jurada para subsanar.");
        jr_close(&j);
    }
    if (e.n) {
        problem_fields(r, &e);
        return false;
    }
    return true;
}

static void responder(req *r, const char *id, const PGresult *res, const insc_instantanea *in)
{
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kint(w, "inscripcion_id", atoll(id));
    jw_kstr(w, "estado", "SUBSANADO");
    jw_kint(w, "datos_version", atoll(db_field(res, 0, "datos_version")));
    jw_kint(w, "version", atoll(db_field(res, 0, "version")));
    jw_kstr(w, "sha256_datos", in->sha256);
    jw_kstr(w, "codigo_verificacion", in->codigo);
    jw_kstr(w, "subsanado_at", in->fila.finalizado_at);
    jw_end_obj(w);
    http_set_header(r, "ETag", arena_printf(r->a, "\"%s\"", db_field(res, 0, "version")));
    http_send_json(r, 200, w);
}

/* In the open transaction: snapshot, store, email, audit; -1 after answering. */
static int subsanar(req *r, const char *id, const PGresult *ctx, insc_instantanea *in, PGresult **res)
{
    if (strcmp(db_field(ctx, 0, "estado"), "OBSERVADO")) {
        problema(r, P_NO_OBSERVADO, "Solo una inscripción OBSERVADA se subsana.");
        return -1;
    }
    if (fase_exigir(r, db_field(ctx, 0, "convocatoria_id"), "SUBSANACION") != 0) return -1;
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0 || insc_instantanea_nueva(r, &f, in) != 0) return -1;
    const char *uid = arena_printf(r->a, "%lld", r->user->id);
    const char *p[] = {id, in->fila.datos_finalizados, in->sha256, in->codigo, in->fila.finalizado_at, uid};
    *res = db_exec(r->w->db, r->a, &SQL_subsanacion_registrar, 6, p);
    if (!*res || PQntuples(*res) != 1) {
        problema_bd(r);
        return -1;
    }
    long version = atol(db_field(*res, 0, "datos_version"));
    const char *despues = arena_printf(
        r->a,
        "{\"estado\":\"SUBSANADO\",\"datos_version\":%ld,\"sha256_datos\":\"%s\","
        "\"codigo_verificacion\":\"%s\"}",
        version, in->sha256, in->codigo);
    if (!insc_constancia_enviar(r, &in->fila, in->pdf, in->len, version) ||
        !audit_record(r, "inscripcion.subsanar", "inscripcion", id, "{\"estado\":\"OBSERVADO\"}", despues)) {
        problema_bd(r);
        return -1;
    }
    return 0;
}

static void subsanacion_crear(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!leer_declaracion(r)) return;
    if (!tx_begin(r)) return;
    PGresult *ctx = contexto(r, id), *res = NULL;
    insc_instantanea in;
    if (!ctx || subsanar(r, id, ctx, &in, &res) != 0) {
        db_rollback(r->w->db);
        return;
    }
    if (!tx_commit(r)) return;
    responder(r, id, res, &in);
}

const route subsanacion_routes[] = {
    {"POST", "/v1/inscripciones/{id}/subsanar", subsanacion_crear, ROLE_POSTULANTE, BODY_JSON, 0},
};
const size_t subsanacion_routes_n = ROUTES_N(subsanacion_routes);
