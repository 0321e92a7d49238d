/* test_auth.c - the core of accounts through nginx: the seeded staff log in,
 * a postulante signs up with the real email code and sees its profile, and
 * the Bearer check answers 401 with WWW-Authenticate. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(auth, seeded_staff_log_in_with_their_roles)
{
    const char *users[][3] = {{"admin@serums.test", "admin", NULL},
                              {"diresa.amazonas@serums.test", "diresa", "AMAZONAS"},
                              {"diresa.cusco@serums.test", "diresa", "CUSCO"}};
    for (size_t i = 0; i < 3; i++) {
        char *tok = it_login(users[i][0], IT_DEV_PASSWORD);
        cr_assert(tok, "login %s", users[i][0]);
        it_resp *r = it_get("/v1/me", tok);
        cr_expect_eq(r->status, 200, "%s", r->body);
        cr_expect_str_eq(it_str(r, "email"), users[i][0]);
        cr_expect_str_eq(it_str(r, "rol"), users[i][1]);
        if (users[i][2]) cr_expect_str_eq(it_str(r, "diresa"), users[i][2]);
        it_free(r);
        free(tok);
    }
}

Test(auth, new_postulante_signs_up_and_sees_the_profile)
{
    char *email = NULL;
    char *tok = it_new_postulante(&email);
    it_resp *r = it_get("/v1/me", tok);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "email"), email);
    cr_expect_str_eq(it_str(r, "rol"), "postulante");
    cr_expect_str_eq(it_str(r, "tipo_documento"), "DNI");
    cr_expect_str_eq(it_str(r, "nombres"), "Ana Lucía");
    cr_expect_null(it_path(r, "diresa")->s);
    it_free(r);
    char *again = it_login(email, IT_DEV_PASSWORD);
    cr_expect(again, "the postulante logs in again with IT_DEV_PASSWORD");
    free(again);
    free(tok);
    free(email);
}

Test(auth, me_without_token_is_401_with_www_authenticate)
{
    it_resp *r = it_get("/v1/me", NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    const char *h = it_header(r, "WWW-Authenticate");
    cr_expect(h && !strncmp(h, "Bearer", 6), "WWW-Authenticate: %s", h ? h : "(none)");
    it_free(r);
    r = it_get("/v1/me", "not.a.jwt");
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    h = it_header(r, "WWW-Authenticate");
    cr_expect(h && strstr(h, "invalid_token"), "WWW-Authenticate: %s", h ? h : "(none)");
    it_free(r);
}

Test(auth, wrong_password_is_401_for_known_and_unknown_emails_alike)
{
    it_resp *a = it_post("/v1/auth/login", NULL,
                         "{\"email\":\"diresa.cusco@serums.test\",\"password\":\"no-es-la-clave\"}");
    it_resp *b = it_post("/v1/auth/login", NULL, "{\"email\":\"nadie.aqui@prueba.pe\",\"password\":\"no-es-la-clave\"}");
    it_expect_problem(a, 401, "CREDENCIALES_INVALIDAS");
    it_expect_problem(b, 401, "CREDENCIALES_INVALIDAS");
    cr_expect_str_eq(it_str(a, "detail"), it_str(b, "detail"));
    it_free(a);
    it_free(b);
}
