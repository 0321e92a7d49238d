/* test_robustness.c - no input crashes a worker: thousands of random requests
 * built from the real route table (random methods, parameters, query strings,
 * content types and malformed bodies) through nginx must never answer 5xx or
 * kill a worker; the application's own body limits are checked by talking
 * FastCGI to the socket directly (nginx would refuse first). */
#include "it.h"
#include "routes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long restarts(void)
{
    it_resp *r = it_get("/metrics", NULL);
    const char *p = r->body ? strstr(r->body, "\nserums_worker_restarts_total ") : NULL;
    long long v = p ? atoll(p + strlen("\nserums_worker_restarts_total ")) : -1;
    it_free(r);
    return v;
}

static const char *const METHODS[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
static const char *const PARAMS[] = {"1", "0", "-1", "999999999999", "abc", "%00", "%zz", "a%20b", "PPP",
                                     "ENAM", "..", "9223372036854775808", "%C3%B1", "1;drop"};
static const char *const BODIES[] = {"", "{", "}", "[]", "null", "{\"a\":1,\"a\":2}", "{\"email\":5}",
                                     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                                     "{\"x\":\"\\ud800\"}", "\xff\xfe", "%PDF-1.4\n%%EOF", "a;b;c\n1;2;3\n",
                                     "{\"email\":\"a@b.pe\",\"password\":\"x\",\"extra\":{}}", "0", "true",
                                     "{\"fases\":[{\"fase\":\"INSCRIPCION\"}]}"};
static const char *const TYPES[] = {"application/json", "text/plain", "application/pdf", "text/csv", NULL,
                                    "application/json; charset=utf-8", "multipart/form-data"};
static const char *const QUERIES[] = {"", "?limit=0", "?limit=abc", "?limit=501", "?cursor=%ff%fe", "?q=%",
                                      "?modalidad=x", "?por=profesion", "?a=1&a=2", "?limit=5&cursor=zzz"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char *random_path(const char *tmpl)
{
    static char out[1024];
    size_t j = 0;
    for (const char *p = tmpl; *p && j < sizeof out - 64;) {
        if (*p == '{') {
            const char *v = PARAMS[rand() % N(PARAMS)];
            j += (size_t)snprintf(out + j, sizeof out - j, "%s", v);
            const char *close = strchr(p, '}');
            p = close ? close + 1 : p + strlen(p);
        } else {
            out[j++] = *p++;
        }
    }
    out[j] = '\0';
    return out;
}

Test(robustness, random_requests_never_5xx_nor_crash, .timeout = 300)
{
    router *rt = routes_build();
    cr_assert(rt);
    size_t n = router_count(rt);
    long long before = restarts();
    srand(20261122);
    int fivexx = 0, total = 0;
    for (int i = 0; i < 2000; i++) {
        const route *ro = router_at(rt, (size_t)rand() % n);
        char path[1200];
        snprintf(path, sizeof path, "%s%s", random_path(ro->tmpl), QUERIES[rand() % N(QUERIES)]);
        const char *method = rand() % 3 ? ro->method : METHODS[rand() % N(METHODS)];
        const char *body = BODIES[rand() % N(BODIES)];
        const char *type = TYPES[rand() % N(TYPES)];
        const char *auth[] = {"Authorization: Bearer eyJhbGciOiJub25lIn0.e30.", NULL};
        it_resp *r = it_request(method, path, *body || type ? type : NULL, *body ? body : NULL, strlen(body),
                                rand() % 4 == 0 ? auth : NULL);
        total++;
        if (r->status >= 500) {
            fivexx++;
            cr_log_error("%s %s -> %ld %s", method, path, r->status, r->body ? r->body : "");
        }
        it_free(r);
    }
    router_free(rt);
    cr_expect_eq(fivexx, 0, "%d of %d random requests answered 5xx", fivexx, total);
    cr_expect_eq(restarts(), before, "no worker died");
}

/* Raw FastCGI to the socket with cgi-fcgi (libfcgi-bin): the app's own limits.
 * The body goes through a file: cgi-fcgi may exit (the answer came early)
 * before reading all of it, which through a pipe was a SIGPIPE. */
static char *fcgi_direct(const char *method, const char *uri, const char *ctype, size_t len, char fill)
{
    const char *sock = getenv("SERUMS_SOCKET");
    cr_assert(sock, "SERUMS_SOCKET not set");
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "env -i REQUEST_METHOD=%s REQUEST_URI='%s' CONTENT_TYPE='%s' CONTENT_LENGTH=%zu "
             "cgi-fcgi -bind -connect '%s'", method, uri, ctype, len, sock);
    char *body = malloc(len + 1);
    cr_assert(body);
    memset(body, fill, len);
    char *out = NULL;
    it_shell(cmd, body, len, &out);
    free(body);
    return out;
}

Test(robustness, app_enforces_json_limit_behind_nginx)
{
    char *out = fcgi_direct("POST", "/v1/auth/login", "application/json", 70000, ' ');
    cr_expect(strstr(out, "Status: 413"), "direct FastCGI answer: %.300s", out);
    cr_expect(strstr(out, "application/problem+json"));
    cr_expect(strstr(out, "CUERPO_DEMASIADO_GRANDE"));
    free(out);
}

Test(robustness, app_refuses_wrong_content_type)
{
    char *out = fcgi_direct("POST", "/v1/auth/login", "text/plain", 10, 'x');
    cr_expect(strstr(out, "Status: 415"), "direct FastCGI answer: %.300s", out);
    cr_expect(strstr(out, "TIPO_NO_SOPORTADO"));
    free(out);
}
