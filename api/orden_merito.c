/* orden_merito.c - computes a merit order (see orden_merito.h), renders it as
 * ORDEN_MERITO rows and serves the admin's preview
 * GET /v1/convocatorias/{id}/orden-merito (one group, the list's JSON shape
 * as version 0, nothing stored). The rows carry both positions, the deciding
 * criterion, the grades the policy reads and the policy itself, never a
 * condition (disability is health data: only its effect on puntaje_final
 * shows); the document is masked by the publication machinery.
 * SQL: sql/adjudicacion.sql (orden_*). */
#include "orden_merito.h"
#include "api.h"
#include "comun.h"
#include "db.h"
#include "problemas.h"
#include "publicacion.h"
#include "sorteo.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct orden_fila {
    const char *nombre, *documento, *diresa, *observacion;
    pol_notas notas;
};

static bool nota(const char *s, dec *d) { return s && dec_parse_cstr(s, POL_NOTA_DECIMALES, d) == 0; }

/* One row into its grades, score and desempate values; false when a grade the
 * policy needs is missing (*falta names it). */
static bool leer_fila(const politica *p, PGresult *res, int i, orden_fila *f, orden_item *it,
                      const char **falta)
{
    const char *cols[NOTA_N] = {"nota_evaluacion_serums", "nota_enam", "nota_ppp"};
    memset(f, 0, sizeof *f);
    memset(it, 0, sizeof *it);
    for (int k = 0; k < NOTA_N; k++) f->notas.tiene[k] = nota(db_field(res, i, cols[k]), &f->notas.nota[k]);
    const char *el = db_field(res, i, "eleccion");
    f->notas.eleccion = el && !strcmp(el, "ENAM") ? NOTA_ENAM : NOTA_EVALUACION_SERUMS;
    f->notas.condicion[BONO_DISCAPACIDAD] = !strcmp(db_field(res, i, "discapacidad"), "t");
    f->notas.condicion[BONO_FFAA] = !strcmp(db_field(res, i, "ffaa"), "t");
    f->nombre = db_field(res, i, "apellidos_nombres");
    f->documento = db_field(res, i, "documento");
    f->diresa = db_field(res, i, "diresa_procedencia");
    f->observacion = db_field(res, i, "observacion_publica");
    it->id = strtoll(db_field(res, i, "id"), NULL, 10);
    for (int k = 0; k < p->ndesempate; k++) {
        it->tiene[k] = f->notas.tiene[p->desempate[k].fuente];
        it->crit[k] = f->notas.nota[p->desempate[k].fuente];
    }
    return p->ncomp == 0 || politica_puntaje(p, &f->notas, &it->puntaje, falta) == 0;
}

/* ---- the rows of the ORDEN_MERITO list ---- */

/* The values of one row, named as the tipo's columns (publicacion_tipos.c). */
enum {
    C_MODALIDAD,
    C_PROFESION,
    C_N_ADJ,
    C_N,
    C_DESEMPATE,
    C_ID,
    C_NOMBRE,
    C_DOCUMENTO,
    C_DIRESA,
    C_MODO,
    C_PUNTAJE,
    C_ELECCION,
    C_NOTA_EVAL,
    C_NOTA_ENAM,
    C_NOTA_PPP,
    C_OBSERVACION,
    C_SORTEO,
    C_POLITICA,
    C_N_COLS
};
static const char *const COLUMNAS[C_N_COLS] = {"modalidad",
                                               "profesion",
                                               "n_adjudicacion",
                                               "n",
                                               "desempate",
                                               "inscripcion_id",
                                               "apellidos_nombres",
                                               "documento",
                                               "diresa_procedencia",
                                               "modo",
                                               "puntaje_final",
                                               "eleccion_nota",
                                               "nota_evaluacion_serums",
                                               "nota_enam",
                                               "nota_ppp",
                                               "observacion_publica",
                                               "sorteo_id",
                                               "politica"};

/* Which grades the policy reads (components, either exam when the postulante
 * chooses, desempate): only those are published. */
static void notas_usadas(const orden_calculo *om, bool usa[NOTA_N])
{
    memset(usa, 0, NOTA_N * sizeof *usa);
    if (om->sorteo) return;
    for (int k = 0; k < om->pol.ncomp; k++) {
        nota_fuente f = om->pol.comp[k].fuente;
        usa[f] = true;
        if (om->pol.postulante_elige && f != NOTA_PPP) usa[NOTA_EVALUACION_SERUMS] = usa[NOTA_ENAM] = true;
    }
    for (int k = 0; k < om->pol.ndesempate; k++) usa[om->pol.desempate[k].fuente] = true;
}

/* Fills v[C_N_COLS] for item i; false when memory ran out. */
static bool valores(arena *a, const orden_calculo *om, const bool usa[NOTA_N], size_t i, const char **v)
{
    const orden_item *it = &om->items[i];
    const orden_fila *f = om->filas[i];
    char b[DEC_TEXTO];
    v[C_MODALIDAD] = om->modalidad;
    v[C_PROFESION] = om->profesion;
    v[C_N_ADJ] = arena_printf(a, "%d", it->n_adjudicacion);
    v[C_N] = arena_printf(a, "%d", it->n);
    v[C_DESEMPATE] = orden_decide_nombre(om->pol.desempate, it->decide);
    v[C_ID] = arena_printf(a, "%lld", (long long)it->id);
    v[C_NOMBRE] = f->nombre;
    v[C_DOCUMENTO] = f->documento;
    v[C_DIRESA] = f->diresa;
    v[C_MODO] = om->sorteo ? "SORTEO" : "MERITO";
    v[C_PUNTAJE] = om->sorteo ? NULL : arena_strdup(a, dec_format(it->puntaje, b, sizeof b));
    v[C_ELECCION] = !om->sorteo && om->pol.postulante_elige ? NOTA_FUENTES[f->notas.eleccion] : NULL;
    for (int k = 0; k < NOTA_N; k++)
        v[C_NOTA_EVAL + k] = usa[k] && f->notas.tiene[k]
                                 ? arena_strdup(a, dec_format(f->notas.nota[k], b, sizeof b))
                                 : NULL;
    v[C_OBSERVACION] = f->observacion;
    v[C_SORTEO] = om->sorteo_id;
    v[C_POLITICA] = om->politica_txt;
    return v[C_N_ADJ] && v[C_N] && v[C_ID] && (om->sorteo || v[C_PUNTAJE]);
}

/* The tipo's column c -> our value index; false when a column is unknown (a bug). */
static bool mapa_columnas(const pub_tipo *t, int *map)
{
    for (size_t c = 0; c < t->n_columnas; c++) {
        map[c] = -1;
        for (int k = 0; k < C_N_COLS; k++)
            if (!strcmp(t->columnas[c].nombre, COLUMNAS[k])) map[c] = k;
        if (map[c] < 0) return false;
    }
    return true;
}

/* Writes the rows of the groups oms[0..ng) into out (rows x columns); 0 ok. */
static int celdas_de(arena *a, const orden_calculo *oms, size_t ng, const char **out)
{
    const pub_tipo *t = pub_tipo_buscar("ORDEN_MERITO");
    int map[C_N_COLS];
    if (!t || t->n_columnas > C_N_COLS || !mapa_columnas(t, map)) return -1;
    const char *v[C_N_COLS];
    for (size_t g = 0; g < ng; g++) {
        bool usa[NOTA_N];
        notas_usadas(&oms[g], usa);
        for (size_t i = 0; i < oms[g].n; i++, out += t->n_columnas) {
            if (!valores(a, &oms[g], usa, i, v)) return -1;
            for (size_t c = 0; c < t->n_columnas; c++) out[c] = v[map[c]];
        }
    }
    return 0;
}

/* ---- computing one group ---- */

/* The policy row; NULL after answering. */
static PGresult *cargar_politica(req *r, const char *cid, const char *modalidad, const char *profesion)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_orden_politica, 3,
                            (const char *[]){cid, profesion, modalidad});
    if (!res) {
        problem_db(r);
        return NULL;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return NULL;
    }
    if (!db_field(res, 0, "politica")) {
        problema(r, P_POLITICA_NO_ENCONTRADA,
                 arena_printf(r->a, "La profesión %s no tiene política de puntaje en esta convocatoria.",
                              profesion));
        return NULL;
    }
    return res;
}

/* Places each sorted item's row (rows desde.. come sorted by id): filas[i] for items[i]. */
static void enlazar_filas(orden_calculo *om, const orden_fila *todas, PGresult *res, int desde)
{
    const orden_fila **filas = (const orden_fila **)om->filas;
    for (size_t i = 0; i < om->n; i++) {
        size_t lo = 0, hi = om->n;
        while (lo < hi) {
            size_t m = (lo + hi) / 2;
            int64_t id = strtoll(db_field(res, desde + (int)m, "id"), NULL, 10);
            if (id == om->items[i].id) {
                lo = m;
                break;
            }
            if (id < om->items[i].id) lo = m + 1;
            else hi = m;
        }
        filas[i] = &todas[lo];
    }
}

/* Reads every row and its lottery key; 0, or -1 after answering. */
static int leer_filas(req *r, orden_calculo *om, PGresult *res, int desde, orden_fila *filas)
{
    unsigned char *claves = arena_alloc(r->a, (om->n ? om->n : 1) * 32);
    if (!claves) {
        problem_db(r);
        return -1;
    }
    politica sin_puntaje = om->pol;
    if (om->sorteo) sin_puntaje.ncomp = 0;
    for (size_t i = 0; i < om->n; i++) {
        const char *falta = NULL;
        int fila = desde + (int)i;
        if (!leer_fila(&sin_puntaje, res, fila, &filas[i], &om->items[i], &falta)) {
            problema(r, P_NOTAS_INCOMPLETAS,
                     arena_printf(r->a, "La inscripción %s no tiene la nota %s que la política exige.",
                                  db_field(res, fila, "id"), falta ? falta : "?"));
            return -1;
        }
        const char *k = db_field(res, fila, "clave");
        if (k && sodium_hex2bin(claves + 32 * i, 32, k, 64, NULL, NULL, NULL) == 0)
            om->items[i].clave = claves + 32 * i;
    }
    return 0;
}

/* The order of one group whose rows are res[desde, desde + n) (sorted by id);
 * 0, or -1 after answering. */
static int calcular_en(req *r, const char *cid, const char *modalidad, const char *profesion, PGresult *res,
                       int desde, size_t n, orden_calculo *om)
{
    memset(om, 0, sizeof *om);
    om->modalidad = modalidad;
    om->profesion = profesion;
    PGresult *pr = cargar_politica(r, cid, modalidad, profesion);
    if (!pr) return -1;
    om->politica_txt = db_field(pr, 0, "politica");
    om->convocatoria = db_field(pr, 0, "convocatoria");
    jv *root;
    char err[160];
    verr e;
    verr_init(&e, r->a);
    if (json_parse(r->a, om->politica_txt, strlen(om->politica_txt), &JSON_BODY_LIMITS, &root, err,
                   sizeof err) ||
        !politica_leer(r->a, root, &e, &om->pol)) {
        problema(r, P_ERROR_INTERNO, "La política guardada no es válida.");
        return -1;
    }
    om->sorteo = !strcmp(db_field(pr, 0, "modo_adjudicacion"), "SORTEO");
    om->sorteo_id = db_field(pr, 0, "sorteo_id");
    if (om->sorteo && !om->sorteo_id) {
        problema(r, P_SORTEO_PENDIENTE,
                 arena_printf(r->a, "%s %s adjudica por sorteo y su sorteo aún no se realizó.", profesion,
                              modalidad));
        return -1;
    }
    om->n = n;
    size_t cap = om->n ? om->n : 1;
    om->items = arena_calloc(r->a, cap, sizeof *om->items);
    orden_fila *filas = arena_calloc(r->a, cap, sizeof *filas);
    om->filas = arena_calloc(r->a, cap, sizeof *om->filas);
    if (!om->items || !filas || !om->filas) {
        problem_db(r);
        return -1;
    }
    if (leer_filas(r, om, res, desde, filas)) return -1;
    size_t sin_resolver = 0;
    if (om->sorteo) orden_por_sorteo(om->items, om->n);
    else sin_resolver = orden_merito(om->items, om->n, om->pol.desempate, om->pol.ndesempate);
    if (sin_resolver) {
        problema(
            r, P_SORTEO_PENDIENTE,
            arena_printf(r->a,
                         "%zu inscripciones de %s %s siguen empatadas tras el desempate: realice el sorteo "
                         "de la profesión.",
                         sin_resolver, profesion, modalidad));
        return -1;
    }
    enlazar_filas(om, filas, res, desde);
    return 0;
}

/* The aptos of one group (profesion and modalidad) or, with NULLs, of every group. */
static PGresult *aptos(req *r, const char *cid, const char *modalidad, const char *profesion)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_orden_aptos, 3, (const char *[]){cid, profesion, modalidad});
    if (!res) problem_db(r);
    return res;
}

int orden_merito_calcular(req *r, const char *cid, const char *modalidad, const char *profesion,
                          orden_calculo *om)
{
    PGresult *res = aptos(r, cid, modalidad, profesion);
    return res ? calcular_en(r, cid, modalidad, profesion, res, 0, (size_t)PQntuples(res), om) : -1;
}

/* ---- every group of a convocatoria (the publication) ---- */

/* Where each group starts in res (rows by modalidad, profesión, id): inicio[0..ng], ng groups. */
static size_t grupos(arena *a, PGresult *res, int **inicio)
{
    int n = PQntuples(res);
    size_t ng = 0;
    *inicio = arena_alloc(a, ((size_t)n + 1) * sizeof **inicio);
    if (!*inicio) return 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(db_field(res, i, "modalidad"), db_field(res, i - 1, "modalidad")) ||
            strcmp(db_field(res, i, "profesion"), db_field(res, i - 1, "profesion")))
            (*inicio)[ng++] = i;
    (*inicio)[ng] = n;
    return ng;
}

int orden_merito_filas(req *r, const char *cid, size_t *n, const char *const **celdas)
{
    PGresult *res = aptos(r, cid, NULL, NULL);
    if (!res) return -1;
    int *inicio;
    size_t ng = grupos(r->a, res, &inicio);
    if (!inicio) {
        problem_db(r);
        return -1;
    }
    if (ng == 0) {
        problema(r, P_SIN_APTOS, "La convocatoria no tiene inscripciones APTO que ordenar.");
        return -1;
    }
    orden_calculo *oms = arena_calloc(r->a, ng, sizeof *oms);
    if (!oms) {
        problem_db(r);
        return -1;
    }
    *n = (size_t)PQntuples(res);
    for (size_t g = 0; g < ng; g++) {
        int d = inicio[g];
        if (calcular_en(r, cid, db_field(res, d, "modalidad"), db_field(res, d, "profesion"), res, d,
                        (size_t)(inicio[g + 1] - d), &oms[g]))
            return -1;
    }
    const pub_tipo *t = pub_tipo_buscar("ORDEN_MERITO");
    const char **out = t ? arena_alloc(r->a, (*n * t->n_columnas + 1) * sizeof *out) : NULL;
    if (!out || celdas_de(r->a, oms, ng, out)) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la lista.");
        return -1;
    }
    *celdas = out;
    return 0;
}

/* ---- GET: the admin's preview of one group ---- */

static const char *const MODALIDADES[] = {"REMUNERADA", "EQUIVALENTE", NULL};

static void orden_merito_get(req *r)
{
    const char *cid = route_param(&r->params, "id");
    const char *modalidad = http_query(r, "modalidad"), *profesion = http_query(r, "profesion");
    bool ok_mod = false;
    for (int i = 0; modalidad && MODALIDADES[i]; i++) ok_mod |= !strcmp(modalidad, MODALIDADES[i]);
    if (!ok_mod || !profesion || !*profesion || strlen(profesion) > 40) {
        problema(r, P_PARAMETRO_INVALIDO, "Indique modalidad (REMUNERADA o EQUIVALENTE) y profesion.");
        return;
    }
    if (!texto_id_decimal(cid)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    orden_calculo om;
    if (orden_merito_calcular(r, cid, modalidad, profesion, &om)) return;
    const pub_tipo *t = pub_tipo_buscar("ORDEN_MERITO");
    const char **c = t ? arena_alloc(r->a, (om.n * t->n_columnas + 1) * sizeof *c) : NULL;
    pub_archivo csv, json;
    pub_version v = {om.convocatoria, t, 0, api_ahora(r), om.n, c};
    if (!c || celdas_de(r->a, &om, 1, c) || pub_render(r->a, &v, &csv, &json)) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la lista.");
        return;
    }
    http_send(r, 200, "application/json", json.datos, json.len);
}

const route orden_merito_routes[] = {
    {"GET", "/v1/convocatorias/{id}/orden-merito", orden_merito_get, ROLE_ADMIN, BODY_NONE, 0},
};
const size_t orden_merito_routes_n = ROUTES_N(orden_merito_routes);
