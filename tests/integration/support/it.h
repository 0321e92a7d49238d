/* it.h - integration test client: real HTTP through nginx (libcurl) to the
 * test stack, JSON decoding with serumsd's own parser, helpers for mail, the
 * test clock and direct database checks. Every response is appended to
 * $SERUMS_TEST_RESPONSES so frontend-contract validates it against OpenAPI. */
#ifndef SERUMS_IT_H
#define SERUMS_IT_H
#include "arena.h"
#include "json.h"
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct it_resp {
    long status;
    char *body;
    size_t len;
    char *headers;          /* raw response headers, lower-cased names */
    char content_type[128];
    arena a;
    const jv *json;         /* parsed body when JSON, else NULL */
} it_resp;

/* headers: NULL-terminated "Name: value" strings, may be NULL */
it_resp *it_request(const char *method, const char *path, const char *content_type, const char *body,
                    size_t len, const char *const *headers);
it_resp *it_get(const char *path, const char *token);
it_resp *it_delete(const char *path, const char *token);
it_resp *it_json_req(const char *method, const char *path, const char *token, const char *json);
#define it_post(path, token, json) it_json_req("POST", path, token, json)
#define it_put(path, token, json) it_json_req("PUT", path, token, json)
#define it_patch(path, token, json) it_json_req("PATCH", path, token, json)
void it_free(it_resp *r);

const char *it_header(it_resp *r, const char *name);      /* case-insensitive, arena copy */
const char *it_str(it_resp *r, const char *dotted_path);  /* "a.b.0.c" string/number text */
long long it_int(it_resp *r, const char *dotted_path);    /* -1 when absent */
const jv *it_path(it_resp *r, const char *dotted_path);
/* Asserts a problem+json with this status and code. */
void it_expect_problem(it_resp *r, long status, const char *code);
/* True when a field error with this field name is present. */
bool it_has_field_error(it_resp *r, const char *field);

const char *it_base_url(void);
char *it_unique_email(const char *prefix);                 /* malloc'ed, unique per run */
/* Newest mail file for `to` whose content contains `needle` (NULL = any),
 * waiting up to timeout_ms; malloc'ed content or NULL. */
char *it_mail_wait(const char *to, const char *needle, int timeout_ms);
/* Test clock (SERUMS_NOW file); NULL restores the real clock. */
void it_set_now(const char *rfc3339);
PGconn *it_db(void);
/* Runs `sh -c cmd` with `in` (inlen bytes, may be 0) as standard input from a
 * file, never a pipe, so a child that exits before reading cannot SIGPIPE
 * the test; *out (may be NULL) gets stdout+stderr, malloc'ed. Exit status. */
int it_shell(const char *cmd, const void *in, size_t inlen, char **out);                                       /* shared connection */
char *it_db_value(const char *sql, const char *param);     /* first cell, malloc'ed or NULL */


/* ---- accounts (implemented in it_auth.c by the accounts module) ---- */
#define IT_DEV_PASSWORD "serums-dev-2026"
/* Logs in through POST /v1/auth/login (client "mobile"); malloc'ed access token or NULL.
 * Access tokens follow the test clock (15 minutes from login, iat checked):
 * log in again after moving it with it_set_now(). */
char *it_login(const char *email, const char *password);
/* Registers a new postulante with a valid random DNI through the real flow
 * (email code read from the mail sink), logs in, returns the access token;
 * *email_out (may be NULL) receives the malloc'ed email. */
char *it_new_postulante(char **email_out);
/* A random 8-digit DNI and its numeric check digit. */
void it_random_dni(char dni[9], char *digito);
/* Asks POST /v1/auth/email-codes for email and returns the code read from the
 * mail sink (malloc'ed). */
char *it_email_code(const char *email);
/* Asks POST /v1/auth/password-resets for email and returns the token of the
 * emailed link (malloc'ed), or NULL when no new link arrived within 15 s. */
char *it_reset_token(const char *email);

/* ---- offer (implemented in it_oferta.c by the offer module) ---- */
/* A file of shared/data (SERUMS_DATA_DIR), malloc'ed; *len its size. */
char *it_data_file(const char *relative, size_t *len);
/* POST .../plazas/importaciones?modalidad=... with a text/csv body. */
it_resp *it_import(const char *token, long long convocatoria, const char *modalidad, const char *body, size_t len);
/* A new convocatoria with a code unique to this run (admin token); its id. */
long long it_convocatoria_nueva(const char *token);
/* The convocatoria of this test run and build named by `tag` (created if
 * missing) with the real offer files `remunerado` and `equivalente`
 * (ofertas/...) imported unless already there; its id. */
long long it_convocatoria_real(const char *token, const char *tag, const char *remunerado, const char *equivalente);

/* ---- inscriptions (implemented in it_inscripcion.c) ---- */
/* A new convocatoria whose INSCRIPCION phase is open at the real clock
 * (2 days ago .. 30 days ahead, REVISION after it); malloc'ed id. */
char *it_convocatoria_abierta(void);
/* Adds `cantidad` remunerated plazas to its offer (for casos especiales). */
void it_plazas_remuneradas(const char *convocatoria_id, const char *profesion, const char *institucion,
                           const char *diresa, int cantidad);
/* A new postulante (token, email: malloc'ed, may be NULL) with a draft in
 * the convocatoria; malloc'ed inscription id. */
char *it_inscripcion_nueva(const char *convocatoria_id, char **token_out, char **email_out);
/* PUT of a body with Content-Type `type` (application/pdf for documents). */
it_resp *it_put_bytes(const char *path, const char *token, const char *type, const void *body, size_t len);
#endif
