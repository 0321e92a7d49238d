/* test_auth_password.c - password reset by email link (always 202, single
 * use, 30 minutes, last 5 passwords refused, sessions revoked) and the
 * change with the current password. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reset_clock(void) { it_set_now(NULL); }
TestSuite(password, .fini = reset_clock);

static it_resp *confirm(const char *token, const char *password)
{
    char body[512];
    snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"%s\"}", token, password);
    return it_post("/v1/auth/password-resets/confirm", NULL, body);
}

static it_resp *change(const char *access, const char *actual, const char *nuevo)
{
    char body[512];
    snprintf(body, sizeof body, "{\"password_actual\":\"%s\",\"password_nuevo\":\"%s\"}", actual, nuevo);
    return it_put("/v1/me/password", access, body);
}

static char *mobile_refresh(const char *email, const char *password)
{
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", email, password);
    it_resp *r = it_post("/v1/auth/login", NULL, body);
    char *t = r->status == 200 ? strdup(it_str(r, "refresh_token")) : NULL;
    it_free(r);
    return t;
}

static long refresh_status(const char *refresh)
{
    char body[256];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", refresh);
    it_resp *r = it_post("/v1/auth/refresh", NULL, body);
    long s = r->status;
    it_free(r);
    return s;
}

Test(password, reset_request_answers_the_same_for_every_email)
{
    char *known = NULL;
    free(it_new_postulante(&known));
    char *unknown = it_unique_email("reset.desconocido");
    char a_body[256], b_body[256];
    snprintf(a_body, sizeof a_body, "{\"email\":\"%s\"}", known);
    snprintf(b_body, sizeof b_body, "{\"email\":\"%s\"}", unknown);
    it_resp *a = it_post("/v1/auth/password-resets", NULL, a_body);
    it_resp *b = it_post("/v1/auth/password-resets", NULL, b_body);
    cr_expect_eq(a->status, 202);
    cr_expect_eq(b->status, 202);
    cr_expect_str_eq(a->body, b->body);
    it_free(a);
    it_free(b);
    char *mail = it_mail_wait(known, "restablecer?token", 15000);
    cr_expect(mail && strstr(mail, "http://localhost:5173/restablecer?token"), "link to SERUMS_APP_URL");
    free(mail);
    cr_expect_null(it_mail_wait(unknown, NULL, 300), "nothing sent to an unknown email");
    free(known);
    free(unknown);
}

Test(password, reset_sets_the_password_and_revokes_every_session)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    char *refresh = mobile_refresh(email, IT_DEV_PASSWORD);
    cr_assert(refresh);
    it_set_now("2031-11-01T10:00:00Z");
    char *token = it_reset_token(email);
    cr_assert(token, "a reset link");
    it_resp *r = confirm(token, "Nueva-Clave-Andina-1");
    cr_expect_eq(r->status, 204, "%s", r->body);
    it_free(r);
    it_set_now(NULL);
    cr_expect_eq(refresh_status(refresh), 401, "old sessions revoked");
    char *old = it_login(email, IT_DEV_PASSWORD);
    cr_expect_null(old, "the old password no longer works");
    char *tok = it_login(email, "Nueva-Clave-Andina-1");
    cr_expect(tok, "the new one does");
    free(tok);
    free(old);
    /* single use */
    r = confirm(token, "Otra-Clave-Andina-2");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "token"));
    it_free(r);
    char *notice = it_mail_wait(email, "acaba de cambiar", 15000);
    cr_expect(notice, "a notice is emailed");
    free(notice);
    free(refresh);
    free(token);
    free(email);
}

Test(password, reset_link_expires_after_thirty_minutes)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    it_set_now("2031-11-02T10:00:00Z");
    char *token = it_reset_token(email);
    cr_assert(token);
    it_set_now("2031-11-02T10:30:00Z");
    it_resp *r = confirm(token, "Nueva-Clave-Andina-1");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(strstr(r->body, "TOKEN_EXPIRADO"), "%s", r->body);
    it_free(r);
    r = confirm("inventado", "Nueva-Clave-Andina-1");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(strstr(r->body, "TOKEN_INVALIDO"), "%s", r->body);
    it_free(r);
    free(token);
    free(email);
}

Test(password, reset_refuses_the_last_five_passwords)
{
    char *email = NULL;
    char *access = it_new_postulante(&email);
    /* P0 = IT_DEV_PASSWORD, then P1..P5 through PUT /v1/me/password */
    const char *p[] = {IT_DEV_PASSWORD, "Clave-Uno-Andina", "Clave-Dos-Andina", "Clave-Tres-Andina",
                       "Clave-Cuatro-Andina", "Clave-Cinco-Andina"};
    for (int i = 1; i <= 5; i++) {
        it_resp *r = change(access, p[i - 1], p[i]);
        cr_assert_eq(r->status, 204, "change %d: %s", i, r->body);
        it_free(r);
        free(access);                      /* a change closes every session: sign in again */
        access = it_login(email, p[i]);
        cr_assert(access);
    }
    it_set_now("2031-11-03T10:00:00Z");
    char *token = it_reset_token(email);
    cr_assert(token);
    for (int i = 1; i <= 5; i++) {
        it_resp *r = confirm(token, p[i]);
        it_expect_problem(r, 422, "CONTRASENA_REUTILIZADA");
        it_free(r);
    }
    it_resp *r = confirm(token, p[0]);
    cr_expect_eq(r->status, 204, "the sixth newest is allowed again: %s", r->body);
    it_free(r);
    free(token);
    free(access);
    free(email);
}

Test(password, reset_applies_the_policy_and_unlocks_the_account)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    it_set_now("2031-11-04T10:00:00Z");
    for (int i = 0; i < 5; i++) free(it_login(email, "equivocada-otra-vez"));
    char *token = it_reset_token(email);
    cr_assert(token);
    it_resp *r = confirm(token, "12345678");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "password"));
    it_free(r);
    r = confirm(token, email);
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = confirm(token, "Clave-Nueva-Del-Ande");
    cr_expect_eq(r->status, 204, "%s", r->body);
    it_free(r);
    char *tok = it_login(email, "Clave-Nueva-Del-Ande");
    cr_expect(tok, "the reset lifts the lockout");
    free(tok);
    free(token);
    free(email);
}

Test(password, reset_links_are_rate_limited_silently)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    it_set_now("2031-11-05T10:00:00Z");
    char *first = it_reset_token(email);
    cr_assert(first);
    char body[256];
    snprintf(body, sizeof body, "{\"email\":\"%s\"}", email);
    it_resp *r = it_post("/v1/auth/password-resets", NULL, body);
    cr_expect_eq(r->status, 202, "same answer within the minute");
    it_free(r);
    char *cnt = it_db_value("select count(*) from password_resets p join usuarios u on u.id = p.usuario_id"
                            " where u.email = $1", email);
    cr_expect_str_eq(cnt, "1", "but no second link");
    free(cnt);
    free(first);
    free(email);
}

Test(password, change_requires_the_current_password_and_revokes_sessions)
{
    char *email = NULL;
    char *access = it_new_postulante(&email);
    char *refresh = mobile_refresh(email, IT_DEV_PASSWORD);
    it_resp *r = change(access, "no-es-la-actual", "Clave-Nueva-Del-Ande");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "password_actual"));
    it_free(r);
    r = change(access, IT_DEV_PASSWORD, "qwerty123");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "password_nuevo"));
    it_free(r);
    r = change(access, IT_DEV_PASSWORD, IT_DEV_PASSWORD);
    it_expect_problem(r, 422, "CONTRASENA_REUTILIZADA");
    it_free(r);
    r = change(NULL, IT_DEV_PASSWORD, "Clave-Nueva-Del-Ande");
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    r = change(access, IT_DEV_PASSWORD, "Clave-Nueva-Del-Ande");
    cr_expect_eq(r->status, 204, "%s", r->body);
    it_free(r);
    cr_expect_eq(refresh_status(refresh), 401, "sessions revoked");
    char *tok = it_login(email, "Clave-Nueva-Del-Ande");
    cr_expect(tok);
    free(tok);
    char *audit = it_db_value("select count(*) from audit_log a join usuarios u on a.entity_id = u.id::text"
                              " where u.email = $1 and a.action = 'usuario.cambiar_password'", email);
    cr_expect_str_eq(audit, "1");
    free(audit);
    free(refresh);
    free(access);
    free(email);
}
