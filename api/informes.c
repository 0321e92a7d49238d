/* informes.c - the serumista's informe final (design/informe-final.md):
 * read it (also its DIRESA and admins), write Anexo 6 months and Anexo 7
 * rows by key (written again: replaced), delete them, Guardar the
 * conclusiones and recomendaciones, Enviar (months missing only with
 * confirmar_incompleto; emails the DIRESA's reviewers), and the printed
 * report once approved. Every write: the serumista only, in SERVICIO or
 * INFORME_FINAL, while REGISTRADO or OBSERVADO, in one transaction with its
 * audit record. Rules: domain/informe_*. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "informe_comun.h"
#include "informe_pdf.h"
#include "informe_reglas.h"
#include "problemas.h"
#include "sql_gen.h"
#include "texto.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static void informe_obtener(req *r)
{
    informe_ctx c;
    if (informe_cargar(r, &c) == 0) informe_responder(r, &c, 200);
}

/* {anio}/{mes} of the path: whole numbers of a month of the period, else 422. */
static bool mes_de_ruta(req *r, const informe_ctx *c, verr *e, int *anio, int *mes)
{
    const char *a = route_param(&r->params, "anio"), *m = route_param(&r->params, "mes");
    bool ok = a && strlen(a) == 4 && strspn(a, "0123456789") == 4;
    bool okm = m && strlen(m) >= 1 && strlen(m) <= 2 && strspn(m, "0123456789") == strlen(m);
    if (!ok) verr_add(e, "anio", "FUERA_DE_RANGO", "El año debe tener cuatro dígitos.");
    if (!okm || atoi(m) < 1 || atoi(m) > 12) {
        verr_add(e, "mes", "FUERA_DE_RANGO", "El mes debe ser un número de 1 a 12.");
        okm = false;
    }
    if (!ok || !okm) return false;
    *anio = atoi(a);
    *mes = atoi(m);
    return informe_exige_mes(e, &c->periodo, *anio, *mes);
}

static bool auditar(req *r, const informe_ctx *c, const char *accion, const char *antes, const char *despues)
{
    return audit_record(r, accion, "informe", c->informe_id, antes, despues);
}

/* Reads a write's body (and path) into out; records errors in j's verr. */
typedef bool (*lector_fn)(req *r, const informe_ctx *c, jr *j, void *out);

/* The context and a valid body: 0, or -1 after answering (400, 404, 422). */
static int cuerpo(req *r, informe_ctx *c, lector_fn leer, void *out)
{
    if (informe_cargar(r, c)) return -1;
    const jv *body = http_json_body(r);
    if (!body) return -1;
    verr e;
    verr_init(&e, r->a);
    jr j;
    jr_open(&j, r->a, body, &e, "");
    bool ok = leer(r, c, &j, out);
    jr_close(&j);
    if (ok && !e.n) return 0;
    problem_fields(r, &e);
    return -1;
}

/* Runs a write statement of sql/informe.sql (parameter 1 is the informe,
 * its row has `antes` and `despues`) with its audit record, in the
 * informe's transaction, and answers the whole informe. */
static void escribir(req *r, informe_ctx *c, const db_stmt *st, int n, const char **p, const char *accion)
{
    if (informe_abrir(r, c, INFORME_ESCRIBIR, NULL)) return;
    p[0] = c->informe_id;
    PGresult *res = db_exec(r->w->db, r->a, st, n, p);
    if (!res || !auditar(r, c, accion, db_field(res, 0, "antes"), db_field(res, 0, "despues"))) {
        tx_fail(r);
        return;
    }
    informe_cerrar(r, c, 200);
}

/* Runs a delete statement (parameter 1 the informe, its row `antes`): 204,
 * or the 404 `ausente` when there was no such row. */
static void borrar(req *r, informe_ctx *c, const db_stmt *st, int n, const char **p, const char *accion,
                   problema_id ausente, const char *mensaje)
{
    if (informe_abrir(r, c, INFORME_ESCRIBIR, NULL)) return;
    p[0] = c->informe_id;
    PGresult *res = db_exec(r->w->db, r->a, st, n, p);
    if (!res) {
        tx_fail(r);
        return;
    }
    if (PQntuples(res) == 0) {
        db_rollback(r->w->db);
        problema(r, ausente, mensaje);
        return;
    }
    if (!auditar(r, c, accion, db_field(res, 0, "antes"), NULL)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_no_content(r);
}

typedef struct atencion {
    int anio, mes;
    long programadas, ejecutadas;
} atencion;

static bool leer_atencion(req *r, const informe_ctx *c, jr *j, void *out)
{
    atencion *a = out;
    bool ok = mes_de_ruta(r, c, j->e, &a->anio, &a->mes);
    return informe_lee_conteos(j, &a->programadas, &a->ejecutadas) && ok;
}

static void atencion_poner(req *r)
{
    informe_ctx c;
    atencion a = {0};
    if (cuerpo(r, &c, leer_atencion, &a)) return;
    const char *p[] = {NULL,
                       arena_printf(r->a, "%d", a.anio),
                       arena_printf(r->a, "%d", a.mes),
                       arena_printf(r->a, "%ld", a.programadas),
                       arena_printf(r->a, "%ld", a.ejecutadas),
                       api_ahora(r)};
    escribir(r, &c, &SQL_informe_atencion_poner, 6, p, "informe.atencion");
}

static void atencion_borrar(req *r)
{
    informe_ctx c;
    if (informe_cargar(r, &c)) return;
    verr e;
    verr_init(&e, r->a);
    int anio, mes;
    if (!mes_de_ruta(r, &c, &e, &anio, &mes)) {
        problem_fields(r, &e);
        return;
    }
    const char *p[] = {NULL, arena_printf(r->a, "%d", anio), arena_printf(r->a, "%d", mes), api_ahora(r)};
    borrar(r, &c, &SQL_informe_atencion_borrar, 4, p, "informe.atencion.borrar", P_ATENCION_NO_ENCONTRADA,
           "Ese mes no tiene atenciones registradas.");
}

static bool leer_actividad(req *r, const informe_ctx *c, jr *j, void *out)
{
    return informe_lee_actividad(j, &c->periodo, out);
}

static void actividad_poner(req *r)
{
    informe_ctx c;
    informe_actividad a;
    if (cuerpo(r, &c, leer_actividad, &a)) return;
    const char *p[] = {NULL,
                       arena_printf(r->a, "%d", a.anio),
                       arena_printf(r->a, "%d", a.mes),
                       a.rubro,
                       a.actividad,
                       arena_printf(r->a, "%ld", a.programadas),
                       arena_printf(r->a, "%ld", a.ejecutadas),
                       api_ahora(r)};
    escribir(r, &c, &SQL_informe_actividad_poner, 8, p, "informe.actividad");
}

static void actividad_borrar(req *r)
{
    informe_ctx c;
    if (informe_cargar(r, &c)) return;
    const char *id = route_param(&r->params, "actividad_id");
    const char *mensaje = "No existe esa actividad en el informe.";
    if (!texto_id_decimal(id)) {
        problema(r, P_ACTIVIDAD_NO_ENCONTRADA, mensaje);
        return;
    }
    const char *p[] = {NULL, id, api_ahora(r)};
    borrar(r, &c, &SQL_informe_actividad_borrar, 3, p, "informe.actividad.borrar", P_ACTIVIDAD_NO_ENCONTRADA,
           mensaje);
}

typedef struct textos {
    const char *conclusiones, *recomendaciones;
} textos;

static bool leer_textos(req *r, const informe_ctx *c, jr *j, void *out)
{
    textos *t = out;
    return informe_lee_textos(j, &t->conclusiones, &t->recomendaciones);
}

static void guardar(req *r)
{
    informe_ctx c;
    textos t;
    if (cuerpo(r, &c, leer_textos, &t)) return;
    const char *p[] = {NULL, t.conclusiones, t.recomendaciones, api_ahora(r)};
    escribir(r, &c, &SQL_informe_textos_poner, 4, p, "informe.guardar");
}

/* {"confirmar_incompleto": bool}, or no body at all. */
static bool leer_confirmacion(req *r, bool *confirmar)
{
    *confirmar = false;
    if (r->body_len == 0) return true;
    const jv *body = http_json_body(r);
    if (!body) return false;
    verr e;
    verr_init(&e, r->a);
    jr j;
    jr_open(&j, r->a, body, &e, "");
    jr_bool(&j, "confirmar_incompleto", JR_OPTIONAL, confirmar);
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return false;
    }
    return true;
}

static void incompleto(req *r, const informe_mes *f, size_t n)
{
    verr e;
    verr_init(&e, r->a);
    for (size_t i = 0; i < n; i++)
        verr_add(&e, arena_printf(r->a, "atenciones.%04d-%02d", f[i].anio, f[i].mes), "MES_FALTANTE",
                 arena_printf(r->a, "Falta registrar %s %04d.", informe_mes_nombre(f[i].mes), f[i].anio));
    problema_errores(r, P_INFORME_INCOMPLETO,
                     arena_printf(r->a,
                                  "Faltan %zu meses del periodo; envíe con \"confirmar_incompleto\": true "
                                  "si desea enviarlo así.",
                                  n),
                     &e);
}

static void enviar(req *r)
{
    informe_ctx c;
    bool confirmar;
    if (informe_cargar(r, &c) || !leer_confirmacion(r, &confirmar)) return;
    if (informe_abrir(r, &c, INFORME_ESCRIBIR, NULL)) return;
    informe_mes *f;
    size_t nf;
    if (informe_faltantes(r, &c, &f, &nf)) {
        db_rollback(r->w->db);
        return;
    }
    informe_condiciones cond = {.meses_faltantes = nf, .confirmar_incompleto = confirmar};
    informe_estado hacia;
    informe_resultado res = informe_transicion(c.estado, INFORME_ENVIAR, &cond, &hacia);
    if (res != INFORME_OK) {
        db_rollback(r->w->db);
        if (res == INFORME_MESES_FALTANTES) incompleto(r, f, nf);
        else informe_rechazo(r, res);
        return;
    }
    const char *texto = arena_printf(
        r->a,
        "Se envió a revisión el informe final de la inscripción %s (%zu meses sin atenciones registradas).\n"
        "Revíselo en SERUMS Digital: /v1/inscripciones/%s/informe\n",
        c.inscripcion_id, nf, c.inscripcion_id);
    const char *despues = arena_printf(r->a, "{\"estado\":\"ENVIADO\",\"meses_faltantes\":%zu}", nf);
    if (!db_exec(r->w->db, r->a, &SQL_informe_enviar, 2, (const char *[]){c.informe_id, api_ahora(r)}) ||
        !db_exec(r->w->db, r->a, &SQL_informe_correo_diresa, 3,
                 (const char *[]){c.informe_id, "SERUMS: informe final enviado a revisión", texto}) ||
        !auditar(r, &c, "informe.enviar",
                 arena_printf(r->a, "{\"estado\":\"%s\"}", informe_estado_nombre(c.estado)), despues)) {
        tx_fail(r);
        return;
    }
    informe_cerrar(r, &c, 200);
}

static void reporte(req *r)
{
    informe_ctx c;
    if (informe_cargar(r, &c)) return;
    informe_estado hacia;
    informe_resultado res = informe_transicion(c.estado, INFORME_IMPRIMIR, NULL, &hacia);
    if (res != INFORME_OK) {
        informe_rechazo(r, res);
        return;
    }
    informe_datos d;
    if (informe_datos_cargar(r, &c, &d)) return;
    unsigned char *pdf;
    size_t len;
    if (informe_pdf(r->a, &d, &pdf, &len, NULL)) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar el reporte.");
        return;
    }
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"informe-final-%s.pdf\"", c.inscripcion_id));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "application/pdf", (const char *)pdf, len);
}

const route informes_routes[] = {
    {"GET", "/v1/inscripciones/{id}/informe", informe_obtener, ROLES_ANY, BODY_NONE, 0},
    {"PUT", "/v1/inscripciones/{id}/informe", guardar, ROLE_POSTULANTE, BODY_JSON, 0},
    {"PUT", "/v1/inscripciones/{id}/informe/atenciones/{anio}/{mes}", atencion_poner, ROLE_POSTULANTE,
     BODY_JSON, 0},
    {"DELETE", "/v1/inscripciones/{id}/informe/atenciones/{anio}/{mes}", atencion_borrar, ROLE_POSTULANTE,
     BODY_NONE, 0},
    {"PUT", "/v1/inscripciones/{id}/informe/actividades", actividad_poner, ROLE_POSTULANTE, BODY_JSON, 0},
    {"DELETE", "/v1/inscripciones/{id}/informe/actividades/{actividad_id}", actividad_borrar, ROLE_POSTULANTE,
     BODY_NONE, 0},
    {"POST", "/v1/inscripciones/{id}/informe/enviar", enviar, ROLE_POSTULANTE, BODY_JSON, 0},
    {"GET", "/v1/inscripciones/{id}/informe.pdf", reporte, ROLES_ANY, BODY_NONE, 0},
};
const size_t informes_routes_n = ROUTES_N(informes_routes);
