/* orden_merito.c - computes a merit order (see orden_merito.h) and serves the
 * admin's preview GET /v1/convocatorias/{id}/orden-merito. The published
 * items carry both positions, the deciding criterion, the grades used and
 * the masked document, never a condition (disability is health data: only its
 * effect on puntaje_final shows). SQL: sql/adjudicacion.sql. */
#include "orden_merito.h"
#include "api.h"
#include "db.h"
#include "problemas.h"
#include "publico.h"
#include "sorteo.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

typedef struct fila {
    const char *nombre, *documento, *diresa;
    pol_notas notas;
} fila;

static bool nota(const char *s, dec *d) { return s && dec_parse_cstr(s, POL_NOTA_DECIMALES, d) == 0; }

/* One row into its grades, score and desempate values; false when a grade the
 * policy needs is missing (*falta names it). */
static bool leer_fila(const politica *p, PGresult *res, int i, fila *f, orden_item *it, const char **falta)
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
    f->diresa = db_field(res, i, "diresa_codigo");
    it->id = strtoll(db_field(res, i, "id"), NULL, 10);
    for (int k = 0; k < p->ndesempate; k++) {
        it->tiene[k] = f->notas.tiene[p->desempate[k].fuente];
        it->crit[k] = f->notas.nota[p->desempate[k].fuente];
    }
    return p->ncomp == 0 || politica_puntaje(p, &f->notas, &it->puntaje, falta) == 0;
}

static void escribir_item(jw *w, const orden_calculo *om, const orden_item *it, const fila *f,
                          const char *modalidad, const char *profesion)
{
    char b[DEC_TEXTO];
    jw_obj(w);
    jw_kint(w, "n_adjudicacion", it->n_adjudicacion);
    jw_kint(w, "n", it->n);
    jw_kstr(w, "desempate", orden_decide_nombre(om->pol.desempate, it->decide));
    jw_kint(w, "inscripcion_id", it->id);
    jw_kstr(w, "apellidos_nombres", f->nombre);
    jw_kstr(w, "documento", f->documento);
    jw_kstr(w, "profesion", profesion);
    jw_kstr(w, "modalidad", modalidad);
    jw_kstr(w, "diresa_procedencia", f->diresa);
    jw_kstr(w, "modo", om->sorteo ? "SORTEO" : "MERITO");
    jw_kstr(w, "puntaje_final", om->sorteo ? NULL : dec_format(it->puntaje, b, sizeof b));
    jw_key(w, "componentes");
    jw_arr(w);
    for (int k = 0; !om->sorteo && k < om->pol.ncomp; k++) {
        nota_fuente fu = politica_fuente_usada(&om->pol, &om->pol.comp[k], &f->notas);
        jw_obj(w);
        jw_kstr(w, "fuente", NOTA_FUENTES[fu]);
        jw_kstr(w, "peso", dec_format(om->pol.comp[k].peso, b, sizeof b));
        jw_kstr(w, "nota", dec_format(f->notas.nota[fu], b, sizeof b));
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_key(w, "desempate_valores");
    jw_arr(w);
    for (int k = 0; !om->sorteo && k < om->pol.ndesempate; k++)
        jw_str(w, it->tiene[k] ? dec_format(it->crit[k], b, sizeof b) : NULL);
    jw_end_arr(w);
    jw_key(w, "observacion_publica");
    jw_null(w);
    if (om->sorteo_id) jw_kint(w, "sorteo_id", strtoll(om->sorteo_id, NULL, 10));
    else {
        jw_key(w, "sorteo_id");
        jw_null(w);
    }
    jw_end_obj(w);
}

static const char *escribir_json(req *r, const orden_calculo *om, const fila *filas, const size_t *idx,
                                 const char *convocatoria, const char *politica_txt, const char *modalidad,
                                 const char *profesion)
{
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_obj(w);
    jw_kstr(w, "convocatoria", convocatoria);
    jw_kstr(w, "tipo", "ORDEN_MERITO");
    jw_kstr(w, "modalidad", modalidad);
    jw_kstr(w, "profesion", profesion);
    jw_key(w, "politicas");
    jw_obj(w);
    jw_key(w, profesion);
    jw_raw_number(w, politica_txt); /* the stored canonical JSON, as is */
    jw_end_obj(w);
    jw_kint(w, "filas", (long long)om->n);
    jw_key(w, "items");
    jw_arr(w);
    for (size_t i = 0; i < om->n; i++)
        escribir_item(w, om, &om->items[i], &filas[idx[i]], modalidad, profesion);
    jw_end_arr(w);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

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
                 "La profesión no tiene política de puntaje en esta convocatoria.");
        return NULL;
    }
    return res;
}

int orden_merito_calcular(req *r, const char *cid, const char *modalidad, const char *profesion,
                          orden_calculo *om)
{
    memset(om, 0, sizeof *om);
    PGresult *pr = cargar_politica(r, cid, modalidad, profesion);
    if (!pr) return -1;
    const char *ptxt = db_field(pr, 0, "politica");
    jv *root;
    char err[160];
    verr e;
    verr_init(&e, r->a);
    if (json_parse(r->a, ptxt, strlen(ptxt), &JSON_BODY_LIMITS, &root, err, sizeof err) ||
        !politica_leer(r->a, root, &e, &om->pol)) {
        problema(r, P_ERROR_INTERNO, "La política guardada no es válida.");
        return -1;
    }
    om->sorteo = !strcmp(db_field(pr, 0, "modo_adjudicacion"), "SORTEO");
    om->sorteo_id = db_field(pr, 0, "sorteo_id");
    if (om->sorteo && !om->sorteo_id) {
        problema(r, P_SORTEO_PENDIENTE, "La profesión adjudica por sorteo y su sorteo aún no se realizó.");
        return -1;
    }
    PGresult *res = db_exec(r->w->db, r->a, &SQL_orden_aptos, 4,
                            (const char *[]){cid, profesion, modalidad, om->sorteo_id});
    if (!res) {
        problem_db(r);
        return -1;
    }
    om->n = (size_t)PQntuples(res);
    om->items = arena_calloc(r->a, om->n ? om->n : 1, sizeof *om->items);
    fila *filas = arena_calloc(r->a, om->n ? om->n : 1, sizeof *filas);
    unsigned char *claves = arena_alloc(r->a, (om->n ? om->n : 1) * 32);
    size_t *idx = arena_alloc(r->a, (om->n ? om->n : 1) * sizeof *idx);
    if (!om->items || !filas || !claves || !idx) {
        problem_db(r);
        return -1;
    }
    for (size_t i = 0; i < om->n; i++) {
        const char *falta = NULL;
        politica sin_puntaje = om->pol;
        if (om->sorteo) sin_puntaje.ncomp = 0;
        if (!leer_fila(&sin_puntaje, res, (int)i, &filas[i], &om->items[i], &falta)) {
            problema(r, P_NOTAS_INCOMPLETAS,
                     arena_printf(r->a, "La inscripción %s no tiene la nota %s que la política exige.",
                                  db_field(res, (int)i, "id"), falta ? falta : "?"));
            return -1;
        }
        const char *k = db_field(res, (int)i, "clave");
        if (k && sodium_hex2bin(claves + 32 * i, 32, k, 64, NULL, NULL, NULL) == 0)
            om->items[i].clave = claves + 32 * i;
    }
    size_t sin_resolver = 0;
    if (om->sorteo) orden_por_sorteo(om->items, om->n);
    else sin_resolver = orden_merito(om->items, om->n, om->pol.desempate, om->pol.ndesempate);
    /* map each sorted item back to its row (rows come sorted by id) */
    for (size_t i = 0; i < om->n; i++) {
        size_t lo = 0, hi = om->n;
        while (lo < hi) {
            size_t m = (lo + hi) / 2;
            int64_t id = strtoll(db_field(res, (int)m, "id"), NULL, 10);
            if (id == om->items[i].id) {
                lo = m;
                break;
            }
            if (id < om->items[i].id) lo = m + 1;
            else hi = m;
        }
        idx[i] = lo;
    }
    if (sin_resolver) {
        problema(
            r, P_SORTEO_PENDIENTE,
            arena_printf(
                r->a,
                "%zu inscripciones siguen empatadas tras el desempate: realice el sorteo de la profesión.",
                sin_resolver));
        return -1;
    }
    om->json = escribir_json(r, om, filas, idx, db_field(pr, 0, "convocatoria"), ptxt, modalidad, profesion);
    if (!om->json) {
        problem_db(r);
        return -1;
    }
    return 0;
}

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
    http_send_json_text(r, 200, om.json);
}

const route orden_merito_routes[] = {
    {"GET", "/v1/convocatorias/{id}/orden-merito", orden_merito_get, ROLE_ADMIN, BODY_NONE, 0},
};
const size_t orden_merito_routes_n = ROUTES_N(orden_merito_routes);
