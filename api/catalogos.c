/* catalogos.c - reference catalogs: professions, DIRESAs, institutions and
 * the INEI ubigeo tree. (Endpoints: to be written.) The seed loads the ubigeo
 * tables from shared/data/ubigeo. */
#include "api.h"
#include "../src/pgcopy.h"
#include <stdio.h>

const route catalogos_routes[] = {{0}};
const size_t catalogos_routes_n = 0;

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
    "insert into distritos (codigo, provincia_codigo, nombre)"
    " select inei, left(inei, 4) || '00', distrito from ub_dist where inei ~ '^[0-9]{6}$'"
    " on conflict (codigo) do update set nombre = excluded.nombre;";

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
