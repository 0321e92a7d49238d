/* informes_revision.c - the DIRESA's side of the informe final: the list of
 * informes of a convocatoria it has to review (its own DIRESA only; admins
 * see all; filters estado and profesion; cursor pages, one query each), the
 * review (APROBADO, which fixes the SHA-256 printed on the report, or
 * OBSERVADO with the observación, which makes it editable again) and the
 * resolución. A page of the list is kept in the worker's response cache
 * under the DIRESA and the version of its data (informe_versiones, bumped
 * by every change in the writer's transaction, migration 0600): a read
 * after a change never sees the old page. Each transition audited and emailed to the serumista through
 * the outbox in its transaction. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "informe_comun.h"
#include "informe_huella.h"
#include "informe_reglas.h"
#include "problemas.h"
#include "publico.h"
#include "sql_gen.h"
#include "texto.h"
#include "tx.h"
#include "worker.h"
#include <string.h>

/* The DIRESA of the plaza acts (admins only read). */
static int cargar_revisor(req *r, informe_ctx *c)
{
    if (informe_cargar(r, c)) return -1;
    if ((r->user->rol & ROLE_DIRESA) && !strcmp(r->user->scope, c->diresa)) return 0;
    problema(r, P_INFORME_NO_ENCONTRADO, "No existe un informe final para esta inscripción.");
    return -1;
}

static bool transicion(req *r, const informe_ctx *c, informe_accion a)
{
    informe_estado hacia;
    informe_resultado res = informe_transicion(c->estado, a, NULL, &hacia);
    if (res == INFORME_OK) return true;
    informe_rechazo(r, res);
    return false;
}

static bool avisar(req *r, const informe_ctx *c, const char *asunto, const char *texto)
{
    return db_exec(r->w->db, r->a, &SQL_informe_correo_serumista, 3,
                   (const char *[]){c->informe_id, asunto, texto});
}

/* Begins the transaction with the informe locked and `a` still allowed from
 * its state: 0, or -1 after rolling back and answering. */
static int bloquear(req *r, informe_ctx *c, informe_accion a)
{
    if (!transicion(r, c, a)) return -1; /* before any lock: the common refusal */
    if (!tx_begin(r)) return -1;
    PGresult *lock = db_exec(r->w->db, r->a, &SQL_informe_bloquear, 1, (const char *[]){c->adjudicacion_id});
    if (!lock || PQntuples(lock) != 1 || informe_estado_desde(db_field(lock, 0, "estado"), &c->estado)) {
        tx_fail(r);
        return -1;
    }
    if (transicion(r, c, a)) return 0;
    db_rollback(r->w->db);
    return -1;
}

static const char *const ESTADOS_REVISION[] = {"APROBADO", "OBSERVADO", NULL};

static void revisar(req *r)
{
    informe_ctx c;
    if (cargar_revisor(r, &c)) return;
    const jv *body = http_json_body(r);
    if (!body) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    jr_open(&j, r->a, body, &e, "");
    const char *estado = jr_enum(&j, "estado", JR_REQUIRED, ESTADOS_REVISION);
    const char *obs = jr_str(&j, "observacion", JR_OPTIONAL, 3, INFORME_TEXTO_MAX);
    jr_close(&j);
    bool observa = estado && !strcmp(estado, "OBSERVADO");
    if (observa && !obs && !verr_has(&e, "observacion"))
        verr_add(&e, "observacion", "REQUERIDO", "Indique qué debe corregir el serumista.");
    if (estado && !observa && obs)
        verr_add(&e, "observacion", "NO_PERMITIDO", "Un informe aprobado no lleva observación.");
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (bloquear(r, &c, observa ? INFORME_OBSERVAR : INFORME_APROBAR)) return;
    char hex[65] = "";
    informe_datos d;
    if (!observa && (informe_datos_cargar(r, &c, &d) || informe_sha256(r->a, &d, hex))) {
        db_rollback(r->w->db);
        if (!r->status) problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    const char *p[] = {c.informe_id,         estado,      obs, arena_printf(r->a, "%lld", r->user->id),
                       observa ? NULL : hex, api_ahora(r)};
    const char *asunto = observa ? "SERUMS: su informe final fue observado"
                                 : "SERUMS: su informe final fue aprobado";
    const char *texto =
        observa
            ? arena_printf(
                  r->a, "Su DIRESA observó su informe final:\n\n%s\n\nCorríjalo y vuelva a enviarlo.\n", obs)
            : arena_printf(r->a,
                           "Su DIRESA aprobó su informe final. Ya puede descargar el reporte "
                           "(SHA-256 %s).\n",
                           hex);
    if (!db_exec(r->w->db, r->a, &SQL_informe_revisar, 6, p) || !avisar(r, &c, asunto, texto) ||
        !audit_record(r, observa ? "informe.observar" : "informe.aprobar", "informe", c.informe_id,
                      "{\"estado\":\"ENVIADO\"}",
                      arena_printf(r->a, "{\"estado\":\"%s\",\"sha256\":%s}", estado,
                                   observa ? "null" : arena_printf(r->a, "\"%s\"", hex)))) {
        tx_fail(r);
        return;
    }
    c.estado = observa ? INFORME_OBSERVADO : INFORME_APROBADO;
    informe_cerrar(r, &c, 200);
}

static void resolver(req *r)
{
    informe_ctx c;
    if (cargar_revisor(r, &c)) return;
    const jv *body = http_json_body(r);
    if (!body) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    jr_open(&j, r->a, body, &e, "");
    const char *numero = jr_pattern(
        &j, "numero", JR_REQUIRED, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/. ", 3,
        60, "Número de resolución: letras, dígitos, espacios y - / ., de 3 a 60.");
    const char *fecha = jr_date(&j, "fecha", JR_REQUIRED);
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (bloquear(r, &c, INFORME_RESOLVER)) return;
    const char *texto = arena_printf(
        r->a, "Se registró la resolución N° %s del %s de su informe final SERUMS.\n", numero, fecha);
    if (!db_exec(r->w->db, r->a, &SQL_informe_resolver, 4,
                 (const char *[]){c.informe_id, numero, fecha, api_ahora(r)}) ||
        !avisar(r, &c, "SERUMS: resolución de su informe final", texto) ||
        !audit_record(r, "informe.resolver", "informe", c.informe_id, "{\"estado\":\"APROBADO\"}",
                      arena_printf(r->a, "{\"estado\":\"RESOLUCION\",\"numero\":\"%s\",\"fecha\":\"%s\"}",
                                   numero, fecha))) {
        tx_fail(r);
        return;
    }
    c.estado = INFORME_RESOLUCION;
    informe_cerrar(r, &c, 200);
}

static const char *const ESTADOS_LISTA[] = {"ENVIADO", "OBSERVADO", "APROBADO", "RESOLUCION", NULL};

static void lista(req *r)
{
    const char *conv = route_param(&r->params, "id");
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    const char *estado = http_query(r, "estado"), *profesion = http_query(r, "profesion");
    if (cursor && !texto_id_decimal(cursor)) {
        problema(r, P_PARAMETRO_INVALIDO, "cursor inválido.");
        return;
    }
    bool valido = !estado;
    for (const char *const *s = ESTADOS_LISTA; estado && *s; s++) valido |= !strcmp(*s, estado);
    if (!valido) {
        problema(r, P_PARAMETRO_INVALIDO, "estado debe ser ENVIADO, OBSERVADO, APROBADO o RESOLUCION.");
        return;
    }
    if (profesion &&
        (strlen(profesion) > 40 || strspn(profesion, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != strlen(profesion))) {
        problema(r, P_PARAMETRO_INVALIDO, "profesion debe ser un código de GET /v1/profesiones.");
        return;
    }
    if (!texto_id_decimal(conv)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const char *diresa = (r->user->rol & ROLE_ADMIN) ? NULL : r->user->scope;
    PGresult *v = db_exec(r->w->db, r->a, &SQL_informe_lista_version, 2, (const char *[]){conv, diresa});
    if (!v) {
        problema_bd(r);
        return;
    }
    const char *alcance = arena_printf(r->a, "%s|v%s", diresa ? diresa : "*", db_field(v, 0, "version"));
    if (publico_cache_answer_scope(r, alcance)) return;
    http_set_header(r, "Cache-Control", "private, no-store");
    const char *p[] = {conv, diresa, estado, profesion, cursor, arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_informe_lista, 6, p);
    if (!res) {
        problema_bd(r);
        return;
    }
    http_send_json_text(r, 200, db_field(res, 0, "pagina"));
    publico_cache_store_scope(r, alcance, arena_printf(r->a, "informes:%s", conv));
}

const route informes_revision_routes[] = {
    {"GET", "/v1/convocatorias/{id}/informes", lista, ROLE_DIRESA | ROLE_ADMIN, BODY_NONE, 0},
    {"POST", "/v1/inscripciones/{id}/informe/revisiones", revisar, ROLE_DIRESA, BODY_JSON, 0},
    {"POST", "/v1/inscripciones/{id}/informe/resolucion", resolver, ROLE_DIRESA, BODY_JSON, 0},
};
const size_t informes_revision_routes_n = ROUTES_N(informes_revision_routes);
