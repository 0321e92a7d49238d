/* test_auth_bloqueos.c - issue 9, probes 4, 5 and 6 and the refresh grace
 * window: wrong current passwords lock like sign-ins; a lock holds one email
 * from one address only, and failures from many addresses make sign-ins ask
 * for a captcha; staff sessions end 12 hours after login and after 30
 * minutes idle, postulantes' after 30 days; a second tab presenting a token
 * rotated seconds ago gets the same new refresh token, a later replay still
 * revokes the family. Requests from other client addresses leave from
 * 127.0.0.2-127.0.0.9 (loopback), as nginx sees them. */
#include "it.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void reset_clock(void) { it_set_now(NULL); }
TestSuite(bloqueos, .fini = reset_clock);

static size_t sink(char *p, size_t s, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return s * n;
}

/* POST /v1/auth/login from source address `from` ("127.0.0.N"); the status
 * and, when body_out is given, the body (malloc'ed). */
static long login_from(const char *from, const char *email, const char *password, const char *captcha)
{
    char url[256], body[1024];
    snprintf(url, sizeof url, "%s/v1/auth/login", it_base_url());
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"%s%s%s}", email, password,
             captcha ? ",\"captcha_token\":\"" : "", captcha ? captcha : "", captcha ? "\"" : "");
    CURL *c = curl_easy_init();
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_INTERFACE, from);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
    long status = 0;
    cr_assert_eq(curl_easy_perform(c), CURLE_OK, "request from %s", from);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

static it_resp *login(const char *email, const char *password, const char *captcha)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"%s%s%s}", email, password,
             captcha ? ",\"captcha_token\":\"" : "", captcha ? captcha : "", captcha ? "\"" : "");
    return it_post("/v1/auth/login", NULL, body);
}

static it_resp *refresh(const char *token)
{
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", token);
    return it_post("/v1/auth/refresh", NULL, body);
}

static char *new_account(void)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    return email;
}

Test(bloqueos, wrong_current_passwords_lock_like_sign_ins)
{
    char *email = new_account();
    char *access = it_login(email, IT_DEV_PASSWORD);
    for (int i = 1; i <= 4; i++) {
        it_resp *r = it_put("/v1/me/password", access, "{\"password_actual\":\"no-es-la-clave\",\"password_nuevo\":\"Otra-Clave-Segura-31\"}");
        it_expect_problem(r, 422, "VALIDACION");
        cr_expect(it_has_field_error(r, "password_actual"), "attempt %d", i);
        it_free(r);
    }
    it_resp *r = it_put("/v1/me/password", access, "{\"password_actual\":\"no-es-la-clave\",\"password_nuevo\":\"Otra-Clave-Segura-31\"}");
    it_expect_problem(r, 429, "CUENTA_BLOQUEADA");
    cr_expect(it_header(r, "Retry-After"), "Retry-After");
    it_free(r);
    r = it_put("/v1/me/password", access, "{\"password_actual\":\"" IT_DEV_PASSWORD "\",\"password_nuevo\":\"Otra-Clave-Segura-31\"}");
    it_expect_problem(r, 429, "CUENTA_BLOQUEADA");   /* even the right one, while locked */
    it_free(r);
    r = login(email, IT_DEV_PASSWORD, NULL);
    it_expect_problem(r, 429, "CUENTA_BLOQUEADA");   /* and sign-in from this address */
    it_free(r);
    char *hash = it_db_value("select count(*) from audit_log where action = 'login.fallo' and entity_id = $1", email);
    cr_expect_str_eq(hash, "5", "every wrong password audited");
    free(hash);
    free(access);
    free(email);
}

Test(bloqueos, a_lock_holds_one_address_only)
{
    char *email = new_account();
    for (int i = 0; i < 5; i++) cr_expect_eq(login_from("127.0.0.2", email, "clave-equivocada", NULL), i < 4 ? 401 : 429);
    cr_expect_eq(login_from("127.0.0.2", email, IT_DEV_PASSWORD, NULL), 429, "the attacker's address is locked");
    cr_expect_eq(login_from("127.0.0.1", email, IT_DEV_PASSWORD, NULL), 200, "the owner elsewhere is not");
    free(email);
}

Test(bloqueos, failures_from_many_addresses_require_a_captcha)
{
    char *email = new_account();
    const char *from[] = {"127.0.0.3", "127.0.0.4", "127.0.0.5"};
    for (int a = 0; a < 3; a++)       /* 4 + 4 + 2 failures: none locks its address */
        for (int i = 0; i < (a < 2 ? 4 : 2); i++) cr_expect_eq(login_from(from[a], email, "clave-equivocada", NULL), 401);
    it_resp *r = login(email, IT_DEV_PASSWORD, NULL);
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "captcha_token"), "%s", r->body);
    it_free(r);
    r = login(email, IT_DEV_PASSWORD, "prueba-captcha-falso");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "captcha_token"));
    it_free(r);
    r = login(email, IT_DEV_PASSWORD, "prueba-captcha-ok");
    cr_expect_eq(r->status, 200, "with a solved captcha: %s", r->body);
    it_free(r);
    free(email);
}

Test(bloqueos, staff_sessions_end_after_thirty_idle_minutes)
{
    it_set_now("2032-03-01T08:00:00Z");
    it_resp *r = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "refresh_expires_in"), 1800);
    char *t = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2032-03-01T08:30:01Z");
    r = refresh(t);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(t);
}

Test(bloqueos, staff_sessions_end_twelve_hours_after_login)
{
    it_resp *r = login("admin@serums.test", IT_DEV_PASSWORD, NULL);   /* clear any lock first */
    it_free(r);
    it_set_now("2032-04-01T08:00:00Z");
    r = login("admin@serums.test", IT_DEV_PASSWORD, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *t = strdup(it_str(r, "refresh_token"));
    it_free(r);
    char now[32];
    for (int m = 25; m < 12 * 60; m += 25) {          /* a busy reviewer refreshing every 25 minutes */
        snprintf(now, sizeof now, "2032-04-01T%02d:%02d:00Z", 8 + m / 60, m % 60);
        it_set_now(now);
        r = refresh(t);
        cr_assert_eq(r->status, 200, "%s: %s", now, r->body);
        long long left = it_int(r, "refresh_expires_in");
        cr_expect_leq(left, 12 * 3600 - m * 60, "%s: never past 12 hours (%lld s left)", now, left);
        free(t);
        t = strdup(it_str(r, "refresh_token"));
        it_free(r);
    }
    it_set_now("2032-04-01T20:00:00Z");
    r = refresh(t);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(t);
}

Test(bloqueos, postulante_sessions_end_thirty_days_after_login)
{
    char *email = new_account();
    it_set_now("2032-05-01T08:00:00Z");
    it_resp *r = login(email, IT_DEV_PASSWORD, NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "refresh_expires_in"), 30 * 86400);
    char *t = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2032-05-21T08:00:00Z");
    r = refresh(t);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "refresh_expires_in"), 10 * 86400, "a refresh does not extend the 30 days");
    free(t);
    t = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2032-05-31T08:00:01Z");
    r = refresh(t);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(t);
    free(email);
}

Test(bloqueos, a_second_tab_within_seconds_gets_the_same_pair)
{
    char *email = new_account();
    it_set_now("2032-06-01T08:00:00Z");
    it_resp *r = login(email, IT_DEV_PASSWORD, NULL);
    char *a = strdup(it_str(r, "refresh_token"));
    it_free(r);
    r = refresh(a);
    cr_assert_eq(r->status, 200);
    char *b = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2032-06-01T08:00:03Z");
    r = refresh(a);                                   /* the other tab, 3 s later */
    cr_assert_eq(r->status, 200, "grace: %s", r->body);
    cr_expect_str_eq(it_str(r, "refresh_token"), b, "the same new refresh token");
    it_resp *me = it_get("/v1/me", it_str(r, "access_token"));
    cr_expect_eq(me->status, 200);
    it_free(me);
    it_free(r);
    r = refresh(b);                                   /* the family goes on */
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *c = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2032-06-01T08:01:00Z");
    r = refresh(a);                                   /* a real replay, later */
    it_expect_problem(r, 401, "REFRESH_REUTILIZADO");
    it_free(r);
    r = refresh(c);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(a);
    free(b);
    free(c);
    free(email);
}
