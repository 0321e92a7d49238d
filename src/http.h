/* http.h - one request and its response as handlers see them: the parsed
 * request (method, path, params, query, selected headers, body), the caller's
 * identity, and helpers that answer JSON, bytes or RFC 9457 problems.
 * Handlers in api/ only ever talk to this. */
#ifndef SERUMS_HTTP_H
#define SERUMS_HTTP_H
#include "arena.h"
#include "json.h"
#include "query.h"
#include "router.h"
#include <stdbool.h>
#include <stddef.h>

struct worker_ctx;

typedef struct auth_user {
    long long id;
    unsigned rol;      /* the role's bit (token_role.bit) */
    char rol_name[16]; /* the role's name */
    char scope[16];    /* the scope of a scoped role, else "" */
    char jti[40];
} auth_user;

/* One entry of the application's problem vocabulary (code, status, title). */
typedef struct problem_def {
    const char *code;
    int status;
    const char *title; /* Spanish */
} problem_def;

typedef struct http_header {
    const char *name, *value;
    struct http_header *next;
} http_header;

typedef struct req {
    arena *a;
    struct worker_ctx *w;
    /* request */
    const char *method;
    const char *path;
    const char *query_string;
    query q;
    route_params params;
    const route *route;
    size_t route_index;
    const char *content_type; /* without parameters, lower-case */
    long long content_length;
    const char *authorization, *cookie, *if_none_match, *if_match, *accept, *origin;
    const char *remote_addr, *user_agent;
    const char *request_id;
    const char *body;
    size_t body_len;
    void *io; /* transport: reads the body */
    int (*io_read)(void *io, char *buf, int n);
    const auth_user *user; /* set for authenticated routes */
    auth_user user_storage;
    /* response */
    int status;
    http_header *headers;
    const char *resp_type;
    const char *resp_body;
    size_t resp_len;
    const char *problem_code; /* for logs */
} req;

void http_set_header(req *r, const char *name, const char *value);
void http_send(req *r, int status, const char *type, const char *body, size_t len);
void http_send_json(req *r, int status, jw *w);
void http_send_json_text(req *r, int status, const char *json); /* JSON built elsewhere (SQL) */
void http_no_content(req *r);                                   /* 204 */
const char *http_reason(int status);                            /* Spanish title for problems */
const char *http_status_text(int status);                       /* standard reason phrase */

/* RFC 9457. code is stable for programs; detail is Spanish for people. The
 * title is the code's in the application's table (server_app.problems), else
 * the status's. */
void problem(req *r, int status, const char *code, const char *detail);
void problem_fields(req *r, const verr *e); /* 422 VALIDACION */
/* problem() plus extension members that extra() writes into the object. */
void problem_ext(req *r, int status, const char *code, const char *detail, void (*extra)(jw *w, void *ctx),
                 void *ctx);
/* problem() with an `errors` list (e.g. a 422 naming everything missing). */
void problem_errors(req *r, int status, const char *code, const char *detail, const verr *e);
/* From the last database error: unique violation 409 CONFLICTO; lock or
 * statement timeout, deadlock or serialization failure 503 BD_OCUPADA with
 * Retry-After; database down 503 BD_NO_DISPONIBLE; else 500. */
void problem_db(req *r);

/* Parses the JSON body under the body limits; on failure answers 400 and
 * returns NULL. */
const jv *http_json_body(req *r);
/* Query parameter helpers. */
const char *http_query(req *r, const char *key);
/* limit (default 50, max 500) and cursor; answers 400 and returns -1 on bad input */
int http_pagination(req *r, long *limit, const char **cursor);

/* ETag: sets a strong ETag over body; returns true (and answers 304) if the
 * request's If-None-Match matches. */
bool http_etag_matches(req *r, const char *body, size_t len);
bool http_accepts(req *r, const char *type);
#endif
