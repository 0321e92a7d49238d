/* test_platform.c - the request path through real nginx and workers: ops
 * endpoints, routing errors, request ids, headers, CORS, nginx's own limits. */
#include "it.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Test(platform, healthz_is_ok_without_database_work)
{
    it_resp *r = it_get("/healthz", NULL);
    cr_expect_eq(r->status, 200);
    cr_expect_str_eq(r->content_type, "application/json");
    cr_expect_str_eq(it_str(r, "status"), "ok");
    it_free(r);
}

Test(platform, readyz_reports_database_and_migrations)
{
    it_resp *r = it_get("/readyz", NULL);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "database"), "ok");
    cr_expect_gt(it_int(r, "migrations"), 0);
    it_free(r);
}

/* Every probe reads the migrations: a pending one turns every probe 503, and
 * removing it turns them back (the waits leave room for a per-worker check
 * once a second, should the probe ever cache it). */
static int readyz_status_of_8(void)
{
    int ok = 0;
    for (int i = 0; i < 8; i++) {
        it_resp *r = it_get("/readyz", NULL);
        ok += r->status == 200;
        if (r->status != 200) it_expect_problem(r, 503, "MIGRACIONES_PENDIENTES");
        it_free(r);
    }
    return ok;
}

Test(platform, readyz_sees_a_pending_migration)
{
    free(it_db_value("insert into schema_migrations (version, checksum) values ($1, 'x') returning version",
                     "9999_prueba_readyz"));
    usleep(1100 * 1000);
    int durante = readyz_status_of_8();
    free(it_db_value("delete from schema_migrations where version = $1 returning version",
                     "9999_prueba_readyz"));
    usleep(1100 * 1000);
    int despues = readyz_status_of_8();
    cr_expect_eq(durante, 0, "%d of 8 probes still 200 a second after the extra migration", durante);
    cr_expect_eq(despues, 8, "%d of 8 probes 200 a second after it was removed", despues);
}

Test(platform, api_root_names_itself)
{
    it_resp *r = it_get("/v1", NULL);
    cr_expect_eq(r->status, 200);
    cr_expect_str_eq(it_str(r, "name"), "SERUMS Digital API");
    cr_expect_not_null(it_str(r, "version"));
    it_free(r);
}

Test(platform, unknown_route_is_problem_404)
{
    it_resp *r = it_get("/v1/no-existe/123", NULL);
    it_expect_problem(r, 404, "RUTA_NO_ENCONTRADA");
    cr_expect_not_null(it_str(r, "detail"));
    cr_expect_not_null(it_str(r, "title"));
    it_free(r);
}

Test(platform, wrong_method_is_405_with_allow)
{
    it_resp *r = it_request("DELETE", "/healthz", NULL, NULL, 0, NULL);
    it_expect_problem(r, 405, "METODO_NO_PERMITIDO");
    const char *allow = it_header(r, "Allow");
    cr_expect(allow && strstr(allow, "GET"), "Allow: %s", allow ? allow : "(none)");
    it_free(r);
}

Test(platform, request_id_is_passed_through_or_generated)
{
    const char *h[] = {"X-Request-Id: prueba-123.abc", NULL};
    it_resp *r = it_request("GET", "/healthz", NULL, NULL, 0, h);
    cr_expect_str_eq(it_header(r, "X-Request-Id"), "prueba-123.abc");
    it_free(r);
    const char *bad[] = {"X-Request-Id: <script>", NULL};
    r = it_request("GET", "/v1/nada", NULL, NULL, 0, bad);
    const char *id = it_header(r, "X-Request-Id");
    cr_expect(id && strcmp(id, "<script>") != 0 && strlen(id) >= 16, "generated id: %s", id ? id : "(none)");
    cr_expect_str_eq(it_str(r, "request_id"), id, "problem carries the request id");
    it_free(r);
}

Test(platform, security_headers_on_every_answer)
{
    it_resp *r = it_get("/v1/nada", NULL);
    cr_expect_str_eq(it_header(r, "X-Content-Type-Options"), "nosniff");
    cr_expect_str_eq(it_header(r, "X-Frame-Options"), "DENY");
    cr_expect_not_null(it_header(r, "Content-Security-Policy"));
    cr_expect_null(it_header(r, "Server") && strstr(it_header(r, "Server"), "/") ? "version" : NULL,
                   "server version hidden");
    it_free(r);
}

Test(platform, cors_for_configured_origin_only)
{
    const char *ok[] = {"Origin: http://localhost:5173", NULL};
    it_resp *r = it_request("GET", "/healthz", NULL, NULL, 0, ok);
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Origin"), "http://localhost:5173");
    cr_expect_str_eq(it_header(r, "Access-Control-Allow-Credentials"), "true");
    it_free(r);
    const char *pre[] = {"Origin: http://localhost:5173", "Access-Control-Request-Method: POST",
                         "Access-Control-Request-Headers: content-type, authorization", NULL};
    r = it_request("OPTIONS", "/v1/auth/login", NULL, NULL, 0, pre);
    cr_expect_eq(r->status, 204);
    cr_expect(strstr(it_header(r, "Access-Control-Allow-Methods"), "POST"));
    cr_expect(strstr(it_header(r, "Access-Control-Allow-Headers"), "Authorization"));
    it_free(r);
    const char *evil[] = {"Origin: https://evil.example", NULL};
    r = it_request("GET", "/healthz", NULL, NULL, 0, evil);
    cr_expect_null(it_header(r, "Access-Control-Allow-Origin"));
    cr_expect_null(it_header(r, "Access-Control-Allow-Credentials"));
    it_free(r);
}

Test(platform, nginx_refuses_oversized_json_as_problem)
{
    size_t n = 70 * 1024;
    char *big = malloc(n);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    it_resp *r = it_request("POST", "/v1/auth/login", "application/json", big, n, NULL);
    it_expect_problem(r, 413, "CUERPO_DEMASIADO_GRANDE");
    it_free(r);
    free(big);
}

Test(platform, head_answers_without_body)
{
    it_resp *r = it_request("HEAD", "/healthz", NULL, NULL, 0, NULL);
    cr_expect_eq(r->status, 200);
    cr_expect_eq(r->len, 0);
    it_free(r);
}

Test(platform, metrics_from_loopback_in_prometheus_text)
{
    it_resp *warm = it_get("/healthz", NULL);
    it_free(warm);
    it_resp *r = it_get("/metrics", NULL);
    cr_expect_eq(r->status, 200);
    cr_expect(strstr(r->content_type, "text/plain"));
    cr_expect(strstr(r->body, "serums_http_requests_total{route=\"/healthz\",status=\"200\"}"));
    cr_expect(strstr(r->body, "serums_http_request_duration_seconds_bucket"));
    cr_expect(strstr(r->body, "serums_worker_restarts_total"));
    cr_expect(strstr(r->body, "serums_db_errors_total"));
    it_free(r);
}

Test(platform, openapi_document_is_served)
{
    it_resp *r = it_get("/openapi.yaml", NULL);
    cr_expect_eq(r->status, 200);
    cr_expect(r->body && strstr(r->body, "openapi: 3.1"));
    it_free(r);
}

Test(platform, audit_log_is_append_only)
{
    PGresult *res = PQexec(it_db(), "update audit_log set action = 'x'");
    cr_expect_neq(PQresultStatus(res), PGRES_COMMAND_OK, "UPDATE on audit_log must fail");
    PQclear(res);
    res = PQexec(it_db(), "delete from audit_log");
    cr_expect_neq(PQresultStatus(res), PGRES_COMMAND_OK, "DELETE on audit_log must fail");
    PQclear(res);
}

Test(platform, migrations_recorded_with_checksums)
{
    char *n = it_db_value("select count(*) from schema_migrations where length(checksum) = 64", NULL);
    cr_expect(n && atoi(n) >= 2);
    free(n);
}
