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
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"
#include <stdio.h>
#include <string.h>

static bool ubigeo_code(const char *s)
{
    return s && strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

/* Answers one page of `catalogo`; parent (a ubigeo code) only for the child lists. */
static void answer_list(req *r, const char *catalogo, const char *parent, problema_id not_found,
                        const char *detail)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (parent && !ubigeo_code(parent)) { problema(r, not_found, detail); return; }
    const char *p[] = {catalogo, parent, cursor, arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_catalogos_pagina, 4, p);
    if (!res) { problema_bd(r); return; }
    const char *json = db_field(res, 0, "pagina");
    if (!json) { problema(r, not_found, detail); return; }
    publico_json(r, json, PUBLICO_MAX_AGE_CATALOGO);
}

static void profesiones_list(req *r) { answer_list(r, "profesiones", NULL, P_ERROR_INTERNO, NULL); }
static void diresas_list(req *r) { answer_list(r, "diresas", NULL, P_ERROR_INTERNO, NULL); }
static void instituciones_list(req *r) { answer_list(r, "instituciones", NULL, P_ERROR_INTERNO, NULL); }
static void departamentos_list(req *r) { answer_list(r, "departamentos", NULL, P_ERROR_INTERNO, NULL); }

static void provincias_list(req *r)
{
    answer_list(r, "provincias", route_param(&r->params, "codigo"), P_DEPARTAMENTO_NO_ENCONTRADO,
                "No existe un departamento con ese código INEI.");
}

static void distritos_list(req *r)
{
    answer_list(r, "distritos", route_param(&r->params, "codigo"), P_PROVINCIA_NO_ENCONTRADA,
                "No existe una provincia con ese código INEI.");
}

const route catalogos_routes[] = {
    {"GET", "/v1/profesiones", profesiones_list, 0, BODY_NONE, 0},
    {"GET", "/v1/diresas", diresas_list, 0, BODY_NONE, 0},
    {"GET", "/v1/instituciones", instituciones_list, 0, BODY_NONE, 0},
    {"GET", "/v1/ubigeo/departamentos", departamentos_list, 0, BODY_NONE, 0},
    {"GET", "/v1/ubigeo/departamentos/{codigo}/provincias", provincias_list, 0, BODY_NONE, 0},
    {"GET", "/v1/ubigeo/provincias/{codigo}/distritos", distritos_list, 0, BODY_NONE, 0},
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
