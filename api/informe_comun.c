/* informe_comun.c - the context, the locking transaction, the JSON answer
 * (built by PostgreSQL, meses_faltantes added from domain/informe_periodo)
 * and the report data of an informe. */
#include "informe_comun.h"
#include "comun.h"
#include "db.h"
#include "problemas.h"
#include "routes.h"
#include "sql_gen.h"
#include "texto.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static bool es(const char *v) { return v && !strcmp(v, "t"); }

static void no_encontrado(req *r)
{
    problema(r, P_INFORME_NO_ENCONTRADO, "No existe un informe final para esta inscripción.");
}

int informe_cargar(req *r, informe_ctx *c)
{
    memset(c, 0, sizeof *c);
    const char *id = route_param(&r->params, "id");
    if (!texto_id_decimal(id)) {
        no_encontrado(r);
        return -1;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_informe_contexto, 2, (const char *[]){id, api_ahora(r)});
    if (!res) {
        problema_bd(r);
        return -1;
    }
    if (PQntuples(res) == 0) {
        no_encontrado(r);
        return -1;
    }
    c->inscripcion_id = db_field(res, 0, "inscripcion_id");
    c->usuario_id = db_field(res, 0, "usuario_id");
    c->convocatoria_id = db_field(res, 0, "convocatoria_id");
    c->adjudicacion_id = db_field(res, 0, "adjudicacion_id");
    c->diresa = db_field(res, 0, "diresa_codigo");
    c->informe_id = db_field(res, 0, "informe_id");
    c->sha256 = db_field(res, 0, "sha256");
    c->en_fase = es(db_field(res, 0, "en_fase"));
    if (informe_estado_desde(db_field(res, 0, "estado"), &c->estado) ||
        informe_periodo_desde(&c->periodo, db_field(res, 0, "servicio_inicio"),
                              db_field(res, 0, "servicio_fin"))) {
        problema(r, P_ERROR_INTERNO, "El periodo de servicio de la adjudicación no es válido.");
        return -1;
    }
    c->es_titular = atoll(c->usuario_id) == r->user->id && (r->user->rol & ROLE_POSTULANTE);
    bool diresa = (r->user->rol & ROLE_DIRESA) && !strcmp(r->user->scope, c->diresa) &&
                  informe_visible_para_diresa(c->estado);
    if (c->es_titular || diresa || (r->user->rol & ROLE_ADMIN)) return 0;
    no_encontrado(r);
    return -1;
}

void informe_rechazo(req *r, informe_resultado res)
{
    const char *m = informe_resultado_mensaje(res);
    switch (res) {
    case INFORME_NO_EDITABLE: problema(r, P_INFORME_NO_EDITABLE, m); return;
    case INFORME_NO_ENVIADO: problema(r, P_INFORME_NO_ENVIADO, m); return;
    case INFORME_NO_APROBADO: problema(r, P_INFORME_NO_APROBADO, m); return;
    case INFORME_YA_RESUELTO: problema(r, P_INFORME_YA_RESUELTO, m); return;
    case INFORME_MESES_FALTANTES: problema(r, P_INFORME_INCOMPLETO, m); return;
    case INFORME_OK: break;
    }
    problema(r, P_ERROR_INTERNO, "Transición desconocida.");
}

int informe_abrir(req *r, informe_ctx *c, informe_accion accion, const informe_condiciones *cond)
{
    if (!c->es_titular) {
        no_encontrado(r);
        return -1;
    }
    if (!c->en_fase) {
        problema(r, P_FUERA_DE_FASE,
                 "El informe final se registra durante las fases SERVICIO e INFORME_FINAL.");
        return -1;
    }
    if (!tx_begin(r)) return -1;
    const char *now = api_ahora(r);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_informe_crear, 2, (const char *[]){c->adjudicacion_id, now});
    if (res) res = db_exec(r->w->db, r->a, &SQL_informe_bloquear, 1, (const char *[]){c->adjudicacion_id});
    if (!res || PQntuples(res) != 1) {
        tx_fail(r);
        return -1;
    }
    c->informe_id = db_field(res, 0, "id");
    informe_estado hacia;
    informe_resultado rr = informe_estado_desde(db_field(res, 0, "estado"), &c->estado)
                               ? INFORME_NO_EDITABLE
                               : informe_transicion(c->estado, accion, cond, &hacia);
    if (rr != INFORME_OK) {
        db_rollback(r->w->db);
        informe_rechazo(r, rr);
        return -1;
    }
    return 0;
}

void informe_cerrar(req *r, const informe_ctx *c, int status)
{
    if (!tx_commit(r)) return;
    informe_responder(r, c, status);
}

/* "2026-5,2026-6" -> months. */
static int meses_de(req *r, const char *texto, informe_mes **out, size_t *n)
{
    size_t cap = 1;
    for (const char *p = texto; *p; p++) cap += *p == ',';
    informe_mes *m = arena_alloc(r->a, cap * sizeof *m);
    if (!m) return -1;
    *n = 0;
    for (const char *p = texto; *p;) {
        char *fin;
        long anio = strtol(p, &fin, 10);
        if (*fin != '-') break;
        long mes = strtol(fin + 1, &fin, 10);
        m[(*n)++] = (informe_mes){(int)anio, (int)mes};
        p = *fin == ',' ? fin + 1 : fin;
    }
    *out = m;
    return 0;
}

static int faltantes_de(req *r, const informe_ctx *c, const char *meses, informe_mes **out, size_t *n)
{
    informe_mes *con;
    size_t ncon;
    if (meses_de(r, meses ? meses : "", &con, &ncon) ||
        informe_meses_faltantes(r->a, &c->periodo, con, ncon, out, n)) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    return 0;
}

int informe_faltantes(req *r, const informe_ctx *c, informe_mes **out, size_t *n)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_informe_meses, 1, (const char *[]){c->informe_id});
    if (!res) {
        problema_bd(r);
        return -1;
    }
    return faltantes_de(r, c, db_field(res, 0, "meses"), out, n);
}

void informe_responder(req *r, const informe_ctx *c, int status)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_informe_json, 1, (const char *[]){c->inscripcion_id});
    if (!res) {
        problema_bd(r);
        return;
    }
    if (PQntuples(res) == 0) {
        no_encontrado(r);
        return;
    }
    informe_mes *f;
    size_t nf;
    if (faltantes_de(r, c, db_field(res, 0, "meses"), &f, &nf)) return;
    const char *json = db_field(res, 0, "informe");
    sbuf b;
    sbuf_init(&b, r->a, strlen(json) + 32 + nf * 24);
    int err = sbuf_add(&b, json, strlen(json) - 1); /* without its closing brace */
    err |= sbuf_adds(&b, ",\"meses_faltantes\":[");
    for (size_t i = 0; i < nf; i++)
        err |= sbuf_addf(&b, "%s{\"anio\":%d,\"mes\":%d}", i ? "," : "", f[i].anio, f[i].mes);
    err |= sbuf_adds(&b, "]}");
    if (err) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    http_send_json_text(r, status, sbuf_cstr(&b));
}

int informe_datos_cargar(req *r, const informe_ctx *c, informe_datos *d)
{
    memset(d, 0, sizeof *d);
    const char *p[] = {c->informe_id};
    PGresult *h = db_exec(r->w->db, r->a, &SQL_informe_reporte, 1, p);
    PGresult *at = h ? db_exec(r->w->db, r->a, &SQL_informe_reporte_atenciones, 1, p) : NULL;
    PGresult *ac = at ? db_exec(r->w->db, r->a, &SQL_informe_reporte_actividades, 1, p) : NULL;
    if (!ac) {
        problema_bd(r);
        return -1;
    }
    if (PQntuples(h) != 1) {
        no_encontrado(r);
        return -1;
    }
    *d = (informe_datos){.inscripcion_id = atol(db_field(h, 0, "inscripcion_id")),
                         .convocatoria = db_field(h, 0, "convocatoria"),
                         .nombres = db_field(h, 0, "nombres"),
                         .documento = db_field(h, 0, "documento"),
                         .profesion = db_field(h, 0, "profesion"),
                         .modalidad = db_field(h, 0, "modalidad"),
                         .diresa = db_field(h, 0, "diresa"),
                         .establecimiento = db_field(h, 0, "establecimiento"),
                         .ubicacion = db_field(h, 0, "ubicacion"),
                         .servicio_inicio = db_field(h, 0, "servicio_inicio"),
                         .servicio_fin = db_field(h, 0, "servicio_fin"),
                         .estado = db_field(h, 0, "estado"),
                         .resolucion_numero = db_field(h, 0, "resolucion_numero"),
                         .resolucion_fecha = db_field(h, 0, "resolucion_fecha"),
                         .conclusiones = db_field(h, 0, "conclusiones"),
                         .recomendaciones = db_field(h, 0, "recomendaciones")};
    size_t nt = (size_t)PQntuples(at), nv = (size_t)PQntuples(ac);
    informe_atencion *t = arena_calloc(r->a, nt + 1, sizeof *t);
    informe_actividad *v = arena_calloc(r->a, nv + 1, sizeof *v);
    if (!t || !v) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    for (size_t i = 0; i < nt; i++)
        t[i] = (informe_atencion){atoi(db_field(at, (int)i, "anio")), atoi(db_field(at, (int)i, "mes")),
                                  atol(db_field(at, (int)i, "programadas")),
                                  atol(db_field(at, (int)i, "ejecutadas"))};
    for (size_t i = 0; i < nv; i++)
        v[i] = (informe_actividad){atoi(db_field(ac, (int)i, "anio")),
                                   atoi(db_field(ac, (int)i, "mes")),
                                   db_field(ac, (int)i, "rubro"),
                                   db_field(ac, (int)i, "actividad"),
                                   atol(db_field(ac, (int)i, "programadas")),
                                   atol(db_field(ac, (int)i, "ejecutadas"))};
    d->atenciones = t;
    d->natenciones = nt;
    d->actividades = v;
    d->nactividades = nv;
    return 0;
}
