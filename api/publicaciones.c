/* publicaciones.c - published lists as open data (issue 10,
 * design/revision-publicacion.md): POST freezes a new version of a tipo
 * (admin, in or after the tipo's phase), GET answers the index, the latest
 * version or one version, as JSON or CSV (Accept, ?formato=, or a .csv /
 * .json suffix). A version never changes: its strong ETag is the file's
 * SHA-256 and it is cached as immutable; the latest alias is cached 5
 * minutes. nginx adds CORS * to these paths (nginx/publico.conf). The
 * machinery is publicacion_servicio.c; the rows of each tipo come from its
 * SQL (sql/publicaciones.sql). */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "tx.h"
#include "orden_merito.h"
#include "problemas.h"
#include "publicacion_servicio.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

/* ---- rows of each tipo ---- */

/* Final list: OBSERVADO that did not subsanar become NO_APTO (audited);
 * refused while reviews are pending. 0, or -1 after answering. */
static int cerrar_subsanacion(req *r, const char *conv)
{
    PGresult *pend = db_exec(r->w->db, r->a, &SQL_publicacion_pendientes, 1, (const char *[]){conv});
    if (!pend) {
        problema_bd(r);
        return -1;
    }
    long inscritos = atol(db_field(pend, 0, "inscritos")), subsanados = atol(db_field(pend, 0, "subsanados"));
    if (inscritos || subsanados) {
        problema(r, P_REVISIONES_PENDIENTES,
                 arena_printf(r->a,
                              "Faltan revisar %ld inscripciones y re-revisar %ld subsanadas antes de la "
                              "lista final.",
                              inscritos, subsanados));
        return -1;
    }
    const char *p[] = {conv, arena_printf(r->a, "%lld", r->user->id), api_ahora(r)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_revision_cierre_no_subsanados, 3, p);
    if (!res || !audit_record(r, "inscripcion.no_subsano", "convocatoria", conv, NULL,
                              arena_printf(r->a, "{\"no_apto\":%s}", db_field(res, 0, "inscripciones")))) {
        problema_bd(r);
        return -1;
    }
    return 0;
}

static PGresult *filas_aptos(req *r, const char *conv, const char *estados)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_publicacion_filas_aptos, 2, (const char *[]){conv, estados});
    if (!res) problema_bd(r);
    return res;
}

/* The rows of tipo t, after whatever the tipo's publication changes. */
static PGresult *filas_de(req *r, const char *conv, const pub_tipo *t)
{
    if (!strcmp(t->tipo, "APTOS_PRELIMINAR")) return filas_aptos(r, conv, "{APTO,OBSERVADO,NO_APTO}");
    if (!strcmp(t->tipo, "APTOS_FINAL")) {
        if (cerrar_subsanacion(r, conv) != 0) return NULL;
        return filas_aptos(r, conv, "{APTO,NO_APTO}");
    }
    PGresult *res = NULL;
    if (!strcmp(t->tipo, "SORTEO"))
        res = db_exec(r->w->db, r->a, &SQL_lista_sorteo, 1, (const char *[]){conv});
    else if (!strcmp(t->tipo, "ANULACIONES"))
        res = db_exec(r->w->db, r->a, &SQL_lista_anulaciones, 1, (const char *[]){conv});
    else if (!strncmp(t->tipo, "ADJUDICADOS_", 12))
        res = db_exec(r->w->db, r->a, &SQL_lista_adjudicados, 2, (const char *[]){conv, t->tipo + 12});
    else {
        problema(r, P_ERROR_INTERNO, "Tipo de lista sin filas definidas.");
        return NULL;
    }
    if (!res) problema_bd(r);
    return res;
}

/* Builds and stores the version: the merit order's rows are computed in C
 * (api/orden_merito.c), every other tipo's come from its SQL. 0 with
 * *estado, or -1 after answering. */
static int guardar(req *r, const servicio *s, const char *conv, const pub_tipo *t, pub_publicada *p,
                   pub_estado *estado)
{
    if (!strcmp(t->tipo, "ORDEN_MERITO")) {
        size_t n;
        const char *const *celdas;
        if (orden_merito_filas(r, conv, &n, &celdas)) return -1;
        *estado = publicacion_guardar_celdas(s, conv, t, n, celdas, p);
        return 0;
    }
    PGresult *filas = filas_de(r, conv, t);
    if (!filas) return -1;
    *estado = publicacion_guardar(s, conv, t, filas, p);
    return 0;
}

/* ---- POST: publish ---- */

static const pub_tipo *leer_tipo(req *r)
{
    const jv *body = http_json_body(r);
    if (!body) return NULL;
    const char *nombres[16];
    size_t n = 0;
    for (const pub_tipo *t; n < 15 && (t = pub_tipo_en(n)); n++) nombres[n] = t->tipo;
    nombres[n] = NULL;
    verr e;
    verr_init(&e, r->a);
    jr j;
    const char *tipo = NULL;
    if (jr_open(&j, r->a, body, &e, "")) {
        tipo = jr_enum(&j, "tipo", JR_REQUIRED, nombres);
        jr_close(&j);
    }
    if (e.n) {
        problem_fields(r, &e);
        return NULL;
    }
    return pub_tipo_buscar(tipo);
}

/* In or after the tipo's phase; 0, or -1 after answering. */
static int fase_iniciada(req *r, const char *conv, const pub_tipo *t)
{
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3, (const char *[]){conv, t->fase, now});
    if (!res) {
        problema_bd(r);
        return -1;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return -1;
    }
    const char *iniciada = db_field(res, 0, "iniciada"); /* NULL: the phase is not scheduled */
    if (iniciada && !strcmp(iniciada, "t")) return 0;
    const char *ini = db_field(res, 0, "inicia_lima");
    problema(r, P_FUERA_DE_FASE,
             ini ? arena_printf(r->a,
                                "La lista %s se publica desde el inicio de la fase %s (%s, hora de Lima).",
                                t->tipo, t->fase, ini)
                 : arena_printf(r->a, "La convocatoria no tiene programada la fase %s.", t->fase));
    return -1;
}

static void responder_publicada(req *r, const pub_publicada *p)
{
    const char *base = arena_printf(r->a, "/v1/convocatorias/%s/publicaciones/%s/versiones/%ld",
                                    p->convocatoria_id, p->tipo->tipo, p->version);
    const char *espejo = arena_printf(r->a, "/publicaciones/%s/%s/v%ld", p->convocatoria_id, p->tipo->tipo,
                                      p->version);
    jw *w = jw_new(r->a);
    if (!w || !base || !espejo) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kstr(w, "tipo", p->tipo->tipo);
    jw_kint(w, "version", p->version);
    jw_kstr(w, "publicado_at", p->publicado_at);
    jw_kint(w, "filas", (long long)p->filas);
    jw_kstr(w, "sha256", p->csv.sha256);
    jw_kstr(w, "sha256_json", p->json.sha256);
    jw_key(w, "urls");
    jw_obj(w);
    jw_kstr(w, "json", arena_printf(r->a, "%s.json", base));
    jw_kstr(w, "csv", arena_printf(r->a, "%s.csv", base));
    jw_end_obj(w);
    jw_key(w, "espejo");
    jw_obj(w);
    jw_kstr(w, "json", arena_printf(r->a, "%s.json", espejo));
    jw_kstr(w, "csv", arena_printf(r->a, "%s.csv", espejo));
    jw_end_obj(w);
    jw_end_obj(w);
    http_set_header(r, "Location", base);
    http_send_json(r, 201, w);
}

static void publicacion_crear(req *r)
{
    const char *conv = route_param(&r->params, "id");
    if (!texto_id_decimal(conv)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const pub_tipo *t = leer_tipo(r);
    if (!t || fase_iniciada(r, conv, t) != 0) return;
    if (!tx_begin(r)) return;
    pub_publicada p;
    servicio s = servicio_de(r);
    pub_estado estado;
    if (guardar(r, &s, conv, t, &p, &estado)) {
        db_rollback(r->w->db);
        return;
    }
    switch (estado) {
    case PUB_HECHA: break;
    case PUB_SIN_CONVOCATORIA:
        db_rollback(r->w->db);
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    case PUB_FILAS_INVALIDAS:
        db_rollback(r->w->db);
        problema(r, P_ERROR_INTERNO, "No se pudo generar la lista.");
        return;
    default: tx_fail(r); return;
    }
    if (!tx_commit(r)) return;
    publicacion_escribir_archivos(&s, &p);
    responder_publicada(r, &p);
}

/* ---- GET: index, latest, one version ---- */

static void publicacion_indice(req *r)
{
    const char *conv = route_param(&r->params, "id");
    if (!texto_id_decimal(conv)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_publicacion_indice, 1, (const char *[]){conv});
    if (!res) {
        problema_bd(r);
        return;
    }
    if (strcmp(db_field(res, 0, "existe"), "t")) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const char *body = db_field(res, 0, "indice");
    http_set_header(r, "Cache-Control", "public, max-age=60");
    if (http_etag_matches(r, body, strlen(body))) return;
    http_send_json_text(r, 200, body);
}

/* Splits "APTOS_FINAL.csv" into name and format; the format from the
 * suffix, else ?formato=, else Accept. NULL format after answering 400. */
static const char *formato_de(req *r, char *segmento)
{
    const char *sufijo = NULL;
    char *punto = strrchr(segmento, '.');
    if (punto) {
        *punto = '\0';
        sufijo = punto + 1;
        if (strcmp(sufijo, "csv") && strcmp(sufijo, "json")) return NULL;
    }
    const char *q = http_query(r, "formato");
    if (q && strcmp(q, "csv") && strcmp(q, "json")) {
        problema(r, P_PARAMETRO_INVALIDO, "formato: csv o json.");
        return "";
    }
    if (sufijo && q && strcmp(sufijo, q)) {
        problema(r, P_PARAMETRO_INVALIDO, "El sufijo y el parámetro formato no coinciden.");
        return "";
    }
    if (sufijo) return sufijo;
    if (q) return q;
    return http_accepts(r, "text/csv") && !http_accepts(r, "application/json") ? "csv" : "json";
}

static void no_encontrada(req *r) { problema(r, P_PUBLICACION_NO_ENCONTRADA, "Esa lista no fue publicada."); }

static void servir(req *r, const char *version)
{
    const char *conv = route_param(&r->params, "id");
    char *tipo = arena_strdup(r->a, route_param(&r->params, "tipo"));
    if (!texto_id_decimal(conv) || !tipo) {
        no_encontrada(r);
        return;
    }
    char *vtexto = version ? arena_strdup(r->a, version) : NULL;
    char *segmento = vtexto ? vtexto : tipo; /* the suffix goes on the last segment */
    const char *formato = formato_de(r, segmento);
    if (formato && !*formato) return;
    if (!formato || !pub_tipo_buscar(tipo) || (vtexto && (!texto_id_decimal(vtexto) || strlen(vtexto) > 9))) {
        no_encontrada(r);
        return;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_publicacion_leer, 4,
                            (const char *[]){conv, tipo, vtexto, formato});
    if (!res) {
        problema_bd(r);
        return;
    }
    if (PQntuples(res) == 0) {
        no_encontrada(r);
        return;
    }
    bool csv = !strcmp(formato, "csv");
    const char *etag = arena_printf(r->a, "\"%s\"", db_field(res, 0, csv ? "sha256" : "sha256_json"));
    http_set_header(r, "ETag", etag);
    http_set_header(r, "Cache-Control",
                    vtexto ? "public, max-age=31536000, immutable" : "public, max-age=300");
    http_set_header(r, "Vary", "Accept");
    if (r->if_none_match && strstr(r->if_none_match, etag)) {
        http_send(r, 304, NULL, NULL, 0);
        return;
    }
    const char *contenido = db_field(res, 0, "contenido");
    if (csv)
        http_set_header(r, "Content-Disposition",
                        arena_printf(r->a, "inline; filename=\"%s-%s-v%s.csv\"", tipo, conv,
                                     db_field(res, 0, "version")));
    http_send(r, 200, csv ? "text/csv; charset=utf-8" : "application/json", contenido, strlen(contenido));
}

static void publicacion_ultima(req *r) { servir(r, NULL); }
static void publicacion_version(req *r) { servir(r, route_param(&r->params, "n")); }

const route publicaciones_routes[] = {
    {"POST", "/v1/convocatorias/{id}/publicaciones", publicacion_crear, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/convocatorias/{id}/publicaciones", publicacion_indice, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}/publicaciones/{tipo}", publicacion_ultima, 0, BODY_NONE, 0,
     ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}/publicaciones/{tipo}/versiones/{n}", publicacion_version, 0, BODY_NONE, 0,
     ROUTE_POOL_PUBLIC},
};
const size_t publicaciones_routes_n = ROUTES_N(publicaciones_routes);
