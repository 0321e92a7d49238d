/* test_hardening.c - the platform findings of the outside review (issue 9),
 * through nginx against the real stack: malformed UTF-8 in JSON is 400;
 * configuration fails closed; a body is read only once the caller is known;
 * personal answers are not stored; public reads are open to any origin; /docs;
 * every database wait is bounded (503 + Retry-After) and a login never waits
 * on another login's lock; each route is served by its worker pool. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include <jwt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- 1. malformed UTF-8 inside a JSON string ---- */

static void expect_json_400(const char *path, const char *body)
{
    it_resp *r = it_request("POST", path, "application/json", body, strlen(body), NULL);
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
}

Test(hardening, malformed_utf8_in_json_is_400)
{
    const char *bad[] = {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"};
    for (size_t i = 0; i < 3; i++) {
        char body[256];
        snprintf(body, sizeof body, "{\"email\":\"ana%s@correo.pe\",\"password\":\"Clave-Segura-2026\"}", bad[i]);
        expect_json_400("/v1/auth/login", body);
        snprintf(body, sizeof body, "{\"email\":\"ana@correo.pe\",\"password\":\"x%sx\"}", bad[i]);
        expect_json_400("/v1/auth/login", body);
        snprintf(body, sizeof body, "{\"email\":\"ana%s@correo.pe\"}", bad[i]);
        expect_json_400("/v1/auth/email-codes", body);
    }
}

Test(hardening, malformed_utf8_in_a_stored_field_is_400_and_changes_nothing)
{
    char *token, *conv = it_convocatoria_abierta();
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    free(conv);
    char body[1024];
    snprintf(body, sizeof body,
             "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. \xED\xA0\x80 455\","
             "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"telefono_fijo\":\"014267890\","
             "\"contacto_emergencia_nombre\":\"Rosa Mamani\",\"contacto_emergencia_celular\":\"912345678\","
             "\"licenciado_ffaa\":false,\"discapacidad\":false}");
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, body);
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    char *dir = it_db_value("select coalesce(datos_personales->>'direccion', '') from inscripciones where id = $1::bigint", id);
    cr_expect_str_eq(dir, "", "nothing stored");
    free(dir);
    free(id);
    free(token);
}

/* ---- 2. configuration fails closed ---- */

static int serumsd(const char *env, const char *args, char **out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "env %s %s/%s/serumsd %s", env, getenv("SERUMS_ROOT"), getenv("SERUMS_BUILD"), args);
    return it_shell(cmd, NULL, 0, out);
}

#define PROD_SECRET "SERUMS_JWT_SECRET=0123456789abcdef0123456789abcdef-prod "

Test(hardening, unset_environment_is_production_and_refuses_unsafe_settings)
{
    struct { const char *env, *why; } cases[] = {
        {"-u SERUMS_ENV -u SERUMS_NOW " PROD_SECRET "SERUMS_APP_URL=https://serums.minsa.gob.pe SERUMS_CAPTCHA_VERIFY_URL=",
         "SERUMS_CAPTCHA_VERIFY_URL"},
        {"-u SERUMS_ENV -u SERUMS_NOW " PROD_SECRET "SERUMS_APP_URL=http://serums.minsa.gob.pe", "SERUMS_APP_URL"},
        {"-u SERUMS_ENV -u SERUMS_NOW " PROD_SECRET "SERUMS_APP_URL=https://127.0.0.1:8443", "SERUMS_APP_URL"},
        {"-u SERUMS_ENV -u SERUMS_NOW " PROD_SECRET "SERUMS_APP_URL=https://localhost", "SERUMS_APP_URL"},
        {"-u SERUMS_ENV -u SERUMS_NOW -u SERUMS_JWT_SECRET SERUMS_APP_URL=https://serums.minsa.gob.pe", "SERUMS_JWT_SECRET"},
        {"-u SERUMS_JWT_SECRET SERUMS_ENV=development", "SERUMS_JWT_SECRET"},
        {"SERUMS_ENV=development SERUMS_JWT_SECRET=dev-only-secret", "SERUMS_JWT_SECRET"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        cr_expect_eq(serumsd(cases[i].env, "migrate", &out), 1, "refused: env %s: %s", cases[i].env, out);
        cr_expect(strstr(out, "refusing to start") && strstr(out, cases[i].why), "env %s: %s", cases[i].env, out);
        free(out);
    }
    char *out = NULL;
    cr_expect_eq(serumsd("-u SERUMS_ENV -u SERUMS_NOW " PROD_SECRET "SERUMS_APP_URL=https://serums.minsa.gob.pe", "seed", &out), 1);
    cr_expect(strstr(out, "refusing to load demo data"), "no SERUMS_ENV means production: %s", out);
    free(out);
}

Test(hardening, the_old_compiled_in_secret_opens_nothing)
{
    jwt_t *j;
    cr_assert_eq(jwt_new(&j), 0);
    time_t now = time(NULL);
    jwt_add_grant_int(j, "sub", 1);
    jwt_add_grant(j, "rol", "admin");
    jwt_add_grant(j, "scope", "");
    jwt_add_grant(j, "jti", "forjado-con-el-secreto-de-desarrollo");
    jwt_add_grant(j, "iss", "serums-api");
    jwt_add_grant(j, "aud", "serums-app");
    jwt_add_grant_int(j, "iat", now);
    jwt_add_grant_int(j, "exp", now + 600);
    const char *old = "dev-only-secret-change-me-0123456789abcdef";
    cr_assert_eq(jwt_set_alg(j, JWT_ALG_HS256, (const unsigned char *)old, strlen(old)), 0);
    char *tok = jwt_encode_str(j);
    jwt_free(j);
    it_resp *r = it_get("/v1/me", tok);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    r = it_get("/v1/usuarios", tok);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    free(tok);
}

/* ---- 6. authenticate before reading a body; no-store; CORS; /docs ---- */

Test(hardening, anonymous_upload_is_401_before_the_body)
{
    const char *path = "/v1/convocatorias/1/plazas/importaciones?modalidad=remunerada";
    it_resp *r = it_request("POST", path, "application/octet-stream", "x", 1, NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    size_t len = 8u << 20;
    char *big = malloc(len);
    cr_assert(big);
    memset(big, 'a', len);
    double t0 = now_s();
    r = it_request("POST", path, "text/csv", big, len, NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    free(big);
    cr_expect_lt(now_s() - t0, 5.0, "answered without waiting for the body");
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    const char *auth[] = {NULL, NULL};
    char h[4200];
    snprintf(h, sizeof h, "Authorization: Bearer %s", admin);
    auth[0] = h;
    r = it_request("POST", path, "application/octet-stream", "x", 1, auth);
    it_expect_problem(r, 415, "TIPO_NO_SOPORTADO");
    it_free(r);
    char *post = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    snprintf(h, sizeof h, "Authorization: Bearer %s", post);
    r = it_request("POST", path, "text/csv", "a;b\n", 4, auth);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(admin);
    free(post);
}

Test(hardening, personal_answers_are_no_store)
{
    char *token, *conv = it_convocatoria_abierta();
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    free(conv);
    const char *paths[] = {"/v1/me", "/v1/me/inscripciones", itp("/v1/inscripciones/%s", id)};
    for (size_t i = 0; i < 3; i++) {
        it_resp *r = it_get(paths[i], token);
        cr_expect_eq(r->status, 200, "%s", paths[i]);
        const char *cc = it_header(r, "Cache-Control");
        cr_expect(cc && !strcmp(cc, "no-store"), "%s: Cache-Control %s", paths[i], cc ? cc : "(none)");
        it_free(r);
    }
    it_resp *r = it_get(itp("/v1/inscripciones/%s", id), NULL);
    cr_expect_eq(r->status, 401);
    it_free(r);
    r = it_get("/v1/convocatorias", NULL);
    const char *cc = it_header(r, "Cache-Control");
    cr_expect(!cc || !strstr(cc, "no-store"), "public reads stay cacheable: %s", cc ? cc : "");
    it_free(r);
    free(id);
    free(token);
}

static it_resp *get_from(const char *path, const char *origin, const char *token)
{
    char o[256], a[4200];
    snprintf(o, sizeof o, "Origin: %s", origin);
    const char *h[3] = {o, NULL, NULL};
    if (token) { snprintf(a, sizeof a, "Authorization: Bearer %s", token); h[1] = a; }
    return it_request("GET", path, NULL, NULL, 0, h);
}

Test(hardening, public_reads_are_open_to_any_origin)
{
    const char *open_paths[] = {"/v1/profesiones", "/v1/diresas", "/v1/convocatorias", "/v1/convocatorias/1",
                                "/v1/convocatorias/1/plazas?limit=1", "/v1/convocatorias/1/plazas/resumen?por=profesion"};
    for (size_t i = 0; i < sizeof open_paths / sizeof open_paths[0]; i++) {
        it_resp *r = get_from(open_paths[i], "https://datos.tercero.example", NULL);
        cr_expect_eq(r->status, 200, "%s", open_paths[i]);
        const char *acao = it_header(r, "Access-Control-Allow-Origin");
        cr_expect(acao && !strcmp(acao, "*"), "%s: %s", open_paths[i], acao ? acao : "(none)");
        cr_expect(!it_header(r, "Access-Control-Allow-Credentials"), "%s: no credentials with *", open_paths[i]);
        it_free(r);
    }
    char *token = it_new_postulante(NULL);
    it_resp *r = get_from("/v1/me", "https://datos.tercero.example", token);
    cr_expect_eq(r->status, 200);
    cr_expect(!it_header(r, "Access-Control-Allow-Origin"), "personal data is not open to other origins");
    it_free(r);
    r = get_from("/v1/me", "http://localhost:5173", token);
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Origin"), "http://localhost:5173");
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Credentials"), "true");
    it_free(r);
    r = get_from("/v1/convocatorias", "http://localhost:5173", NULL);
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Origin"), "http://localhost:5173", "the SPA keeps its own");
    it_free(r);
    free(token);
    const char *pre[] = {"Origin: https://datos.tercero.example", "Access-Control-Request-Method: GET",
                         "Access-Control-Request-Headers: if-none-match", NULL};
    r = it_request("OPTIONS", "/v1/convocatorias/1/plazas", NULL, NULL, 0, pre);
    cr_expect_eq(r->status, 204);
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Origin"), "*");
    it_free(r);
}

Test(hardening, root_points_to_the_api_reference)
{
    it_resp *r = it_get("/", NULL);
    cr_expect_eq(r->status, 302);
    cr_expect_str_eq(it_header(r, "Location"), "/docs");
    it_free(r);
    r = it_get("/docs", NULL);
    cr_expect_eq(r->status, 200);
    cr_expect(strstr(r->content_type, "text/html"), "%s", r->content_type);
    cr_expect(r->body && strstr(r->body, "SERUMS") && strstr(r->body, "/v1/auth/login"), "the reference of this contract");
    cr_expect(r->body && !strstr(r->body, "cdn.redoc.ly") && !strstr(r->body, "<script src=\"http"),
              "built offline: no script from elsewhere");
    it_free(r);
}

/* ---- 1/2. bounded waits ---- */

static PGconn *own_db(void)
{
    PGconn *c = PQconnectdb(getenv("SERUMS_DATABASE_URL"));
    cr_assert(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
    return c;
}

static void sql(PGconn *c, const char *q, const char *param)
{
    const char *p[] = {param};
    PGresult *res = PQexecParams(c, q, param ? 1 : 0, NULL, param ? p : NULL, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    cr_assert(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s", q, PQerrorMessage(c));
    PQclear(res);
}

Test(hardening, a_lock_wait_is_bounded_503_with_retry_after)
{
    char *token, *conv = it_convocatoria_abierta();
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    free(conv);
    PGconn *c = own_db();
    sql(c, "begin", NULL);
    sql(c, "select 1 from inscripciones where id = $1::bigint for update", id);
    double t0 = now_s();
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, IT_PERSONALES);
    double waited = now_s() - t0;
    it_expect_problem(r, 503, "BD_OCUPADA");
    cr_expect_str_eq(it_header(r, "Retry-After"), "1");
    cr_expect_lt(waited, 5.0, "bounded by lock_timeout, not nginx's read timeout (%.1f s)", waited);
    it_free(r);
    sql(c, "rollback", NULL);
    PQfinish(c);
    r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, IT_PERSONALES);
    cr_expect_eq(r->status, 200, "the same request succeeds once the lock is gone: %s", r->body);
    it_free(r);
    free(id);
    free(token);
}

Test(hardening, a_login_never_waits_for_another_login_of_the_same_email)
{
    char *email;
    char *token = it_new_postulante(&email);
    free(token);
    PGconn *c = own_db();
    sql(c, "select pg_advisory_lock(hashtextextended($1, 5))", email);   /* as a login in progress holds it */
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", email, "Clave-Incorrecta-1");
    double t0 = now_s();
    it_resp *r = it_post("/v1/auth/login", NULL, body);
    cr_expect_lt(now_s() - t0, 1.0, "answered at once");
    it_expect_problem(r, 429, "INICIO_EN_CURSO");
    cr_expect_str_eq(it_header(r, "Retry-After"), "1");
    it_free(r);
    char *fallos = it_db_value("select count(*) from login_bloqueos where email = $1", email);
    cr_expect_str_eq(fallos, "0", "a refused attempt is not counted as a wrong password");
    free(fallos);
    sql(c, "select pg_advisory_unlock(hashtextextended($1, 5))", email);
    PQfinish(c);
    r = it_post("/v1/auth/login", NULL, body);
    it_expect_problem(r, 401, "CREDENCIALES_INVALIDAS");
    it_free(r);
    free(email);
}

/* ---- 1. bulkheads: the route table decides the pool ---- */

static char *pool_of(const char *method, const char *path, const char *body)
{
    static int n;
    char rid[64], h[96];
    snprintf(rid, sizeof rid, "pool-%d-%d-%ld", (int)getpid(), ++n, (long)time(NULL));
    snprintf(h, sizeof h, "X-Request-Id: %s", rid);
    const char *hd[] = {h, NULL};
    it_resp *r = it_request(method, path, body ? "application/json" : NULL, body, body ? strlen(body) : 0, hd);
    it_free(r);
    const char *log = getenv("SERUMS_SERUMSD_LOG");
    cr_assert(log, "SERUMS_SERUMSD_LOG comes from the test scripts");
    char cmd[1024], *out = NULL;
    for (int i = 0; i < 50; i++) {      /* the line is written right after the answer */
        snprintf(cmd, sizeof cmd, "grep -a '\"request_id\":\"%s\"' '%s' | sed -nE 's/.*\"pool\":\"([a-z]+)\".*/\\1/p'",
                 rid, log);
        free(out);
        it_shell(cmd, NULL, 0, &out);
        if (out && *out) break;
        usleep(20000);
    }
    out[strcspn(out, "\n")] = '\0';
    return out;
}

Test(hardening, each_route_runs_in_its_pool)
{
    struct { const char *method, *path, *body, *pool; } cases[] = {
        {"POST", "/v1/auth/login", "{\"email\":\"nadie@correo.pe\",\"password\":\"Clave-Incorrecta-1\"}", "auth"},
        {"GET", "/v1/convocatorias/1/plazas?limit=1", NULL, "public"},
        {"GET", "/v1/profesiones", NULL, "public"},
        {"GET", "/healthz", NULL, "app"},
        {"GET", "/v1/me", NULL, "app"},
        {"POST", "/v1/auth/email-codes", "{\"email\":\"nadie@correo.pe\"}", "app"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *pool = pool_of(cases[i].method, cases[i].path, cases[i].body);
        cr_expect_str_eq(pool, cases[i].pool, "%s %s", cases[i].method, cases[i].path);
        free(pool);
    }
}
