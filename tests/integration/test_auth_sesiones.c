/* test_auth_sesiones.c - login, access tokens (claims, tampering, alg none,
 * wrong audience, expiry), refresh rotation through the cookie and the body,
 * reuse detection, logout, lockout, enumeration and roles. */
#include "config.h"
#include "it.h"
#include <jwt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void reset_clock(void) { it_set_now(NULL); }

/* A rotated token presented again within seconds is a second tab (grace
 * window); a minute later it is a replay. */
static void after_grace(void)
{
    char now[32];
    time_t t = time(NULL) + 60;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    it_set_now(now);
}
TestSuite(sesiones, .fini = reset_clock);

static it_resp *login(const char *email, const char *password, const char *client)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"%s%s%s}", email, password,
             client ? ",\"client\":\"" : "", client ? client : "", client ? "\"" : "");
    return it_post("/v1/auth/login", NULL, body);
}

/* "serums_refresh=VALUE" from a Set-Cookie header (malloc'ed) or NULL. */
static char *cookie_pair(it_resp *r)
{
    const char *sc = it_header(r, "Set-Cookie");
    if (!sc) return NULL;
    return strndup(sc, strcspn(sc, ";"));
}

static it_resp *refresh_cookie(const char *pair)
{
    char cookie[512];
    snprintf(cookie, sizeof cookie, "Cookie: %s", pair);
    const char *h[] = {cookie, NULL};
    return it_request("POST", "/v1/auth/refresh", NULL, NULL, 0, h);
}

static it_resp *with_refresh_body(const char *path, const char *token)
{
    char body[512];
    snprintf(body, sizeof body, "{\"refresh_token\":\"%s\"}", token);
    return it_post(path, NULL, body);
}

static const char *secret(void)
{
    const char *s = getenv("SERUMS_JWT_SECRET");
    cr_assert(s && *s, "the test scripts export SERUMS_JWT_SECRET");
    return s;
}

static char *forge(const char *claims, jwt_alg_t alg, const char *key)
{
    jwt_t *j;
    cr_assert_eq(jwt_new(&j), 0);
    cr_assert_eq(jwt_add_grants_json(j, claims), 0);
    cr_assert_eq(jwt_set_alg(j, alg, (const unsigned char *)key, key ? (int)strlen(key) : 0), 0);
    char *s = jwt_encode_str(j);
    jwt_free(j);
    return s;
}

static char *claims(const char *sub, const char *rol, const char *aud, long iat, long exp)
{
    char *c = malloc(512);
    snprintf(c, 512, "{\"sub\":\"%s\",\"rol\":\"%s\",\"scope\":null,\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\","
             "\"aud\":\"%s\",\"jti\":\"0123456789abcdef\"}", sub, rol, iat, exp, aud);
    return c;
}

static void expect_401(const char *token, const char *why)
{
    it_resp *r = it_get("/v1/me", token);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    const char *h = it_header(r, "WWW-Authenticate");
    cr_expect(h && strstr(h, "Bearer") && strstr(h, "invalid_token"), "%s: WWW-Authenticate %s", why, h ? h : "-");
    it_free(r);
}

Test(sesiones, web_login_gets_the_refresh_token_only_as_a_strict_cookie)
{
    it_resp *r = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "token_type"), "Bearer");
    cr_expect_eq(it_int(r, "expires_in"), 900);
    cr_expect_null(it_path(r, "refresh_token"), "no refresh token in the web body");
    const char *sc = it_header(r, "Set-Cookie");
    cr_assert(sc, "a Set-Cookie");
    cr_expect(!strncmp(sc, "serums_refresh=", 15), "%s", sc);
    cr_expect(strstr(sc, "HttpOnly") && strstr(sc, "SameSite=Strict") && strstr(sc, "Path=/v1/auth"), "%s", sc);
    cr_expect(strstr(sc, "Secure"), "Secure outside development: %s", sc);
    cr_expect(strstr(sc, "Max-Age=1800"), "staff: 30 minutes without a refresh: %s", sc);
    cr_expect_str_eq(it_header(r, "Cache-Control"), "no-store");
    it_free(r);
}

Test(sesiones, mobile_login_gets_the_refresh_token_in_the_body)
{
    it_resp *r = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, "mobile");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect(it_str(r, "refresh_token") && strlen(it_str(r, "refresh_token")) == 43);
    cr_expect_null(it_header(r, "Set-Cookie"));
    it_free(r);
}

Test(sesiones, access_token_carries_every_claim)
{
    it_resp *r = login("diresa.cusco@serums.test", IT_DEV_PASSWORD, "mobile");
    const char *tok = it_str(r, "access_token");
    cr_assert(tok);
    const char *p1 = strchr(tok, '.') + 1;
    size_t n = strcspn(p1, ".");
    unsigned char payload[1024];
    size_t len;
    cr_assert_eq(sodium_base642bin(payload, sizeof payload - 1, p1, n, NULL, &len, NULL,
                                   sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
    payload[len] = '\0';
    jv *c;
    char err[128];
    cr_assert_eq(json_parse(&r->a, (char *)payload, len, &JSON_BODY_LIMITS, &c, err, sizeof err), 0);
    cr_expect_str_eq(jv_get(c, "rol")->s, "diresa");
    cr_expect_str_eq(jv_get(c, "scope")->s, "CUSCO");
    cr_expect_str_eq(jv_get(c, "iss")->s, "serums-api");
    cr_expect_str_eq(jv_get(c, "aud")->s, "serums-app");
    cr_expect(jv_get(c, "sub") && jv_get(c, "jti"));
    long iat = atol(jv_get(c, "iat")->s), exp = atol(jv_get(c, "exp")->s);
    cr_expect_eq(exp - iat, 900);
    cr_expect(labs(iat - (long)time(NULL)) < 120);
    char header[256];
    cr_assert_eq(sodium_base642bin((unsigned char *)header, sizeof header - 1, tok, strcspn(tok, "."), NULL, &len,
                                   NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
    header[len] = '\0';
    cr_expect(strstr(header, "\"HS256\""), "%s", header);
    it_free(r);
}

Test(sesiones, tampered_token_is_refused)
{
    char *tok = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(tok);
    /* the payload of a postulante token with the admin's signature */
    char *pay = claims("1", "postulante", "serums-app", (long)time(NULL), (long)time(NULL) + 900);
    char *other = forge(pay, JWT_ALG_HS256, "not-the-server-secret-0123456789abcdef");
    expect_401(other, "foreign secret");
    char mixed[4096];
    snprintf(mixed, sizeof mixed, "%.*s%s", (int)(strrchr(other, '.') - other), other, strrchr(tok, '.'));
    expect_401(mixed, "payload swapped");
    char *flip = strdup(tok);
    char *dot = strchr(flip, '.') + 3;
    *dot = *dot == 'x' ? 'y' : 'x';
    expect_401(flip, "one character changed");
    free(flip);
    free(other);
    free(pay);
    free(tok);
}

Test(sesiones, alg_none_is_refused)
{
    char *pay = claims("1", "admin", "serums-app", (long)time(NULL), (long)time(NULL) + 900);
    char *none = forge(pay, JWT_ALG_NONE, NULL);
    expect_401(none, "alg none");
    char withsig[4096];
    snprintf(withsig, sizeof withsig, "%sc2lnbmF0dXJl", none);
    expect_401(withsig, "alg none with a signature");
    /* another HMAC algorithm, even with the server's own secret */
    char *hs = forge(pay, JWT_ALG_HS512, secret());
    expect_401(hs, "HS512 with the server secret");
    free(hs);
    free(none);
    free(pay);
}

Test(sesiones, wrong_audience_or_issuer_is_refused)
{
    long now = (long)time(NULL);
    char *pay = claims("1", "admin", "otra-aplicacion", now, now + 900);
    char *t = forge(pay, JWT_ALG_HS256, secret());
    expect_401(t, "wrong aud");
    free(t);
    free(pay);
    pay = claims("1", "admin", "serums-app", now, now + 900);
    t = forge(pay, JWT_ALG_HS256, secret());
    it_resp *r = it_get("/v1/me", t);
    cr_expect_eq(r->status, 200, "the same token with the right audience passes: %s", r->body);
    it_free(r);
    free(t);
    free(pay);
    char iss[512];
    snprintf(iss, sizeof iss, "{\"sub\":\"1\",\"rol\":\"admin\",\"scope\":null,\"iat\":%ld,\"exp\":%ld,"
             "\"iss\":\"otro-emisor\",\"aud\":\"serums-app\",\"jti\":\"x\"}", now, now + 900);
    t = forge(iss, JWT_ALG_HS256, secret());
    expect_401(t, "wrong iss");
    free(t);
}

Test(sesiones, access_token_expires_after_fifteen_minutes)
{
    it_set_now("2031-07-01T10:00:00Z");
    char *tok = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(tok);
    it_set_now("2031-07-01T10:14:59Z");
    it_resp *r = it_get("/v1/me", tok);
    cr_expect_eq(r->status, 200);
    it_free(r);
    it_set_now("2031-07-01T10:15:00Z");
    expect_401(tok, "expired");
    free(tok);
}

Test(sesiones, web_refresh_rotates_the_cookie_and_reuse_revokes_the_family)
{
    it_resp *r = login("diresa.cusco@serums.test", IT_DEV_PASSWORD, "web");
    char *first = cookie_pair(r);
    it_free(r);
    cr_assert(first);
    r = refresh_cookie(first);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_null(it_path(r, "refresh_token"));
    char *second = cookie_pair(r);
    cr_assert(second && strcmp(first, second) != 0, "a new cookie");
    const char *access = it_str(r, "access_token");
    it_resp *me = it_get("/v1/me", access);
    cr_expect_eq(me->status, 200);
    it_free(me);
    it_free(r);
    /* the first cookie again: reuse, the family (second included) is revoked */
    char *last_audit = it_db_value("select coalesce(max(id), 0) from audit_log", NULL);
    after_grace();
    r = refresh_cookie(first);
    it_expect_problem(r, 401, "REFRESH_REUTILIZADO");
    const char *cleared = it_header(r, "Set-Cookie");
    cr_expect(cleared && strstr(cleared, "Max-Age=0"), "cookie cleared: %s", cleared ? cleared : "-");
    it_free(r);
    r = refresh_cookie(second);
    cr_expect_eq(r->status, 401, "the newest token of the family is revoked too: %s", r->body);
    it_free(r);
    char *audit = it_db_value("select count(*) from audit_log where action = 'sesion.reuso_detectado'"
                              " and entity_id = (select id::text from usuarios where email = 'diresa.cusco@serums.test')"
                              " and id > $1::bigint", last_audit);
    cr_expect_str_eq(audit, "1", "this reuse is audited once, for this account");
    free(audit);
    free(last_audit);
    free(first);
    free(second);
}

Test(sesiones, mobile_refresh_rotates_in_the_body_and_reuse_revokes_the_family)
{
    it_resp *r = login("diresa.cusco@serums.test", IT_DEV_PASSWORD, "mobile");
    char *a = strdup(it_str(r, "refresh_token"));
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", a);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *b = strdup(it_str(r, "refresh_token"));
    cr_expect_str_neq(a, b);
    cr_expect_null(it_header(r, "Set-Cookie"));
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", b);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *c = strdup(it_str(r, "refresh_token"));
    it_free(r);
    after_grace();
    r = with_refresh_body("/v1/auth/refresh", a);
    it_expect_problem(r, 401, "REFRESH_REUTILIZADO");
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", c);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(a);
    free(b);
    free(c);
}

Test(sesiones, other_sessions_survive_a_reuse_in_one_family)
{
    it_resp *r1 = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, "mobile");
    it_resp *r2 = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, "mobile");
    char *a = strdup(it_str(r1, "refresh_token")), *other = strdup(it_str(r2, "refresh_token"));
    it_free(r1);
    it_free(r2);
    it_resp *r = with_refresh_body("/v1/auth/refresh", a);
    it_free(r);
    after_grace();
    r = with_refresh_body("/v1/auth/refresh", a);
    cr_expect_eq(r->status, 401);
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", other);
    cr_expect_eq(r->status, 200, "the other device keeps its session: %s", r->body);
    it_free(r);
    free(a);
    free(other);
}

Test(sesiones, refresh_token_lasts_thirty_days)
{
    char *email = NULL;
    free(it_new_postulante(&email));          /* a postulante's sign-in lasts 30 days */
    it_set_now("2031-08-01T10:00:00Z");
    it_resp *r = login(email, IT_DEV_PASSWORD, "mobile");
    free(email);
    char *a = strdup(it_str(r, "refresh_token"));
    char *b = NULL;
    it_free(r);
    it_set_now("2031-08-30T10:00:00Z");
    r = with_refresh_body("/v1/auth/refresh", a);
    cr_expect_eq(r->status, 200, "day 29: %s", r->body);
    if (r->status == 200) b = strdup(it_str(r, "refresh_token"));
    it_free(r);
    it_set_now("2031-09-30T10:00:01Z");
    r = with_refresh_body("/v1/auth/refresh", b ? b : a);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    free(a);
    free(b);
}

Test(sesiones, garbage_or_missing_refresh_tokens_are_401)
{
    it_resp *r = it_request("POST", "/v1/auth/refresh", NULL, NULL, 0, NULL);
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", "no-existe");
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    r = refresh_cookie("serums_refresh=tampoco");
    it_expect_problem(r, 401, "REFRESH_INVALIDO");
    it_free(r);
    r = it_post("/v1/auth/refresh", NULL, "{\"refresh_token\":7}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
}

Test(sesiones, logout_revokes_and_is_idempotent)
{
    it_resp *r = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, "web");
    char *pair = cookie_pair(r);
    it_free(r);
    char cookie[512];
    snprintf(cookie, sizeof cookie, "Cookie: %s", pair);
    const char *h[] = {cookie, NULL};
    r = it_request("POST", "/v1/auth/logout", NULL, NULL, 0, h);
    cr_expect_eq(r->status, 204);
    const char *sc = it_header(r, "Set-Cookie");
    cr_expect(sc && strstr(sc, "Max-Age=0"), "cookie cleared");
    it_free(r);
    r = refresh_cookie(pair);
    cr_expect_eq(r->status, 401, "refresh after logout");
    it_free(r);
    r = it_request("POST", "/v1/auth/logout", NULL, NULL, 0, h);
    cr_expect_eq(r->status, 204, "again");
    it_free(r);
    r = it_request("POST", "/v1/auth/logout", NULL, NULL, 0, NULL);
    cr_expect_eq(r->status, 204, "without any token");
    it_free(r);
    /* mobile: the body */
    r = login("diresa.amazonas@serums.test", IT_DEV_PASSWORD, "mobile");
    char *tok = strdup(it_str(r, "refresh_token"));
    it_free(r);
    r = with_refresh_body("/v1/auth/logout", tok);
    cr_expect_eq(r->status, 204);
    it_free(r);
    r = with_refresh_body("/v1/auth/refresh", tok);
    cr_expect_eq(r->status, 401);
    it_free(r);
    free(tok);
    free(pair);
}

Test(sesiones, lockout_after_five_failures_for_fifteen_minutes)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    it_set_now("2031-10-01T10:00:00Z");
    for (int i = 1; i <= 4; i++) {
        it_resp *r = login(email, "no-es-mi-clave", "mobile");
        it_expect_problem(r, 401, "CREDENCIALES_INVALIDAS");
        it_free(r);
    }
    it_resp *r = login(email, "no-es-mi-clave", "mobile");
    it_expect_problem(r, 429, "CUENTA_BLOQUEADA");
    cr_expect_str_eq(it_header(r, "Retry-After"), "900");
    it_free(r);
    it_set_now("2031-10-01T10:10:00Z");
    r = login(email, IT_DEV_PASSWORD, "mobile");
    it_expect_problem(r, 429, "CUENTA_BLOQUEADA");
    cr_expect_str_eq(it_header(r, "Retry-After"), "300", "even the right password waits");
    it_free(r);
    it_set_now("2031-10-01T10:15:00Z");
    r = login(email, IT_DEV_PASSWORD, "mobile");
    cr_expect_eq(r->status, 200, "unlocked after 15 minutes: %s", r->body);
    it_free(r);
    free(email);
}

Test(sesiones, failures_spread_over_time_do_not_lock)
{
    char *email = NULL;
    free(it_new_postulante(&email));
    const char *times[] = {"2031-10-02T10:00:00Z", "2031-10-02T10:20:00Z", "2031-10-02T10:40:00Z",
                           "2031-10-02T11:00:00Z", "2031-10-02T11:20:00Z", "2031-10-02T11:40:00Z"};
    for (int i = 0; i < 6; i++) {
        it_set_now(times[i]);
        it_resp *r = login(email, "no-es-mi-clave", "mobile");
        it_expect_problem(r, 401, "CREDENCIALES_INVALIDAS");
        it_free(r);
    }
    it_resp *r = login(email, IT_DEV_PASSWORD, "mobile");
    cr_expect_eq(r->status, 200);
    it_free(r);
    free(email);
}

static double ms_of_login(const char *email)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    it_resp *r = login(email, "no-es-mi-clave", "mobile");
    clock_gettime(CLOCK_MONOTONIC, &b);
    cr_expect_eq(r->status, 401);
    it_free(r);
    return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* the mean of the seven fastest of nine (a pause of the machine only ever adds time) */
static double trimmed_mean_of_9(double *v)
{
    qsort(v, 9, sizeof *v, by_value);
    double sum = 0;
    for (int i = 0; i < 7; i++) sum += v[i];
    return sum / 7;
}

Test(sesiones, unknown_emails_look_like_known_ones)
{
    char *known = NULL;
    free(it_new_postulante(&known));
    char *unknown = it_unique_email("no.registrado");
    it_resp *a = login(known, "no-es-mi-clave", "mobile"), *b = login(unknown, "no-es-mi-clave", "mobile");
    cr_expect_eq(a->status, b->status);
    cr_expect_str_eq(it_str(a, "code"), it_str(b, "code"));
    cr_expect_str_eq(it_str(a, "detail"), it_str(b, "detail"));
    it_free(a);
    it_free(b);
    /* the dummy verification costs what a real one does: the trimmed means
     * of nine alternating tries each (three accounts and three unknown
     * emails, three tries each: 3 + 1 failures stay under the lockout),
     * without the two slowest of each side. Neither the fastest nor the
     * median: on a busy machine a login's time is bimodal (the server logged
     * ~13 ms or ~38 ms, both for known and unknown emails), so an order
     * statistic of nine lands on either mode by chance; a mean weighs both */
    char *knowns[3] = {known, NULL, NULL}, *unknowns[3] = {unknown, NULL, NULL};
    for (int j = 1; j < 3; j++) {
        free(it_new_postulante(&knowns[j]));
        unknowns[j] = it_unique_email("no.registrado");
    }
    double k[9], u[9];
    for (int i = 0; i < 9; i++) {
        k[i] = ms_of_login(knowns[i % 3]);
        u[i] = ms_of_login(unknowns[i % 3]);
    }
    double tk = trimmed_mean_of_9(k), tu = trimmed_mean_of_9(u);
    cr_expect(tu > tk * 0.5 && tu < tk * 2.0, "expected the mean login of an unknown email (%.1f ms) within "
              "0.5-2x of a known one's (%.1f ms)", tu, tk);
    for (int j = 1; j < 3; j++) {
        free(knowns[j]);
        free(unknowns[j]);
    }
    /* the lockout treats both alike */
    it_set_now("2031-10-03T10:00:00Z");
    for (int i = 0; i < 4; i++) { ms_of_login(known); ms_of_login(unknown); }
    a = login(known, "x-no-es", "mobile");
    b = login(unknown, "x-no-es", "mobile");
    it_expect_problem(a, 429, "CUENTA_BLOQUEADA");
    it_expect_problem(b, 429, "CUENTA_BLOQUEADA");
    cr_expect_str_eq(it_str(a, "detail"), it_str(b, "detail"));
    it_free(a);
    it_free(b);
    free(known);
    free(unknown);
}

Test(sesiones, roles_are_enforced_by_the_routes)
{
    char *post = it_new_postulante(NULL);
    char *dir = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    char *adm = it_login("admin@serums.test", IT_DEV_PASSWORD);
    it_resp *r = it_get("/v1/usuarios", post);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_get("/v1/usuarios", dir);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_get("/v1/usuarios", NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    cr_expect_not_null(it_header(r, "WWW-Authenticate"));
    it_free(r);
    r = it_get("/v1/usuarios?rol=diresa&limit=1", adm);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "items")->n, 1);
    cr_expect_geq(it_int(r, "total"), 2);
    const char *next = it_str(r, "next_cursor");
    cr_expect(next, "a next page");
    char path[128];
    snprintf(path, sizeof path, "/v1/usuarios?rol=diresa&limit=1&cursor=%s", next ? next : "0");
    it_resp *r2 = it_get(path, adm);
    cr_expect_eq(r2->status, 200);
    cr_expect_str_neq(it_str(r2, "items.0.email"), it_str(r, "items.0.email"));
    it_free(r2);
    it_free(r);
    r = it_get("/v1/usuarios?q=CUSCO", adm);
    cr_expect_eq(it_int(r, "total"), 1);
    cr_expect_str_eq(it_str(r, "items.0.email"), "diresa.cusco@serums.test");
    it_free(r);
    r = it_get("/v1/usuarios?rol=rey", adm);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get("/v1/usuarios?cursor=abc", adm);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    free(post);
    free(dir);
    free(adm);
}
