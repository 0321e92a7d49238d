/* it_revision.c - fixtures for the review and publication tests (see
 * it_revision.h). */
#include "it_revision.h"
#include "it_inscripcion_datos.h"
#include <stdlib.h>
#include <string.h>

static const char *const FASES[] = {"INSCRIPCION", "REVISION", "PUBLICACION_APTOS", "SUBSANACION",
                                    "PUBLICACION_FINAL", "CASOS_ESPECIALES", "DESEMPATE_SORTEO",
                                    "ADJUDICACION_REMUNERADA", "ADJUDICACION_EQUIVALENTE", "SERVICIO",
                                    "INFORME_FINAL", NULL};

static void exec(const char *sql, int n, const char *const *p)
{
    PGresult *res = PQexecParams(it_db(), sql, n, NULL, p, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    cr_assert(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(it_db()));
    PQclear(res);
}

static int orden(const char *fase)
{
    for (int i = 0; FASES[i]; i++)
        if (!strcmp(FASES[i], fase)) return i;
    cr_assert_fail("fase desconocida %s", fase);
    return -1;
}

void it_fase_vigente(const char *conv, const char *fase)
{
    char k[8];
    snprintf(k, sizeof k, "%d", orden(fase));
    for (int i = 0; FASES[i]; i++) {
        char d[8];
        snprintf(d, sizeof d, "%d", (i - atoi(k)) * 10);
        const char *p[] = {conv, FASES[i], d};
        exec("update convocatoria_fases set inicia = now() + ($3::int - 5) * interval '1 day', "
             "termina = now() + ($3::int + 5) * interval '1 day' where convocatoria_id = $1::bigint and fase = $2",
             3, p);
    }
}

char *it_conv_revision(bool con_subsanacion)
{
    char *conv = it_convocatoria_abierta();
    exec("delete from convocatoria_fases where convocatoria_id = $1::bigint", 1, (const char *[]){conv});
    for (int i = 0; FASES[i]; i++) {
        if (!con_subsanacion && !strcmp(FASES[i], "SUBSANACION")) continue;
        exec("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) "
             "values ($1::bigint, $2, now(), now() + interval '1 day')", 2, (const char *[]){conv, FASES[i]});
    }
    it_fase_vigente(conv, "INSCRIPCION");
    return conv;
}

char *it_inscripcion_finalizada(const char *conv, char **token_out)
{
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion", IT_POST_CUSCO, 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 4096, 201);
    it_documento(id, token, "COMPROBANTE", 3000, 201);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "finalizar: %s", r->body);
    it_free(r);
    if (token_out) *token_out = token;
    else free(token);
    return id;
}

static const char *login_cache(char **slot, const char *email)
{
    if (!*slot) *slot = it_login(email, IT_DEV_PASSWORD);
    cr_assert_not_null(*slot, "login %s", email);
    return *slot;
}

const char *it_token_admin(void)
{
    static char *t;
    return login_cache(&t, "admin@serums.test");
}

const char *it_token_cusco(void)
{
    static char *t;
    return login_cache(&t, "diresa.cusco@serums.test");
}

const char *it_token_amazonas(void)
{
    static char *t;
    return login_cache(&t, "diresa.amazonas@serums.test");
}

it_resp *it_revisar(const char *id, const char *token, const char *body, long want)
{
    it_resp *r = it_post(itp("/v1/inscripciones/%s/revisiones", id), token, body);
    cr_assert_eq(r->status, want, "revisar %s: %ld %s", id, r->status, r->body ? r->body : "");
    return r;
}
