/* http.c - response building and RFC 9457 problem documents. */
#include "http.h"
#include "db.h"
#include "worker.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One row per status: the standard reason for the status line, the Spanish
 * title for problem documents. */
static const struct {
    int status;
    const char *reason, *titulo;
} STATUSES[] = {
    {200, "OK", "OK"},
    {201, "Created", "Creado"},
    {202, "Accepted", "Aceptado"},
    {204, "No Content", "Sin contenido"},
    {304, "Not Modified", "No modificado"},
    {400, "Bad Request", "Solicitud inválida"},
    {401, "Unauthorized", "No autenticado"},
    {403, "Forbidden", "Prohibido"},
    {404, "Not Found", "No encontrado"},
    {405, "Method Not Allowed", "Método no permitido"},
    {406, "Not Acceptable", "No aceptable"},
    {409, "Conflict", "Conflicto"},
    {410, "Gone", "Ya no disponible"},
    {412, "Precondition Failed", "Precondición fallida"},
    {413, "Content Too Large", "Contenido demasiado grande"},
    {415, "Unsupported Media Type", "Tipo de contenido no soportado"},
    {422, "Unprocessable Content", "Datos inválidos"},
    {429, "Too Many Requests", "Demasiadas solicitudes"},
    {500, "Internal Server Error", "Error interno"},
    {502, "Bad Gateway", "Puerta de enlace incorrecta"},
    {503, "Service Unavailable", "Servicio no disponible"},
    {504, "Gateway Timeout", "Tiempo de espera agotado"},
};

static int status_row(int status)
{
    for (size_t i = 0; i < sizeof STATUSES / sizeof STATUSES[0]; i++)
        if (STATUSES[i].status == status) return (int)i;
    return -1;
}

const char *http_reason(int status)
{
    int i = status_row(status);
    return i >= 0 ? STATUSES[i].titulo : "Error";
}

const char *http_status_text(int status)
{
    int i = status_row(status);
    return i >= 0 ? STATUSES[i].reason : status >= 500 ? "Internal Server Error" : "Error";
}

void http_set_header(req *r, const char *name, const char *value)
{
    http_header *h = arena_alloc(r->a, sizeof *h);
    if (!h) return;
    h->name = name;
    h->value = value;
    h->next = r->headers;
    r->headers = h;
}

void http_send(req *r, int status, const char *type, const char *body, size_t len)
{
    r->status = status;
    r->resp_type = type;
    r->resp_body = body;
    r->resp_len = len;
}

void http_send_json(req *r, int status, jw *w)
{
    size_t len = 0;
    const char *body = w ? jw_finish(w, &len) : NULL;
    if (!body) {
        problem(r, 500, "ERROR_INTERNO", "No se pudo generar la respuesta.");
        return;
    }
    http_send(r, status, "application/json", body, len);
}

void http_send_json_text(req *r, int status, const char *json)
{
    http_send(r, status, "application/json", json, strlen(json));
}

void http_no_content(req *r) { http_send(r, 204, NULL, NULL, 0); }

static const char *problem_title(const req *r, int status, const char *code)
{
    const problem_def *d = r->w && r->w->app ? r->w->app->problems : NULL;
    for (; d && d->code; d++)
        if (!strcmp(d->code, code)) return d->title;
    return http_reason(status);
}

static void problem_begin(req *r, jw *w, int status, const char *code, const char *detail)
{
    jw_obj(w);
    jw_kstr(w, "type", arena_printf(r->a, "https://serums.minsa.gob.pe/problemas/%s", code));
    jw_kstr(w, "title", problem_title(r, status, code));
    jw_kint(w, "status", status);
    jw_kstr(w, "detail", detail);
    jw_kstr(w, "code", code);
    if (r->request_id) jw_kstr(w, "request_id", r->request_id);
}

static void problem_end(req *r, jw *w, int status, const char *code)
{
    size_t len = 0;
    if (w) jw_end_obj(w);
    const char *body = w ? jw_finish(w, &len) : NULL;
    r->problem_code = code;
    if (!body) {
        body = "{\"type\":\"about:blank\",\"title\":\"Error interno\",\"status\":500,"
               "\"detail\":\"Sin memoria.\",\"code\":\"ERROR_INTERNO\"}";
        status = 500;
        len = strlen(body);
    }
    http_send(r, status, "application/problem+json", body, len);
}

void problem_ext(req *r, int status, const char *code, const char *detail, void (*extra)(jw *w, void *ctx),
                 void *ctx)
{
    jw *w = jw_new(r->a);
    if (!w) {
        problem_end(r, NULL, 500, "ERROR_INTERNO");
        return;
    }
    problem_begin(r, w, status, code, detail);
    if (extra) extra(w, ctx);
    problem_end(r, w, status, code);
}

void problem(req *r, int status, const char *code, const char *detail)
{
    problem_ext(r, status, code, detail, NULL, NULL);
}

static void write_errors(jw *w, void *ctx)
{
    jw_key(w, "errors");
    jw_verr(w, ctx);
}

void problem_errors(req *r, int status, const char *code, const char *detail, const verr *e)
{
    problem_ext(r, status, code, detail, write_errors, (void *)e);
}

void problem_fields(req *r, const verr *e)
{
    problem_errors(r, 422, "VALIDACION",
                   e->n == 1 ? "Un campo tiene un valor inválido."
                             : arena_printf(r->a, "%d campos tienen valores inválidos.", e->n),
                   e);
}

void problem_db(req *r)
{
    const db *d = r->w->db;
    if (db_unique_violation(d)) {
        problem(r, 409, "CONFLICTO", "La operación choca con datos existentes.");
        return;
    }
    /* lock_not_available, query_canceled (statement timeout), serialization, deadlock */
    if (db_sqlstate_is(d, "55P03") || db_sqlstate_is(d, "57014") || db_sqlstate_is(d, "40001") ||
        db_sqlstate_is(d, "40P01")) {
        http_set_header(r, "Retry-After", "1");
        problem(r, 503, "BD_OCUPADA", "La base de datos está ocupada; intente de nuevo en unos segundos.");
        return;
    }
    if (db_is_down(d))
        problem(r, 503, "BD_NO_DISPONIBLE",
                "La base de datos no está disponible; intente de nuevo en unos segundos.");
    else
        problem(r, 500, "ERROR_INTERNO",
                "Ocurrió un error interno; se registró con el identificador de la solicitud.");
}

const jv *http_json_body(req *r)
{
    if (r->body_len == 0) {
        problem(r, 400, "CUERPO_VACIO", "Se esperaba un cuerpo JSON.");
        return NULL;
    }
    jv *root = NULL;
    char err[160];
    if (json_parse(r->a, r->body, r->body_len, &JSON_BODY_LIMITS, &root, err, sizeof err) != 0) {
        if (r->body_len > JSON_BODY_LIMITS.max_bytes) problem(r, 413, "CUERPO_DEMASIADO_GRANDE", err);
        else problem(r, 400, "JSON_INVALIDO", err);
        return NULL;
    }
    return root;
}

const char *http_query(req *r, const char *key) { return query_get(&r->q, key); }

int http_pagination(req *r, long *limit, const char **cursor)
{
    const char *l = http_query(r, "limit");
    *limit = 50;
    *cursor = http_query(r, "cursor");
    if (l) {
        char *end;
        long v = strtol(l, &end, 10);
        if (!*l || *end || v < 1 || v > 500) {
            problem(r, 400, "PARAMETRO_INVALIDO", "limit debe ser un entero entre 1 y 500.");
            return -1;
        }
        *limit = v;
    }
    if (*cursor && (strlen(*cursor) > 200 || !**cursor)) {
        problem(r, 400, "PARAMETRO_INVALIDO", "cursor inválido.");
        return -1;
    }
    return 0;
}

bool http_etag_matches(req *r, const char *body, size_t len)
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)body, len, NULL, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    const char *etag = arena_printf(r->a, "\"%s\"", hex);
    if (!etag) return false;
    http_set_header(r, "ETag", etag);
    if (r->if_none_match && (strstr(r->if_none_match, etag) || !strcmp(r->if_none_match, "*"))) {
        http_send(r, 304, NULL, NULL, 0);
        return true;
    }
    return false;
}

bool http_accepts(req *r, const char *type) { return r->accept && strcasestr(r->accept, type) != NULL; }
