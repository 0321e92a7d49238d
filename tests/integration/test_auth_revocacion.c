/* test_auth_revocacion.c - issue 9, probe 7: an access token stops working
 * in every worker within a second of its session being revoked (logout,
 * password change, password reset, deactivation, refresh reuse), other
 * sessions of the same account keep working, and workers started after the
 * revocation (SIGHUP) know it too. */
#include "it.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 24                 /* requests spread over the workers */

static void reset_clock(void) { it_set_now(NULL); }
TestSuite(revocacion, .fini = reset_clock);

typedef struct sesion {
    char *access, *refresh;
} sesion;

static sesion login(const char *email, const char *password)
{
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", email, password);
    it_resp *r = it_post("/v1/auth/login", NULL, body);
    cr_assert_eq(r->status, 200, "login %s: %ld %s", email, r->status, r->body);
    sesion s = {strdup(it_str(r, "access_token")), strdup(it_str(r, "refresh_token"))};
    it_free(r);
    return s;
}

static void sesion_free(sesion *s)
{
    free(s->access);
    free(s->refresh);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Every one of ROUNDS requests with token answers `status`. */
static void expect_all(const char *token, long status, const char *why)
{
    for (int i = 0; i < ROUNDS; i++) {
        it_resp *r = it_get("/v1/me", token);
        cr_assert_eq(r->status, status, "%s: request %d answered %ld %s", why, i, r->status, r->body);
        if (status == 401) {
            it_expect_problem(r, 401, "NO_AUTENTICADO");
            const char *h = it_header(r, "WWW-Authenticate");
            cr_assert(h && strstr(h, "invalid_token"), "%s: WWW-Authenticate %s", why, h ? h : "-");
        }
        it_free(r);
    }
}

/* The revocation must be known everywhere within a second. */
static void expect_revoked(const char *token, const char *why)
{
    sleep_ms(1000);
    expect_all(token, 401, why);
}

static void postulante(char **email)
{
    free(it_new_postulante(email));
}

Test(revocacion, logout_revokes_that_session_only)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD), b = login(email, IT_DEV_PASSWORD);
    expect_all(a.access, 200, "before logout");
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", a.refresh);
    it_resp *r = it_post("/v1/auth/logout", NULL, body);
    cr_assert_eq(r->status, 204);
    it_free(r);
    expect_revoked(a.access, "after logout");
    expect_all(b.access, 200, "the other session");
    sesion_free(&a);
    sesion_free(&b);
    free(email);
}

Test(revocacion, password_change_revokes_every_session)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD), b = login(email, IT_DEV_PASSWORD);
    it_resp *r = it_put("/v1/me/password", a.access,
                        "{\"password_actual\":\"" IT_DEV_PASSWORD "\",\"password_nuevo\":\"otra-clave-segura-77\"}");
    cr_assert_eq(r->status, 204, "%ld %s", r->status, r->body);
    it_free(r);
    expect_revoked(a.access, "the session that changed it");
    expect_all(b.access, 401, "another session");
    sesion c = login(email, "otra-clave-segura-77");
    expect_all(c.access, 200, "a new login");
    sesion_free(&a);
    sesion_free(&b);
    sesion_free(&c);
    free(email);
}

Test(revocacion, password_reset_revokes_every_session)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD);
    char *tok = it_reset_token(email);
    cr_assert(tok);
    char body[512];
    snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"restablecida-clave-91\"}", tok);
    it_resp *r = it_post("/v1/auth/password-resets/confirm", NULL, body);
    cr_assert_eq(r->status, 204, "%ld %s", r->status, r->body);
    it_free(r);
    expect_revoked(a.access, "after a reset");
    sesion_free(&a);
    free(tok);
    free(email);
}

Test(revocacion, refresh_reuse_revokes_the_family)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD);
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", a.refresh);
    it_resp *r = it_post("/v1/auth/refresh", NULL, body);
    cr_assert_eq(r->status, 200);
    char *access2 = strdup(it_str(r, "access_token"));
    it_free(r);
    char later[32];                       /* past the grace window for a second tab */
    time_t t = time(NULL) + 60;
    strftime(later, sizeof later, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    it_set_now(later);
    r = it_post("/v1/auth/refresh", NULL, body);
    it_expect_problem(r, 401, "REFRESH_REUTILIZADO");
    it_free(r);
    expect_revoked(a.access, "first access token of the family");
    expect_all(access2, 401, "the rotated access token of the family");
    free(access2);
    sesion_free(&a);
    free(email);
}

Test(revocacion, deactivation_revokes_every_session)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD);
    expect_all(a.access, 200, "before");
    char *id = it_db_value("update usuarios set activo = false where email = $1 returning id", email);
    cr_assert(id, "deactivated");
    expect_revoked(a.access, "after deactivation");
    free(id);
    sesion_free(&a);
    free(email);
}

static pid_t master_pid(void)
{
    const char *p = getenv("SERUMS_TEST_SERUMSD_PID");
    cr_assert(p && atoi(p) > 0, "SERUMS_TEST_SERUMSD_PID not set");
    return (pid_t)atoi(p);
}

Test(revocacion, workers_started_later_know_it)
{
    char *email;
    postulante(&email);
    sesion a = login(email, IT_DEV_PASSWORD), b = login(email, IT_DEV_PASSWORD);
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", a.refresh);
    it_resp *r = it_post("/v1/auth/logout", NULL, body);
    cr_assert_eq(r->status, 204);
    it_free(r);
    cr_assert_eq(kill(master_pid(), SIGHUP), 0, "reload: every worker replaced");
    sleep_ms(2500);
    expect_all(a.access, 401, "new workers, revoked before they started");
    expect_all(b.access, 200, "new workers, live session");
    sesion_free(&a);
    sesion_free(&b);
    free(email);
}

static long long plazas_total(long long conv)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas?limit=1", conv);
    it_resp *r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    long long t = it_int(r, "total");
    it_free(r);
    return t;
}

/* Both the revocations and the public cache listen on the worker's one
 * connection: neither may swallow the other's notifications. */
Test(revocacion, offer_invalidations_still_reach_every_worker)
{
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(admin);
    long long conv = it_convocatoria_nueva(admin);
    const char *head = "PROFESION;SEDE DE ADJUDICACIÓN;N° PLAZAS;DIRESA;INSTITUCIÓN;DEPARTAMENTO;PROVINCIA;DISTRITO;"
                       "GRADO DE DIFICULTAD;CODIGO;NOMBRE DE ESTABLECIMIENTO;CATEGORIA;PRESUPUESTO;ZAF (*);ZE (**)\n";
    const char *row1 = "MEDICINA;SEDE CENTRAL;3;CUSCO;GOBIERNO REGIONAL;CUSCO;CUSCO;SANTIAGO;GD-2;2281;HOSPITAL ANTONIO LORENA;II-2;NACIONAL;NO;NO\n";
    const char *row2 = "OBSTETRICIA;SEDE CENTRAL;1;CUSCO;GOBIERNO REGIONAL;CUSCO;CUSCO;SANTIAGO;GD-2;2282;C.S. SANTIAGO;I-4;NACIONAL;NO;NO\n";
    char csv[2048];
    snprintf(csv, sizeof csv, "%s%s", head, row1);
    it_resp *r = it_import(admin, conv, "remunerada", csv, strlen(csv));
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    for (int i = 0; i < ROUNDS; i++) {   /* every worker: subscribed to both, caching the answer */
        it_resp *me = it_get("/v1/me", admin);
        cr_assert_eq(me->status, 200);
        it_free(me);
        cr_assert_eq(plazas_total(conv), 1);
    }
    snprintf(csv, sizeof csv, "%s%s%s", head, row1, row2);
    r = it_import(admin, conv, "remunerada", csv, strlen(csv));
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    sleep_ms(1000);
    for (int i = 0; i < ROUNDS; i++) cr_assert_eq(plazas_total(conv), 2, "request %d: a stale cached answer", i);
    free(admin);
}
