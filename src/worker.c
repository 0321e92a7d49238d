/* worker.c - one worker process: accept a FastCGI request, build a `req` from
 * its parameters, dispatch (route, limits, auth, handler), write the answer,
 * log one line, count it, release the arena. Exits after the request in
 * flight when SIGTERM arrives. */
#include "worker.h"
#include "auth.h"
#include "http.h"
#include "log.h"
#include "notify.h"
#include "respcache.h"
#include "revocation.h"
#include "signals.h"
#include <fcgiapp.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* The one process-wide flag: set from the signal handler, read by the loop. */
static volatile sig_atomic_t worker_stop_requested;

static void on_term(int sig)
{
    (void)sig;
    worker_stop_requested = 1;
    FCGX_ShutdownPending();
}

static size_t default_max_body(body_kind k)
{
    switch (k) {
    case BODY_JSON: return 64 * 1024;
    case BODY_PDF: return 1048576;
    case BODY_CSV: return 20 * 1048576;
    default: return 0;
    }
}

static const char *body_mime(body_kind k)
{
    switch (k) {
    case BODY_JSON: return "application/json";
    case BODY_PDF: return "application/pdf";
    case BODY_CSV: return "text/csv";
    default: return NULL;
    }
}

static bool request_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 64) return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
}

static const char *new_request_id(arena *a)
{
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    char *hex = arena_alloc(a, sizeof raw * 2 + 1);
    if (hex) sodium_bin2hex(hex, sizeof raw * 2 + 1, raw, sizeof raw);
    return hex;
}

/* Reads exactly content_length bytes (already checked against the limit). */
static int read_body(req *r, size_t len)
{
    char *buf = arena_alloc(r->a, len + 1);
    if (!buf) return -1;
    size_t got = 0;
    while (got < len && r->io_read) {
        int n = r->io_read(r->io, buf + got, (int)(len - got > 65536 ? 65536 : len - got));
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got != len) return -2;
    buf[len] = '\0';
    r->body = buf;
    r->body_len = len;
    return 0;
}

static bool content_type_is(const req *r, const char *mime)
{
    return r->content_type && !strcasecmp(r->content_type, mime);
}

/* Checks the declared body against the route: length, size, type. Nothing
 * is read here. false = answered. */
static bool check_body(req *r, const route *rt)
{
    if (r->content_length < 0) {
        problem(r, 400, "LONGITUD_INVALIDA", "Content-Length inválido.");
        return false;
    }
    if (rt->body == BODY_NONE || r->content_length == 0) return true;
    size_t max = rt->max_body ? rt->max_body : default_max_body(rt->body);
    if ((unsigned long long)r->content_length > max) {
        problem(r, 413, "CUERPO_DEMASIADO_GRANDE",
                arena_printf(r->a, "El cuerpo excede el máximo de %zu bytes.", max));
        return false;
    }
    if (!content_type_is(r, body_mime(rt->body))) {
        problem(r, 415, "TIPO_NO_SOPORTADO",
                arena_printf(r->a, "Se esperaba Content-Type: %s.", body_mime(rt->body)));
        return false;
    }
    return true;
}

/* Reads the body once the caller is known. false = answered. */
static bool accept_body(req *r, const route *rt)
{
    if (rt->body == BODY_NONE || r->content_length == 0) return true;
    int rc = read_body(r, (size_t)r->content_length);
    if (rc == -1) {
        problem(r, 500, "ERROR_INTERNO", "Sin memoria para el cuerpo.");
        return false;
    }
    if (rc == -2) {
        problem(r, 400, "CUERPO_INCOMPLETO", "El cuerpo llegó incompleto.");
        return false;
    }
    return true;
}

/* Who may call: 401/403 answered before any body byte is read. */
static bool authorize(req *r, const route *rt)
{
    if (!rt->roles) return true;
    if (auth_authenticate(r) != 0) return false;
    if (!(r->user->rol & rt->roles)) {
        problem(r, 403, "PROHIBIDO", "Su rol no permite esta operación.");
        return false;
    }
    return true;
}

/* Personal answers are never stored by a browser or a proxy: every answer to
 * an authenticated route, and those of routes flagged ROUTE_NO_STORE (tokens). */
static void mark_no_store(req *r)
{
    if (!r->route || !(r->route->roles || (r->route->flags & ROUTE_NO_STORE))) return;
    for (http_header *h = r->headers; h; h = h->next)
        if (!strcasecmp(h->name, "Cache-Control")) h->value = NULL;
    http_set_header(r, "Cache-Control", "no-store");
}

static void dispatch(worker_ctx *w, req *r)
{
    r->w = w;
    if (!request_id_valid(r->request_id)) r->request_id = new_request_id(r->a);
    const char *allow = NULL;
    route_result rr = router_match(w->router, r->a, r->method, r->path, &r->route, &r->params, &allow);
    r->route_index = r->route ? router_index(w->router, r->route) : METRICS_MAX_ROUTES - 1;
    if (rr == ROUTE_NOT_FOUND) {
        problem(r, 404, "RUTA_NO_ENCONTRADA", "No existe un recurso en esta ruta.");
        return;
    }
    for (size_t i = 0; rr == ROUTE_FOUND && i < r->params.n; i++)
        if (!utf8_valid(r->params.values[i])) rr = ROUTE_BAD_PATH;
    if (rr == ROUTE_BAD_PATH) {
        problem(r, 400, "RUTA_INVALIDA", "La ruta contiene una secuencia de escape inválida.");
        return;
    }
    if (rr == ROUTE_BAD_METHOD) {
        http_set_header(r, "Allow", allow);
        problem(r, 405, "METODO_NO_PERMITIDO",
                arena_printf(r->a, "Método %s no permitido aquí; use %s.", r->method, allow));
        return;
    }
    if (query_parse(r->a, r->query_string, 64, &r->q) != 0 || !query_utf8_valid(&r->q)) {
        problem(r, 400, "CONSULTA_INVALIDA", "La cadena de consulta está mal formada o no es UTF-8.");
        return;
    }
    if (!authorize(r, r->route) || !check_body(r, r->route) || !accept_body(r, r->route)) return;
    r->route->fn(r);
    if (!r->status) problem(r, 500, "ERROR_INTERNO", "El controlador no produjo respuesta.");
    if (r->a->failed && r->status < 500) problem(r, 500, "ERROR_INTERNO", "Sin memoria.");
}

void worker_dispatch(worker_ctx *w, req *r)
{
    dispatch(w, r);
    mark_no_store(r);
}

/* ---- FastCGI transport ---- */

static int fcgi_read(void *io, char *buf, int n) { return FCGX_GetStr(buf, n, (FCGX_Stream *)io); }

/* Copied into the arena: libfcgi frees its parameters at FCGX_Finish_r. */
static const char *param(req *r, FCGX_Request *fr, const char *name)
{
    const char *v = FCGX_GetParam(name, fr->envp);
    return v && *v ? arena_strdup(r->a, v) : NULL;
}

static void fill_request(req *r, FCGX_Request *fr)
{
    r->method = param(r, fr, "REQUEST_METHOD");
    if (!r->method) r->method = "GET";
    const char *uri = param(r, fr, "REQUEST_URI");
    if (!uri) uri = "/";
    const char *qm = strchr(uri, '?');
    r->path = qm ? arena_strndup(r->a, uri, (size_t)(qm - uri)) : uri;
    r->query_string = qm ? qm + 1 : NULL;
    const char *ct = param(r, fr, "CONTENT_TYPE");
    if (ct) {
        size_t n = strcspn(ct, ";");
        while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t')) n--;
        r->content_type = arena_strndup(r->a, ct, n);
    }
    const char *cl = param(r, fr, "CONTENT_LENGTH");
    if (cl) {
        char *end;
        long long v = strtoll(cl, &end, 10);
        r->content_length = (*end || v < 0) ? -1 : v;
    }
    r->authorization = param(r, fr, "HTTP_AUTHORIZATION");
    r->cookie = param(r, fr, "HTTP_COOKIE");
    r->if_none_match = param(r, fr, "HTTP_IF_NONE_MATCH");
    r->if_match = param(r, fr, "HTTP_IF_MATCH");
    r->accept = param(r, fr, "HTTP_ACCEPT");
    r->origin = param(r, fr, "HTTP_ORIGIN");
    r->remote_addr = param(r, fr, "REMOTE_ADDR");
    r->user_agent = param(r, fr, "HTTP_USER_AGENT");
    r->request_id = param(r, fr, "HTTP_X_REQUEST_ID");
    r->io = fr->in;
    r->io_read = fcgi_read;
}

/* libfcgi's printf lacks size modifiers: the head is formatted here and
 * written with one FCGX_PutStr. */
/* Appends without printf: this runs on every request. */
static char *put(char *p, const char *end, const char *s)
{
    while (*s && p < end) *p++ = *s++;
    return p;
}

static char *put_num(char *p, const char *end, unsigned long long v, int min_digits)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v || n < min_digits);
    while (n && p < end) *p++ = tmp[--n];
    return p;
}

/* The fields are safe by construction (route templates and problem codes are
 * constants, the request id was validated, the method is checked here), so the
 * line needs no escaping. */
static void log_request(worker_ctx *w, const req *r, long long us)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (now.tv_sec != w->log_second) {
        struct tm tm;
        gmtime_r(&now.tv_sec, &tm);
        strftime(w->log_ts, sizeof w->log_ts, "%Y-%m-%dT%H:%M:%S", &tm);
        w->log_second = now.tv_sec;
    }
    const char *method = strspn(r->method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(r->method) ? r->method
                                                                                              : "?";
    char line[768];
    const char *end = line + sizeof line - 2;
    char *p = put(line, end, "{\"ts\":\"");
    p = put(p, end, w->log_ts);
    p = put(p, end, ".");
    p = put_num(p, end, (unsigned long long)(now.tv_nsec / 1000000), 3);
    p = put(p, end, "Z\",\"level\":\"info\",\"msg\":\"request\",\"pid\":");
    p = put_num(p, end, (unsigned long long)w->pid, 1);
    p = put(p, end, ",\"pool\":\"");
    p = put(p, end, pool_name(w->pool));
    p = put(p, end, "\",\"request_id\":\"");
    p = put(p, end, r->request_id ? r->request_id : "-");
    p = put(p, end, "\",\"method\":\"");
    p = put(p, end, method);
    p = put(p, end, "\",\"route\":\"");
    p = put(p, end, r->route ? r->route->tmpl : "unmatched");
    p = put(p, end, "\",\"status\":");
    p = put_num(p, end, (unsigned long long)r->status, 1);
    p = put(p, end, ",\"duration_ms\":");
    p = put_num(p, end, (unsigned long long)(us / 1000), 1);
    p = put(p, end, ".");
    p = put_num(p, end, (unsigned long long)(us % 1000), 3);
    p = put(p, end, ",\"user_id\":");
    if (r->user) p = put_num(p, end, (unsigned long long)r->user->id, 1);
    else p = put(p, end, "null");
    if (r->problem_code) {
        p = put(p, end, ",\"code\":\"");
        p = put(p, end, r->problem_code);
        p = put(p, end, "\"");
    }
    *p++ = '}';
    *p++ = '\n';
    ssize_t written = write(STDERR_FILENO, line, (size_t)(p - line));
    (void)written;
}

static void write_response(req *r, FCGX_Stream *out)
{
    char num[24];
    sbuf h;
    sbuf_init(&h, r->a, 512);
    sbuf_adds(&h, "Status: ");
    *put_num(num, num + sizeof num, (unsigned long long)r->status, 1) = '\0';
    sbuf_adds(&h, num);
    sbuf_adds(&h, " ");
    sbuf_adds(&h, http_status_text(r->status));
    if (r->resp_type) {
        sbuf_adds(&h, "\r\nContent-Type: ");
        sbuf_adds(&h, r->resp_type);
        if (!strncmp(r->resp_type, "text/", 5) && !strstr(r->resp_type, "charset"))
            sbuf_adds(&h, "; charset=utf-8");
    }
    bool no_body = r->status == 204 || r->status == 304;
    if (!no_body) {
        *put_num(num, num + sizeof num, (unsigned long long)r->resp_len, 1) = '\0';
        sbuf_adds(&h, "\r\nContent-Length: ");
        sbuf_adds(&h, num);
    }
    sbuf_adds(&h, "\r\nX-Request-Id: ");
    sbuf_adds(&h, r->request_id ? r->request_id : "-");
    for (http_header *hd = r->headers; hd; hd = hd->next) {
        if (!hd->value) continue;
        sbuf_adds(&h, "\r\n");
        sbuf_adds(&h, hd->name);
        sbuf_adds(&h, ": ");
        sbuf_adds(&h, hd->value);
    }
    sbuf_adds(&h, "\r\n\r\n");
    FCGX_PutStr(sbuf_cstr(&h), (int)h.len, out);
    if (r->resp_len && !no_body && strcmp(r->method, "HEAD") != 0)
        FCGX_PutStr(r->resp_body, (int)r->resp_len, out);
}

static long long elapsed_us(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long long)(t1.tv_sec - t0->tv_sec) * 1000000 + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

int worker_run(worker_ctx *w)
{
    signals_on_term(on_term);
    w->pid = (int)getpid();
    if (FCGX_Init() != 0) return 1;
    FCGX_Request fr;
    if (FCGX_InitRequest(&fr, w->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) return 1;
    arena a;
    arena_init(&a, 64 * 1024);
    if (db_ensure(w->db) && w->app->warm) {
        w->app->warm(w->db, &a, w->pool);
        arena_reset(&a);
    }
    /* SIGTERM is only let in while waiting for a request: once the handler runs,
     * libfcgi fails every read, so it must never run in the middle of one (a
     * body being read, a response being written). Pending, it is delivered at
     * the next wait and ends the loop there. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    while (!worker_stop_requested) {
        sigprocmask(SIG_UNBLOCK, &stop_signals, NULL);
        int accepted = FCGX_Accept_r(&fr);
        sigprocmask(SIG_BLOCK, &stop_signals, NULL);
        if (accepted < 0) {
            if (worker_stop_requested) break;
            continue;
        }
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        req r;
        memset(&r, 0, sizeof r);
        r.a = &a;
        fill_request(&r, &fr);
        worker_dispatch(w, &r);
        write_response(&r, fr.out);
        long long us = elapsed_us(&t0);
        FCGX_Finish_r(&fr);
        if (w->db->conn && PQtransactionStatus(w->db->conn) != PQTRANS_IDLE) db_rollback(w->db);
        metrics_observe(w->metrics, w->slot, r.route_index, r.status, (uint64_t)us);
        metrics_db_errors(w->metrics, w->slot, w->db->errors);
        log_request(w, &r, us);
        arena_reset(&a);
    }
    FCGX_Free(&fr, 1);
    arena_free(&a);
    respcache_free(w->cache);
    for (int i = 0; i < WORKER_APP_SLOTS; i++)
        if (w->app_slot[i].p && w->app_slot[i].liberar) w->app_slot[i].liberar(w->app_slot[i].p);
    revocation_worker_free(w);
    notify_hub_free(w->notify);
    db_close(w->db);
    return 0;
}
