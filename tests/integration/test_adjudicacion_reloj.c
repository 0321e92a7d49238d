/* test_adjudicacion_reloj.c - deadlines fire with nobody touching the session
 * (issue 11 step 2): a live session with 1-second turns (allowed only in the
 * test environment) advances in its static estado.json, polled through nginx,
 * while no request reaches the API: a filed list is taken at its deadline
 * (AUTO), turns without one end NO_ADJUDICO; the clock's events are the
 * motor's (VENCE by SISTEMA, hash-chained) and audited. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_orden.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define url itp

/* Polls estado.json (static, served by nginx) until the called turn is number minimo or later, the
 * session is CERRADA, or max_ms pass; the last turn number (-1 none) and state. */
static long long esperar_turno(const char *sid, long long minimo, int max_ms, char *estado, size_t n)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        it_resp *r = it_get(url("/v1/adjudicaciones/%s/estado.json", sid), NULL);
        cr_assert_eq(r->status, 200, "%s", r->body);
        long long numero = it_int(r, "turno.numero");
        snprintf(estado, n, "%s", it_str(r, "estado"));
        it_free(r);
        clock_gettime(CLOCK_MONOTONIC, &t);
        long ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
        if (numero >= minimo || !strcmp(estado, "CERRADA") || ms > max_ms) return numero;
        struct timespec d = {0, 100 * 1000 * 1000};
        nanosleep(&d, NULL);
    }
}

Test(adjudicacion_reloj, a_live_session_advances_with_nobody_calling_the_api)
{
    it_set_now(NULL); /* the real clock */
    char *adm = it_admin(), *conv = it_conv_adjudicacion();
    it_resp *r = it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", conv), adm, IT_POLITICA_2026);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    long long ids[3];
    it_aptos(conv, "MEDICINA", "REMUNERADA", 3, ids);
    long long plaza = it_plaza(conv, "MEDICINA", 2);
    it_orden_publicar(conv); /* sessions take their turns from the published order */
    r = it_post(url("/v1/convocatorias/%s/adjudicaciones", conv), adm,
                "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"UNICA\",\"modo\":\"VIVO\","
                "\"segundos_turno\":1,\"bloque\":50,\"reintentos\":0}");
    cr_assert_eq(r->status, 201, "%s", r->body);
    char *sid = strdup(it_str(r, "id"));
    it_free(r);
    /* the first turn filed a list: its deadline takes the plaza (AUTO) */
    char *t = it_apto_token(ids[2]), lista[64];
    snprintf(lista, sizeof lista, "{\"plazas\":[%lld]}", plaza);
    r = it_put(url("/v1/adjudicaciones/%s/preferencias", sid), t, lista);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    free(t);
    r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), adm, "{}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "turno.numero"), 1);
    cr_expect_eq(it_int(r, "turno.inscripcion_id"), ids[2]);
    it_free(r);

    /* from here on only the static file is read */
    char estado[32];
    long long numero = esperar_turno(sid, 2, 4000, estado, sizeof estado);
    cr_assert(numero >= 2 || !strcmp(estado, "CERRADA"), "the turn advanced on its own (turn %lld, %s)", numero,
              estado);
    esperar_turno(sid, 99, 8000, estado, sizeof estado);
    cr_expect_str_eq(estado, "CERRADA", "every 1-second turn expired and the session closed");

    r = it_get(url("/v1/adjudicaciones/%s/eventos", sid), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "eventos")->n, 3);
    for (int k = 0; k < 3; k++) {
        char p[48];
        snprintf(p, sizeof p, "eventos.%d.accion", k);
        cr_expect_str_eq(it_str(r, p), "VENCE");
        snprintf(p, sizeof p, "eventos.%d.actor", k);
        cr_expect_str_eq(it_str(r, p), "SISTEMA");
        snprintf(p, sizeof p, "eventos.%d.resultado", k);
        cr_expect_str_eq(it_str(r, p), k == 0 ? "ADJUDICADO" : "NO_ADJUDICO");
    }
    cr_expect_eq(it_int(r, "eventos.0.plaza_id"), plaza, "the AUTO pick from the filed list");
    it_free(r);
    char *aud = it_db_value("select count(*) > 0 from audit_log where action = 'adjudicacion.reloj.vence' "
                            "and entity_id = $1",
                            sid);
    cr_expect_str_eq(aud, "t", "the clock's changes are audited");
    free(aud);
    free(sid);
    free(adm);
    free(conv);
}
