/* test_documentos_limite.c - the document upload limit as the application
 * itself enforces it (nginx enforces the same 1 MiB in front): 1,048,576
 * bytes pass the size gate, 1,048,577 are a problem+json 413, and another
 * Content-Type is 415, all before any database work and before a byte of the
 * body is read; an anonymous upload is 401 before reading too. */
#include "config.h"
#include "http.h"
#include "app.h"
#include "problemas.h"
#include "routes.h"
#include "token.h"
#include "worker.h"
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static arena A;
static worker_ctx W;
static config CFG;
static db DB;
static const char *TOKEN;
static server_app APP;

static void setup(void)
{
    arena_init(&A, 65536);
    char err[160];
    setenv("SERUMS_ENV", "test", 1);
    setenv("SERUMS_JWT_SECRET", "unit-test-secret-0123456789abcdef0123", 1);
    cr_assert_eq(config_load(&CFG, err, sizeof err), 0, "%s", err);
    memset(&W, 0, sizeof W);
    W.cfg = &CFG;
    W.router = routes_build();
    cr_assert(W.router);
    APP = (server_app){routes_build, api_roles, api_problemas};
    W.app = &APP;
    db_init(&DB, "host=/nonexistent-serums-socket-dir connect_timeout=1");   /* never reachable */
    W.db = &DB;
    token_keys k = {CFG.jwt_secret, CFG.jwt_iss, CFG.jwt_aud, api_roles};
    token_claims c = {.sub = 1};
    snprintf(c.rol, sizeof c.rol, "postulante");
    TOKEN = arena_printf(&A, "Bearer %s", token_access_issue(&A, &k, &c, config_now(&CFG), 600));
}
static void teardown(void)
{
    router_free((router *)W.router);
    db_close(&DB);
    arena_free(&A);
}
TestSuite(documentos_limite, .init = setup, .fini = teardown);

/* Serves `remaining` zero bytes as the request body. */
static int zeros(void *io, char *buf, int n)
{
    long long *remaining = io;
    int k = *remaining < n ? (int)*remaining : n;
    memset(buf, 0, (size_t)k);
    *remaining -= k;
    return k;
}

static req *upload_as(const char *authorization, long long len, const char *type, long long *remaining)
{
    req *r = arena_calloc(&A, 1, sizeof *r);
    r->a = &A;
    r->authorization = authorization;
    r->method = "PUT";
    r->path = "/v1/inscripciones/1/documentos/PPP";
    r->content_type = type;
    r->content_length = len;
    *remaining = len;
    r->io = remaining;
    r->io_read = zeros;
    worker_dispatch(&W, r);
    return r;
}

static req *upload(long long len, const char *type, long long *remaining)
{
    return upload_as(TOKEN, len, type, remaining);
}

Test(documentos_limite, anonymous_upload_is_401_before_reading)
{
    long long rem;
    req *r = upload_as(NULL, 1048576, "application/pdf", &rem);
    cr_expect_eq(r->status, 401);
    cr_expect_eq(rem, 1048576, "not a byte of the body was read");
}

Test(documentos_limite, one_byte_over_a_mebibyte_is_413_problem)
{
    long long rem;
    req *r = upload(1048577, "application/pdf", &rem);
    cr_expect_eq(r->status, 413);
    cr_expect_str_eq(r->resp_type, "application/problem+json");
    cr_expect(strstr(r->resp_body, "\"code\":\"CUERPO_DEMASIADO_GRANDE\""), "%s", r->resp_body);
    cr_expect_eq(rem, 1048577, "the body was not read");
}

Test(documentos_limite, exactly_a_mebibyte_passes_the_size_gate)
{
    long long rem;
    req *r = upload(1048576, "application/pdf", &rem);
    cr_expect(r->status != 413 && r->status != 415, "past the gates (the database is unreachable here): %d %s",
              r->status, r->resp_body);
    cr_expect_eq(rem, 0, "read whole");
}

Test(documentos_limite, another_content_type_is_415)
{
    long long rem;
    req *r = upload(1000, "application/octet-stream", &rem);
    cr_expect_eq(r->status, 415);
    cr_expect(strstr(r->resp_body, "TIPO_NO_SOPORTADO"));
}
