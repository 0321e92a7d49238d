/* http.c - response building and RFC 9457 problem documents. */
#include "http.h"
#include "db.h"
#include "worker.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Solicitud inválida";
    case 401: return "No autenticado";
    case 403: return "Prohibido";
    case 404: return "No encontrado";
    case 405: return "Método no permitido";
    case 406: return "No aceptable";
    case 409: return "Conflicto";
    case 410: return "Ya no disponible";
    case 412: return "Precondición fallida";
    case 413: return "Contenido demasiado grande";
    case 415: return "Tipo de contenido no soportado";
    case 422: return "Datos inválidos";
    case 429: return "Demasiadas solicitudes";
    case 500: return "Error interno";
    case 502: return "Puerta de enlace incorrecta";
    case 503: return "Servicio no disponible";
    case 504: return "Tiempo de espera agotado";
    default: return "Error";
    }
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
    if (!body) { problem(r, 500, "ERROR_INTERNO", "No se pudo generar la respuesta."); return; }
    http_send(r, status, "application/json", body, len);
}

void http_send_json_text(req *r, int status, const char *json)
{
    http_send(r, status, "application/json", json, strlen(json));
}

void http_no_content(req *r) { http_send(r, 204, NULL, NULL, 0); }

static void problem_begin(req *r, jw *w, int status, const char *code, const char *detail)
{
    jw_obj(w);
    jw_kstr(w, "type", arena_printf(r->a, "https://serums.minsa.gob.pe/problemas/%s", code));
    jw_kstr(w, "title", http_reason(status));
    jw_kint(w, "status", status);
    jw_kstr(w, "detail", detail);
    jw_kstr(w, "code", code);
    if (r->request_id) jw_kstr(w, "request_id", r->request_id);
}

static void problem_end(req *r, jw *w, int status, const char *code)
{
    jw_end_obj(w);
    size_t len = 0;
    const char *body = jw_finish(w, &len);
    r->problem_code = code;
    if (!body) {
        body = "{\"type\":\"about:blank\",\"title\":\"Error interno\",\"status\":500,"
               "\"detail\":\"Sin memoria.\",\"code\":\"ERROR_INTERNO\"}";
        status = 500;
        len = strlen(body);
    }
    http_send(r, status, "application/problem+json", body, len);
}

void problem(req *r, int status, const char *code, const char *detail)
{
    jw *w = jw_new(r->a);
    if (!w) { problem_end(r, NULL, 500, "ERROR_INTERNO"); return; }
    problem_begin(r, w, status, code, detail);
    problem_end(r, w, status, code);
}

void problem_errors(req *r, int status, const char *code, const char *detail, const verr *e)
{
    jw *w = jw_new(r->a);
    if (!w) { problem_end(r, NULL, 500, "ERROR_INTERNO"); return; }
    problem_begin(r, w, status, code, detail);
    jw_key(w, "errors");
    jw_verr(w, e);
    problem_end(r, w, status, code);
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
    if (db_is_down(r->w->db))
        problem(r, 503, "BD_NO_DISPONIBLE", "La base de datos no está disponible; intente de nuevo en unos segundos.");
    else
        problem(r, 500, "ERROR_INTERNO", "Ocurrió un error interno; se registró con el identificador de la solicitud.");
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
        if (r->body_len > JSON_BODY_LIMITS.max_bytes)
            problem(r, 413, "CUERPO_DEMASIADO_GRANDE", err);
        else
            problem(r, 400, "JSON_INVALIDO", err);
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

bool http_accepts(req *r, const char *type)
{
    return r->accept && strcasestr(r->accept, type) != NULL;
}
