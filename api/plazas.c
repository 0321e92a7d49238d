/* plazas.c - the plaza offer of a convocatoria: the import endpoint (admin,
 * body text/csv, see plazas_import.c), the public search with the filters of
 * DESIGN §4 (places by INEI code or by name, `q` over the establishment
 * name, both ignoring case and accents), sorting and keyset pages, the
 * summary by profession, DIRESA or departamento, and CSV exports of both.
 * SQL: sql/plazas.sql over plazas_filtradas() (migration 0801). */
#include "api.h"
#include "plazas_import.h"
#include "publico.h"
#include "csv.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "oferta.h"
#include "problemas.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- filters ---- */

static const char *const ORDENES[] = {"id",
                                      "establecimiento",
                                      "profesion",
                                      "diresa",
                                      "departamento",
                                      "grado_dificultad",
                                      "-grado_dificultad",
                                      "cantidad",
                                      "-cantidad",
                                      NULL};

/* The CSV export's columns, as sql/plazas.sql names them. */
static const char *const CSV_COLUMNAS[] = {"id",
                                           "modalidad",
                                           "profesion_codigo",
                                           "profesion",
                                           "diresa_codigo",
                                           "diresa",
                                           "institucion_codigo",
                                           "institucion",
                                           "institucion_ofertante",
                                           "renipress",
                                           "establecimiento",
                                           "categoria",
                                           "departamento_codigo",
                                           "departamento",
                                           "provincia_codigo",
                                           "provincia",
                                           "distrito_codigo",
                                           "distrito",
                                           "grado_dificultad",
                                           "zaf",
                                           "ze",
                                           "cantidad",
                                           "sede",
                                           "presupuesto",
                                           NULL};

/* The parameters of the statements in sql/plazas.sql, by position: first
 * plazas_filtradas()'s ($1..$15, every statement), then each statement's own. */
enum {
    F_CONVOCATORIA,
    F_MODALIDAD,
    F_PROFESION,
    F_DIRESA,
    F_INSTITUCION,
    F_DEPARTAMENTO,
    F_DEPARTAMENTO_NOMBRE,
    F_PROVINCIA,
    F_PROVINCIA_NOMBRE,
    F_DISTRITO,
    F_DISTRITO_NOMBRE,
    F_GRADO,
    F_ZAF,
    F_ZE,
    F_PATRON,
    NFILTRO,
    B_ORDEN = NFILTRO, /* the order; in plazas_resumen, por */
    B_CLAVE_CURSOR,
    B_ID_CURSOR,
    B_LIMITE, /* plazas_busca */
    B_TOTAL,  /* plazas_busca: the total a cursor carries */
    NPARAMS
};
typedef struct filtro {
    const char *p[NPARAMS];
} filtro;

static const char *bool_param(const char *v, bool *ok)
{
    if (!v) return NULL;
    if (!strcasecmp(v, "true") || !strcasecmp(v, "si") || !strcmp(v, "1")) return "true";
    if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0")) return "false";
    *ok = false;
    return NULL;
}

static const char *text_param(req *r, const char *key, bool *ok)
{
    const char *v = http_query(r, key);
    if (!v) return NULL;
    if (!*v || strlen(v) > 100) *ok = false;
    return v;
}

/* A place filter: an INEI code goes to code_slot, a name to name_slot. */
static void place_param(req *r, const char *key, const char **code_slot, const char **name_slot, bool *ok)
{
    const char *v = text_param(r, key, ok);
    if (!v) return;
    if (strlen(v) == 6 && strspn(v, "0123456789") == 6) *code_slot = v; /* an INEI code */
    else *name_slot = v;
}

/* Reads the shared filter; false after answering 400. */
static bool read_filter(req *r, const char *conv, filtro *f)
{
    memset(f, 0, sizeof *f);
    bool ok = true;
    f->p[F_CONVOCATORIA] = conv;
    const char *mod = http_query(r, "modalidad");
    f->p[F_MODALIDAD] = mod ? plazas_modalidad(mod) : NULL;
    if (mod && !f->p[F_MODALIDAD]) ok = false;
    f->p[F_PROFESION] = text_param(r, "profesion", &ok);
    f->p[F_DIRESA] = text_param(r, "diresa", &ok);
    f->p[F_INSTITUCION] = text_param(r, "institucion", &ok);
    place_param(r, "departamento", &f->p[F_DEPARTAMENTO], &f->p[F_DEPARTAMENTO_NOMBRE], &ok);
    place_param(r, "provincia", &f->p[F_PROVINCIA], &f->p[F_PROVINCIA_NOMBRE], &ok);
    place_param(r, "distrito", &f->p[F_DISTRITO], &f->p[F_DISTRITO_NOMBRE], &ok);
    const char *gd = http_query(r, "grado_dificultad");
    if (gd) {
        int g = oferta_grado(gd);
        if (g < 0) ok = false;
        else f->p[F_GRADO] = arena_printf(r->a, "%d", g);
    }
    f->p[F_ZAF] = bool_param(http_query(r, "zaf"), &ok);
    f->p[F_ZE] = bool_param(http_query(r, "ze"), &ok);
    const char *q = text_param(r, "q", &ok);
    if (q) {
        const char *k = texto_clave(r->a, q);
        if (!k || !*k) ok = false;
        else f->p[F_PATRON] = arena_printf(r->a, "%%%s%%", k);
    }
    if (!ok)
        problema(
            r, P_PARAMETRO_INVALIDO,
            "Filtro inválido: modalidad es REMUNERADA o EQUIVALENTE, grado_dificultad de GD-1 a GD-5 (o 1 a 5), "
            "zaf y ze true o false, q contiene letras o dígitos, y los textos tienen de 1 a 100 caracteres.");
    return ok;
}

static const char *read_sort(req *r, bool *ok)
{
    const char *s = http_query(r, "orden");
    if (!s) return "id";
    for (const char *const *it = ORDENES; *it; it++)
        if (!strcmp(*it, s)) return *it;
    *ok = false;
    return NULL;
}

/* ---- cursor: the order, the last key and id, and the first page's total,
 * sealed (src/cursor.c) for these filters: a later page never counts again,
 * and an edited cursor or one from another search answers 400. ---- */

enum { CUR_ORDEN, CUR_CLAVE, CUR_ID, CUR_TOTAL, NCUR };

/* What a cursor is valid for: this search's filters, NULL and empty apart. */
static const char *cursor_contexto(req *r, const filtro *f)
{
    sbuf b;
    sbuf_init(&b, r->a, 256);
    int bad = sbuf_adds(&b, "plazas");
    for (int i = 0; i < NFILTRO; i++) {
        bad |= sbuf_add(&b, "\x1e", 1);
        bad |= f->p[i] ? sbuf_adds(&b, f->p[i]) : sbuf_add(&b, "\x1d", 1);
    }
    return bad ? NULL : sbuf_cstr(&b);
}

static const char *cursor_encode(req *r, const filtro *f, const char *sk, const char *id, const char *total)
{
    const char *ctx = cursor_contexto(r, f);
    const char *campos[NCUR] = {
        [CUR_ORDEN] = f->p[B_ORDEN], [CUR_CLAVE] = sk ? sk : "", [CUR_ID] = id, [CUR_TOTAL] = total};
    return ctx ? cursor_seal(r->a, r->w->cfg->jwt_secret, ctx, campos, NCUR) : NULL;
}

/* Fills the cursor's key, id and total into f; false if it is not a cursor
 * of this search and order. */
static bool cursor_decode(req *r, const char *cursor, filtro *f)
{
    const char *ctx = cursor_contexto(r, f);
    const char *c[NCUR];
    if (!ctx || !cursor_open(r->a, r->w->cfg->jwt_secret, ctx, cursor, c, NCUR)) return false;
    if (strcmp(c[CUR_ORDEN], f->p[B_ORDEN]) != 0 || !texto_id_decimal(c[CUR_ID])) return false;
    if (strcmp(c[CUR_TOTAL], "0") != 0 && !texto_id_decimal(c[CUR_TOTAL])) return false;
    f->p[B_CLAVE_CURSOR] = c[CUR_CLAVE];
    f->p[B_ID_CURSOR] = c[CUR_ID];
    f->p[B_TOTAL] = c[CUR_TOTAL];
    return true;
}

/* ---- handlers ---- */

static void not_found(req *r) { problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria."); }

static bool convocatoria_param(req *r, const char **id)
{
    *id = route_param(&r->params, "id");
    if (texto_id_decimal(*id)) return true;
    not_found(r);
    return false;
}

/* Runs a search or summary statement (its column `existe`: whether the
 * convocatoria exists); NULL after answering 404 or a database problem. */
static PGresult *consultar(req *r, const db_stmt *q, int n, const filtro *f)
{
    PGresult *res = db_exec(r->w->db, r->a, q, n, f->p);
    if (!res) {
        problema_bd(r);
        return NULL;
    }
    if (strcmp(db_field(res, 0, "existe"), "t") != 0) {
        not_found(r);
        return NULL;
    }
    return res;
}

static void export_csv(req *r, filtro *f, const char *orden, const char *conv)
{
    f->p[B_ORDEN] = orden;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_plazas_exporta, B_ORDEN + 1, f->p);
    if (!res) {
        problema_bd(r);
        return;
    }
    int rows = PQntuples(res);
    if (rows == 0) {
        PGresult *chk = db_exec(r->w->db, r->a, &SQL_plazas_convocatoria_existe, 1, (const char *[]){conv});
        if (!chk) {
            problema_bd(r);
            return;
        }
        if (PQntuples(chk) == 0) {
            not_found(r);
            return;
        }
    }
    sbuf b;
    sbuf_init(&b, r->a, (size_t)rows * 256 + 512);
    for (int c = 0; CSV_COLUMNAS[c]; c++) {
        if (c) sbuf_add(&b, ",", 1);
        sbuf_adds(&b, CSV_COLUMNAS[c]);
    }
    sbuf_adds(&b, "\r\n");
    for (int i = 0; i < rows; i++) {
        for (int c = 0; CSV_COLUMNAS[c]; c++) {
            if (c) sbuf_add(&b, ",", 1);
            csv_write_cell(&b, db_field(res, i, CSV_COLUMNAS[c]), ',');
        }
        sbuf_adds(&b, "\r\n");
    }
    publico_csv(r, sbuf_cstr(&b), b.len, arena_printf(r->a, "plazas-convocatoria-%s.csv", conv),
                PUBLICO_MAX_AGE_OFERTA);
}

static void plazas_busca_compute(req *r, const char *conv)
{
    filtro f;
    if (!read_filter(r, conv, &f)) return;
    bool ok = true;
    const char *orden = read_sort(r, &ok);
    if (!ok) {
        problema(r, P_PARAMETRO_INVALIDO,
                 "orden debe ser id, establecimiento, profesion, diresa, departamento, grado_dificultad, "
                 "-grado_dificultad, cantidad o -cantidad.");
        return;
    }
    http_set_header(r, "Vary", "Accept");
    if (publico_quiere_csv(r)) {
        export_csv(r, &f, orden, conv);
        return;
    }
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    f.p[B_ORDEN] = orden;
    if (cursor && !cursor_decode(r, cursor, &f)) {
        problema(r, P_PARAMETRO_INVALIDO, "cursor inválido para esta búsqueda y este orden.");
        return;
    }
    f.p[B_LIMITE] = arena_printf(r->a, "%ld", limit);
    PGresult *res = consultar(r, &SQL_plazas_busca, NPARAMS, &f);
    if (!res) return;
    const char *total = db_field(res, 0, "total");
    bool more = !strcmp(db_field(res, 0, "hay_mas"), "t");
    const char *next = more ? cursor_encode(r, &f, db_field(res, 0, "ultima_clave"),
                                            db_field(res, 0, "ultimo_id"), total)
                            : NULL;
    if (more && !next) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    const char *body = arena_printf(r->a, "{\"items\":%s,\"next_cursor\":%s%s%s,\"total\":%s}",
                                    db_field(res, 0, "items"), next ? "\"" : "", next ? next : "null",
                                    next ? "\"" : "", total);
    publico_json(r, body, PUBLICO_MAX_AGE_OFERTA);
}

/* A public read of the offer, answered from the worker's cache when it can
 * be, else computed and cached in the convocatoria's group. */
static void cacheada(req *r, void (*compute)(req *r, const char *conv))
{
    const char *conv;
    if (!convocatoria_param(r, &conv)) return;
    const char *group = publico_grupo_oferta(r, conv);
    if (publico_cache_answer(r)) return;
    compute(r, conv);
    publico_cache_store(r, group);
}

static void plazas_busca(req *r) { cacheada(r, plazas_busca_compute); }

void plazas_warm(db *d, arena *a)
{
    filtro f = {.p = {[F_CONVOCATORIA] = "0", [B_LIMITE] = "1"}};
    db_exec(d, a, &SQL_plazas_busca, NPARAMS, f.p);
}

static void plazas_resumen_compute(req *r, const char *conv)
{
    filtro f;
    if (!read_filter(r, conv, &f)) return;
    const char *por = http_query(r, "por");
    static const char *const POR[] = {"profesion", "diresa", "departamento", NULL};
    f.p[B_ORDEN] = NULL;
    for (const char *const *it = POR; *it && por; it++)
        if (!strcmp(*it, por)) f.p[B_ORDEN] = *it;
    if (!f.p[B_ORDEN]) {
        problema(r, P_PARAMETRO_INVALIDO, "por debe ser profesion, diresa o departamento.");
        return;
    }
    PGresult *res = consultar(r, &SQL_plazas_resumen, B_ORDEN + 1, &f);
    if (!res) return;
    http_set_header(r, "Vary", "Accept");
    const char *json = db_field(res, 0, "resumen");
    if (!publico_quiere_csv(r)) {
        publico_json(r, json, PUBLICO_MAX_AGE_OFERTA);
        return;
    }
    /* the same rows as CSV: codigo,nombre,filas,plazas */
    jv *root = NULL;
    char err[160];
    json_limits lim = {16 * 1024 * 1024, 8, 1024 * 1024};
    if (json_parse(r->a, json, strlen(json), &lim, &root, err, sizeof err) != 0) {
        problema_bd(r);
        return;
    }
    const jv *items = jv_get(root, "items");
    sbuf b;
    sbuf_init(&b, r->a, 4096);
    sbuf_adds(&b, "codigo,nombre,filas,plazas\r\n");
    for (size_t i = 0; items && i < items->n; i++) {
        const char *cols[] = {"codigo", "nombre", "filas", "plazas"};
        for (int c = 0; c < 4; c++) {
            const jv *v = jv_get(items->items[i], cols[c]);
            if (c) sbuf_add(&b, ",", 1);
            if (v && v->t != JV_NULL) csv_write_cell(&b, v->s, ',');
        }
        sbuf_adds(&b, "\r\n");
    }
    publico_csv(r, sbuf_cstr(&b), b.len, arena_printf(r->a, "plazas-resumen-%s-%s.csv", f.p[B_ORDEN], conv),
                PUBLICO_MAX_AGE_OFERTA);
}

static void plazas_resumen(req *r) { cacheada(r, plazas_resumen_compute); }

/* Each whole-file problem of domain/oferta.c as a problem code. */
static const problema_id PROBLEMA_DE_OFERTA[OFERTA_NPROBLEMAS] = {
    [OFERTA_OK] = P_ERROR_INTERNO,
    [OFERTA_ARCHIVO_VACIO] = P_ARCHIVO_VACIO,
    [OFERTA_NO_ES_CSV] = P_ARCHIVO_NO_ES_CSV,
    [OFERTA_CSV_MALFORMADO] = P_CSV_MALFORMADO,
    [OFERTA_DELIMITADOR_INVALIDO] = P_DELIMITADOR_INVALIDO,
    [OFERTA_SIN_CABECERA] = P_CABECERA_NO_ENCONTRADA,
    [OFERTA_COLUMNAS_FALTANTES] = P_COLUMNAS_FALTANTES,
    [OFERTA_SIN_FILAS] = P_OFERTA_SIN_FILAS,
    [OFERTA_SIN_MEMORIA] = P_ERROR_INTERNO,
};

/* 201 with the report, or the problem the import came to. */
static void importe_responder(req *r, importe *im)
{
    switch (im->estado) {
    case IMPORTE_HECHO: {
        jw *w = jw_new(r->a);
        if (!w) {
            problema(r, P_ERROR_INTERNO, "Sin memoria.");
            return;
        }
        jw_obj(w);
        plazas_importe_miembros(w, im);
        jw_end_obj(w);
        http_send_json(r, 201, w);
        return;
    }
    case IMPORTE_ARCHIVO: problema(r, PROBLEMA_DE_OFERTA[im->of.problema], im->of.detalle); return;
    case IMPORTE_RECHAZADO:
        problema_ext(
            r, P_OFERTA_CON_ERRORES,
            arena_printf(r->a,
                         "%zu de %ld filas tienen errores; no se importó ninguna. Corrija las líneas "
                         "indicadas en rechazadas.",
                         im->of.nrechazadas, im->of.filas_leidas),
            plazas_importe_miembros, im);
        return;
    case IMPORTE_FASE_INICIADA: problema(r, P_FASE_INICIADA, im->detalle); return;
    case IMPORTE_SIN_CONVOCATORIA: not_found(r); return;
    case IMPORTE_ERROR_BD: problema_bd(r); return;
    }
}

static void plazas_importa(req *r)
{
    const char *conv;
    if (!convocatoria_param(r, &conv)) return;
    const char *modalidad = plazas_modalidad(http_query(r, "modalidad"));
    if (!modalidad) {
        problema(r, P_PARAMETRO_INVALIDO, "Indique ?modalidad=REMUNERADA o ?modalidad=EQUIVALENTE.");
        return;
    }
    servicio s = servicio_de(r);
    importe im;
    plazas_importar(&s, conv, modalidad, r->body, r->body_len, &im);
    importe_responder(r, &im);
}

const route plazas_routes[] = {
    {"POST", "/v1/convocatorias/{id}/plazas/importaciones", plazas_importa, ROLE_ADMIN, BODY_CSV, 0},
    {"GET", "/v1/convocatorias/{id}/plazas", plazas_busca, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}/plazas/resumen", plazas_resumen, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
};
const size_t plazas_routes_n = ROUTES_N(plazas_routes);
