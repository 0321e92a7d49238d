/* test_documentos_limite.c - the document upload limit as the application
 * itself enforces it (nginx enforces the same 1 MiB in front): 1,048,576
 * bytes pass the size gate, 1,048,577 are a problem+json 413, and another
 * Content-Type is 415, all before any database or token work. */
#include "config.h"
#include "http.h"
#include "routes.h"
#include "worker.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static worker_ctx W;
static config CFG;

static void setup(void)
{
    arena_init(&A, 65536);
    char err[160];
    cr_assert_eq(config_load(&CFG, err, sizeof err), 0, "%s", err);
    memset(&W, 0, sizeof W);
    W.cfg = &CFG;
    W.router = routes_build();
    cr_assert(W.router);
}
static void teardown(void)
{
    router_free((router *)W.router);
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

static req *upload(long long len, const char *type, long long *remaining)
{
    req *r = arena_calloc(&A, 1, sizeof *r);
    r->a = &A;
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
    cr_expect_eq(r->status, 401, "read whole, then authentication: %d %s", r->status, r->resp_body);
    cr_expect_eq(rem, 0);
}

Test(documentos_limite, another_content_type_is_415)
{
    long long rem;
    req *r = upload(1000, "application/octet-stream", &rem);
    cr_expect_eq(r->status, 415);
    cr_expect(strstr(r->resp_body, "TIPO_NO_SOPORTADO"));
}
