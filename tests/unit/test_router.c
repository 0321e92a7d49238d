/* test_router.c - templates, parameters, 404/405 decisions. */
#include "router.h"
#include <criterion/criterion.h>
#include <string.h>

static void h(struct req *r) { (void)r; }
static const route T[] = {
    {"GET", "/healthz", h, 0, BODY_NONE, 0},
    {"GET", "/v1/inscripciones/{id}", h, 0, BODY_NONE, 0},
    {"PUT", "/v1/inscripciones/{id}/documentos/{tipo}", h, 0, BODY_PDF, 0},
    {"GET", "/v1/inscripciones/{id}/documentos/{tipo}", h, 0, BODY_NONE, 0},
    {"DELETE", "/v1/inscripciones/{id}/documentos/{tipo}", h, 0, BODY_NONE, 0},
    {"GET", "/v1/me/inscripciones", h, 0, BODY_NONE, 0},
};
static arena A;
static router *R;
static void setup(void)
{
    arena_init(&A, 4096);
    const route *const tables[] = {T};
    const size_t counts[] = {sizeof T / sizeof T[0]};
    R = router_new(tables, counts, 1);
}
static void teardown(void) { router_free(R); arena_free(&A); }
TestSuite(router, .init = setup, .fini = teardown);

Test(router, matches_literal_and_params)
{
    const route *r;
    route_params p;
    const char *allow;
    cr_assert_eq(router_match(R, &A, "GET", "/healthz", &r, &p, &allow), ROUTE_FOUND);
    cr_expect_eq(r, &T[0]);
    cr_assert_eq(router_match(R, &A, "PUT", "/v1/inscripciones/42/documentos/PPP", &r, &p, &allow), ROUTE_FOUND);
    cr_expect_eq(r, &T[2]);
    cr_expect_str_eq(route_param(&p, "id"), "42");
    cr_expect_str_eq(route_param(&p, "tipo"), "PPP");
}

Test(router, literal_wins_only_by_shape)
{
    const route *r;
    route_params p;
    cr_assert_eq(router_match(R, &A, "GET", "/v1/me/inscripciones", &r, &p, NULL), ROUTE_FOUND);
    cr_expect_eq(r, &T[5]);
}

Test(router, not_found_and_method_not_allowed)
{
    const route *r;
    route_params p;
    const char *allow;
    cr_expect_eq(router_match(R, &A, "GET", "/v1/nada", &r, &p, &allow), ROUTE_NOT_FOUND);
    cr_expect_eq(router_match(R, &A, "GET", "/healthz/", &r, &p, &allow), ROUTE_NOT_FOUND);
    cr_expect_eq(router_match(R, &A, "GET", "//healthz", &r, &p, &allow), ROUTE_NOT_FOUND);
    cr_expect_eq(router_match(R, &A, "GET", "", &r, &p, &allow), ROUTE_NOT_FOUND);
    cr_expect_eq(router_match(R, &A, "POST", "/v1/inscripciones/1/documentos/PPP", &r, &p, &allow),
                 ROUTE_BAD_METHOD);
    cr_expect_str_eq(allow, "PUT, GET, DELETE");
}

Test(router, head_matches_get)
{
    const route *r;
    route_params p;
    cr_expect_eq(router_match(R, &A, "HEAD", "/healthz", &r, &p, NULL), ROUTE_FOUND);
}

Test(router, params_are_percent_decoded_and_bad_escapes_refused)
{
    const route *r;
    route_params p;
    cr_assert_eq(router_match(R, &A, "GET", "/v1/inscripciones/a%20b", &r, &p, NULL), ROUTE_FOUND);
    cr_expect_str_eq(route_param(&p, "id"), "a b");
    cr_expect_eq(router_match(R, &A, "GET", "/v1/inscripciones/%zz", &r, &p, NULL), ROUTE_BAD_PATH);
    cr_expect_eq(router_match(R, &A, "GET", "/v1/inscripciones/%00", &r, &p, NULL), ROUTE_BAD_PATH);
}

Test(router, empty_param_does_not_match)
{
    const route *r;
    route_params p;
    cr_expect_eq(router_match(R, &A, "GET", "/v1/inscripciones/", &r, &p, NULL), ROUTE_NOT_FOUND);
}

/* Bulkheads: the route flags decide the pool, and the nginx map follows them. */
static const route P[] = {
    {"GET", "/healthz", h, 0, BODY_NONE, 0},
    {"POST", "/v1/auth/login", h, 0, BODY_JSON, 0, ROUTE_POOL_AUTH},
    {"GET", "/v1/convocatorias", h, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"POST", "/v1/convocatorias", h, 4, BODY_JSON, 0},
    {"GET", "/v1/convocatorias/{id}/plazas", h, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/inscripciones/{id}", h, 7, BODY_NONE, 0},
};

Test(router, pools_come_from_route_flags)
{
    cr_expect_eq(route_pool(&P[0]), POOL_APP);
    cr_expect_eq(route_pool(&P[1]), POOL_AUTH);
    cr_expect_eq(route_pool(&P[2]), POOL_PUBLIC);
    cr_expect_str_eq(pool_name(POOL_AUTH), "auth");
    cr_expect_str_eq(pool_name(POOL_PUBLIC), "public");
    cr_expect_str_eq(pool_name(POOL_APP), "app");
}

Test(router, nginx_pool_map_follows_the_route_table)
{
    const route *const tables[] = {P};
    const size_t counts[] = {sizeof P / sizeof P[0]};
    router *rt = router_new(tables, counts, 1);
    cr_assert(rt);
    const char *map = router_nginx_pool_map(rt, &A);
    cr_assert(map);
    cr_expect(strstr(map, "default serums_app;"), "%s", map);
    cr_expect(strstr(map, "\"POST /v1/auth/login\" serums_auth;"), "%s", map);
    cr_expect(strstr(map, "\"GET /v1/convocatorias\" serums_public;"), "%s", map);
    cr_expect(strstr(map, "\"POST /v1/convocatorias\" serums_app;"), "%s", map);
    cr_expect(strstr(map, "\"~^GET /v1/convocatorias/[^/]+/plazas$\" serums_public;"), "%s", map);
    cr_expect(!strstr(map, "/v1/inscripciones/"), "parameterized general routes use the default: %s", map);
    router_free(rt);
}
