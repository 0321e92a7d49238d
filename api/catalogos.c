/* catalogos.c - reference catalogs, public and cacheable: professions
 * (with the group rules of DESIGN §3 and their adjudication mode), DIRESAs
 * (whether the payment receipt is waived), institutions, and the INEI ubigeo
 * tree (departamentos -> provincias -> distritos, 6-digit codes). Lists page
 * with ?limit=&cursor= (the cursor is the last key seen). SQL:
 * sql/catalogos.sql; `serumsd seed` (cmd/seed.c) loads the ubigeo tables. */
#include "api.h"
#include "publico.h"
#include "db.h"
#include "http.h"
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"
#include <stdio.h>
#include <string.h>

static bool ubigeo_code(const char *s) { return s && strlen(s) == 6 && strspn(s, "0123456789") == 6; }

/* Answers one page of `catalogo`; parent (a ubigeo code) only for the child lists. */
static void answer_list(req *r, const char *catalogo, const char *parent, problema_id not_found,
                        const char *detail)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (parent && !ubigeo_code(parent)) {
        problema(r, not_found, detail);
        return;
    }
    const char *p[] = {catalogo, parent, cursor, arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_catalogos_pagina, 4, p);
    if (!res) {
        problema_bd(r);
        return;
    }
    const char *json = db_field(res, 0, "pagina");
    if (!json) {
        problema(r, not_found, detail);
        return;
    }
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
    {"GET", "/v1/profesiones", profesiones_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/diresas", diresas_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/instituciones", instituciones_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/departamentos", departamentos_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/departamentos/{codigo}/provincias", provincias_list, 0, BODY_NONE, 0,
     ROUTE_POOL_PUBLIC},
    {"GET", "/v1/ubigeo/provincias/{codigo}/distritos", distritos_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
};
const size_t catalogos_routes_n = ROUTES_N(catalogos_routes);
