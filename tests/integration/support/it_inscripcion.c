/* it_inscripcion.c - fixtures for the inscription tests: a convocatoria with
 * INSCRIPCION open (straight SQL: the admin API is another module), offer
 * rows for casos especiales, a postulante with a draft, raw-body PUTs. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *exec_value(const char *sql, int n, const char *const *params)
{
    PGresult *res = PQexecParams(it_db(), sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    cr_assert(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(it_db()));
    char *v = st == PGRES_TUPLES_OK && PQntuples(res) && !PQgetisnull(res, 0, 0) ? strdup(PQgetvalue(res, 0, 0)) : NULL;
    PQclear(res);
    return v;
}

char *it_convocatoria_abierta(void)
{
    static unsigned n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char codigo[64];
    snprintf(codigo, sizeof codigo, "T%ld%03ld-%d-%u", (long)ts.tv_sec % 100000, ts.tv_nsec / 1000000, (int)getpid() % 1000,
             n++);
    const char *p[] = {codigo};
    char *id = exec_value("insert into convocatorias (codigo, anio, periodo, tipo) values ($1, 2026, 'I', 'ORDINARIO') "
                          "returning id", 1, p);
    const char *q[] = {id};
    free(exec_value("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values "
                    "($1::bigint, 'INSCRIPCION', now() - interval '2 days', now() + interval '30 days'), "
                    "($1::bigint, 'REVISION', now() + interval '30 days', now() + interval '40 days')", 1, q));
    return id;
}

/* The offer module's plazas table (branch oferta, migration 0201 as of its
 * commit 32a1ee7) carries an import and an establishment per row; this
 * branch's minimal table does not. Both work; keep in step with 0201. */
void it_plazas_remuneradas(const char *convocatoria_id, const char *profesion, const char *institucion,
                           const char *diresa, int cantidad)
{
    char cant[16];
    snprintf(cant, sizeof cant, "%d", cantidad);
    const char *p[] = {convocatoria_id, profesion, institucion, diresa, cant};
    char *completa = exec_value("select to_regclass('plaza_importaciones') is not null", 0, NULL);
    if (completa && !strcmp(completa, "t")) {
        free(exec_value("insert into establecimientos (renipress, nombre) values ('99999999', 'EESS DE PRUEBA') "
                        "on conflict do nothing", 0, NULL));
        free(exec_value(
            "with imp as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256) "
            "  values ($1::bigint, 'REMUNERADA', 1, $5::int, 0, 'prueba') returning id) "
            "insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress, "
            "  establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea) "
            "select $1::bigint, 'REMUNERADA', $2, $4, $3, '99999999', 'EESS DE PRUEBA', 'EESSDEPRUEBA', $5::int, 1, false, "
            "  false, imp.id, 1 from imp",
            5, p));
    } else {
        free(exec_value("insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, "
                        "renipress, cantidad) values ($1::bigint, 'REMUNERADA', $2, $4, $3, '99999999', $5::int)",
                        5, p));
    }
    free(completa);
}

char *it_inscripcion_nueva(const char *convocatoria_id, char **token_out, char **email_out)
{
    char *email = NULL;
    char *token = it_new_postulante(&email);
    cr_assert(token);
    char path[128];
    snprintf(path, sizeof path, "/v1/convocatorias/%s/inscripciones", convocatoria_id);
    it_resp *r = it_post(path, token, NULL);
    cr_assert_eq(r->status, 201, "create inscription: %ld %s", r->status, r->body ? r->body : "");
    char *id = strdup(it_str(r, "id"));
    it_free(r);
    if (token_out) *token_out = token; else free(token);
    if (email_out) *email_out = email; else free(email);
    return id;
}

it_resp *it_put_bytes(const char *path, const char *token, const char *type, const void *body, size_t len)
{
    char auth[4096];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token ? token : "");
    const char *h[] = {auth, NULL};
    return it_request("PUT", path, type, body, len, token ? h : NULL);
}
