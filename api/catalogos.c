/* catalogos.c - reference catalogs, public and cacheable: professions
 * (with the group rules of DESIGN §3 and their adjudication mode), DIRESAs
 * (whether the payment receipt is waived), institutions, and the INEI ubigeo
 * tree (departamentos -> provincias -> distritos, 6-digit codes). Lists page
 * with ?limit=&cursor= (the cursor is the last key seen). The seed loads the
 * ubigeo tables, district centroids included, from shared/data/ubigeo. */
#include "api.h"
#include "publico.h"
#include "db.h"
#include "http.h"
#include "pgcopy.h"
#include "worker.h"
#include <stdio.h>
#include <string.h>

/* {items, next_cursor, total} over `source` (a FROM clause exposing a text
 * key k), paged by $1 (cursor: last k seen, or null) and $2 (limit). */
#define CATALOGO_LISTA(source, item)                                                                      \
    "with t as (select * from " source "), "                                                              \
    "p as (select * from t where $1::text is null or k > $1::text order by k limit $2::int + 1) "         \
    "select json_build_object("                                                                           \
    "'items', coalesce((select json_agg(" item " order by k) from (select * from p order by k limit $2::int) x), '[]'::json), " \
    "'next_cursor', case when (select count(*) from p) > $2::int "                                        \
    "  then (select max(k) from (select k from p order by k limit $2::int) y) end, "                     \
    "'total', (select count(*) from t))::text"

/* the same, answering null when the parent $3 does not exist */
#define CATALOGO_HIJOS(parent_table, source, item) \
    "select case when exists (select 1 from " parent_table " where codigo = $3) then (" CATALOGO_LISTA(source, item) ") end"

static const db_stmt Q_PROFESIONES = {
    "catalogos_profesiones",
    CATALOGO_LISTA("(select lpad(orden::text, 4, '0') as k, * from profesiones) s",
                   "json_build_object('codigo', codigo, 'nombre', nombre, 'grupo', grupo, "
                   "'modo_adjudicacion', modo_adjudicacion, 'requiere_ppp', requiere_ppp, "
                   "'requiere_enam', requiere_enam, 'notas_adjudicacion', case grupo "
                   "  when 'MEDICINA' then json_build_array('EVALUACION_SERUMS', 'ENAM') "
                   "  when 'CIENCIAS_SALUD' then json_build_array('EXAMEN_NACIONAL', 'EVALUACION_SERUMS') "
                   "  else '[]'::json end, 'nombre_oferta', nombre_oferta)")};

static const db_stmt Q_DIRESAS = {
    "catalogos_diresas",
    CATALOGO_LISTA("(select codigo as k, * from diresas) s",
                   "json_build_object('codigo', codigo, 'nombre', nombre, 'exonera_comprobante', exonera_comprobante)")};

static const db_stmt Q_INSTITUCIONES = {
    "catalogos_instituciones",
    CATALOGO_LISTA("(select codigo as k, * from instituciones) s", "json_build_object('codigo', codigo, 'nombre', nombre)")};

static const db_stmt Q_DEPARTAMENTOS = {
    "catalogos_departamentos",
    CATALOGO_LISTA("(select codigo::text as k, * from departamentos) s",
                   "json_build_object('codigo', codigo, 'nombre', nombre)")};

static const db_stmt Q_PROVINCIAS = {
    "catalogos_provincias",
    CATALOGO_HIJOS("departamentos",
                   "(select codigo::text as k, * from provincias where departamento_codigo = $3) s",
                   "json_build_object('codigo', codigo, 'nombre', nombre, 'departamento_codigo', departamento_codigo)")};

static const db_stmt Q_DISTRITOS = {
    "catalogos_distritos",
    CATALOGO_HIJOS("provincias", "(select codigo::text as k, * from distritos where provincia_codigo = $3) s",
                   "json_build_object('codigo', codigo, 'nombre', nombre, 'provincia_codigo', provincia_codigo)")};

static bool ubigeo_code(const char *s)
{
    return s && strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

/* Runs a catalog list; parent (a ubigeo code) only for the child lists. */
static void answer_list(req *r, const db_stmt *q, const char *parent, const char *not_found_code,
                        const char *not_found)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (parent && !ubigeo_code(parent)) { problem(r, 404, not_found_code, not_found); return; }
    char lim[16];
    snprintf(lim, sizeof lim, "%ld", limit);
    const char *p[] = {cursor, lim, parent};
    PGresult *res = db_exec(r->w->db, r->a, q, parent ? 3 : 2, p);
    if (!res) { problem_db(r); return; }
    const char *json = db_val(res, 0, 0);
    if (!json) { problem(r, 404, not_found_code, not_found); return; }
    publico_json(r, json, PUBLICO_MAX_AGE_CATALOGO);
}

static void profesiones_list(req *r) { answer_list(r, &Q_PROFESIONES, NULL, NULL, NULL); }
static void diresas_list(req *r) { answer_list(r, &Q_DIRESAS, NULL, NULL, NULL); }
static void instituciones_list(req *r) { answer_list(r, &Q_INSTITUCIONES, NULL, NULL, NULL); }
static void departamentos_list(req *r) { answer_list(r, &Q_DEPARTAMENTOS, NULL, NULL, NULL); }

static void provincias_list(req *r)
{
    answer_list(r, &Q_PROVINCIAS, route_param(&r->params, "codigo"), "DEPARTAMENTO_NO_ENCONTRADO",
                "No existe un departamento con ese código INEI.");
}

static void distritos_list(req *r)
{
    answer_list(r, &Q_DISTRITOS, route_param(&r->params, "codigo"), "PROVINCIA_NO_ENCONTRADA",
                "No existe una provincia con ese código INEI.");
}

const route catalogos_routes[] = {
    {"GET", "/v1/profesiones", profesiones_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/diresas", diresas_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/instituciones", instituciones_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/departamentos", departamentos_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/departamentos/{codigo}/provincias", provincias_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/provincias/{codigo}/distritos", distritos_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
};
const size_t catalogos_routes_n = ROUTES_N(catalogos_routes);

static const char UBIGEO_TEMP[] =
    "create temp table ub_dep (inei text, reniec text, departamento text, iso text, fips text, capital text,"
    " superficie text, densidad text, altitude text, latitude text, longitude text, ide text, iva text,"
    " idh text, pobreza text, pobreza_extrema text) on commit drop;"
    "create temp table ub_prov (inei text, reniec text, departamento text, provincia text, region text,"
    " macro_inei text, macro_minsa text, iso text, fips text, capital text, superficie text, densidad text,"
    " altitude text, latitude text, longitude text, ide text, iva text, idh text, pobreza text,"
    " pobreza_extrema text) on commit drop;"
    "create temp table ub_dist (inei text, reniec text, departamento text, provincia text, distrito text,"
    " region text, macro_inei text, macro_minsa text, iso text, fips text, capital text, superficie text,"
    " densidad text, altitude text, latitude text, longitude text, iva text, idh text, pobreza text,"
    " pobreza_extrema text) on commit drop;";

static const char UBIGEO_MERGE[] =
    /* rows without an INEI code (one district created after the table) are skipped */
    "insert into departamentos (codigo, nombre) select inei, departamento from ub_dep where inei ~ '^[0-9]{6}$'"
    " on conflict (codigo) do update set nombre = excluded.nombre;"
    "insert into provincias (codigo, departamento_codigo, nombre)"
    " select inei, left(inei, 2) || '0000', provincia from ub_prov where inei ~ '^[0-9]{6}$'"
    " on conflict (codigo) do update set nombre = excluded.nombre;"
    "insert into distritos (codigo, provincia_codigo, nombre, latitud, longitud)"
    " select inei, left(inei, 4) || '00', distrito, nullif(latitude, 'NA')::float8, nullif(longitude, 'NA')::float8"
    " from ub_dist where inei ~ '^[0-9]{6}$'"
    " on conflict (codigo) do update set nombre = excluded.nombre, latitud = excluded.latitud, longitud = excluded.longitud;";

static int seed_ubigeo(const config *cfg, PGconn *c)
{
    char dep[4096], prov[4096], dist[4096];
    snprintf(dep, sizeof dep, "%s/ubigeo/ubigeo_departamento.csv", cfg->data_dir);
    snprintf(prov, sizeof prov, "%s/ubigeo/ubigeo_provincia.csv", cfg->data_dir);
    snprintf(dist, sizeof dist, "%s/ubigeo/ubigeo_distrito.csv", cfg->data_dir);
    int rc = pg_exec_script(c, "begin", "seed ubigeo");
    if (rc == 0) rc = pg_exec_script(c, UBIGEO_TEMP, "seed ubigeo");
    if (rc == 0) rc = pg_copy_file(c, "copy ub_dep from stdin with (format csv, header true)", dep);
    if (rc == 0) rc = pg_copy_file(c, "copy ub_prov from stdin with (format csv, header true)", prov);
    if (rc == 0) rc = pg_copy_file(c, "copy ub_dist from stdin with (format csv, header true)", dist);
    if (rc == 0) rc = pg_exec_script(c, UBIGEO_MERGE, "seed ubigeo");
    if (rc == 0) rc = pg_exec_script(c, "commit", "seed ubigeo");
    else pg_exec_script(c, "rollback", "seed ubigeo");
    if (rc == 0) printf("seed: ubigeo loaded\n");
    return rc;
}

int catalogos_seed(const config *cfg, PGconn *c)
{
    return seed_ubigeo(cfg, c);
}
