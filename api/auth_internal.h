/* auth_internal.h - what the accounts module's files (auth.c routes, seed and
 * CLI; auth_registro.c codes and sign-up; auth_sesiones.c login, refresh,
 * logout; auth_cuenta.c profile and passwords; auth_correos.c emails;
 * auth_usuarios.c admin list; auth_comun.c helpers) share. Not a module of
 * its own: api.h lists `auth`. */
#ifndef SERUMS_AUTH_INTERNAL_H
#define SERUMS_AUTH_INTERNAL_H
#include "comun.h"
#include "config.h"
#include "http.h"
#include "password.h"
#include "token.h"
#include "problemas.h"
#include "tx.h"
#include <stdbool.h>

#define AUTH_CODE_TTL_MIN 10
#define AUTH_CODE_MAX_TRIES 5
#define AUTH_LOCK_FAILURES 5 /* also in SQL: login_registrar_fallo() */
#define AUTH_LOCK_MINUTES 15
#define AUTH_RESET_TTL_MIN 30
#define AUTH_PASSWORD_HISTORY 5
#define AUTH_REFRESH_COOKIE "serums_refresh"
#define AUTH_REFRESH_PATH "/v1/auth"

/* handlers (route table in auth.c) */
void auth_email_codes(req *r);
void auth_register(req *r);
void auth_login(req *r);
void auth_refresh(req *r);
void auth_logout(req *r);
void auth_me(req *r);
void auth_me_password(req *r);
void auth_reset_request(req *r);
void auth_reset_confirm(req *r);
void auth_usuarios_list(req *r); /* auth_usuarios.c */

/* auth_comun.c */
password_cost auth_cost(const config *cfg);
token_keys auth_keys(const config *cfg);
void auth_no_store(req *r); /* Cache-Control: no-store */
/* Reads and normalizes an email field; FORMATO_INVALIDO when unusable. */
const char *auth_read_email(jr *j, verr *e, const char *key);
/* Reads a password field of any length (the policy judges it later). */
const char *auth_read_password(jr *j, const char *key);
/* Adds the policy's error for `field` to e, if any. */
void auth_check_policy(verr *e, const char *field, const char *pw, const char *email, const char *doc);
/* The body {"email": ...} of the code and reset requests, normalized; NULL after answering 4xx. */
const char *auth_body_email(req *r);
/* The JSON body as a strict object reader; false: answered 400. */
bool auth_open_body(req *r, jr *j, verr *e);
/* Profile JSON of GET /v1/me (and 201 of register); NULL when absent. */
const char *auth_profile_json(req *r, long long usuario_id, bool *db_failed);
/* {"k": "v", ...} from NULL-terminated key/value pairs, for audit rows. */
const char *auth_json_pairs(arena *a, const char *const *kv);
/* true when pw equals one of the last AUTH_PASSWORD_HISTORY passwords. */
int auth_password_reused(req *r, const char *usuario_id, const char *pw); /* 1, 0, -1 db */
/* Sets the new hash, records it in the history, revokes every session. */
bool auth_password_store(req *r, const char *usuario_id, const char *pw);
/* Revokes every session (refresh family) of a user; false on DB error. */
bool auth_revoke_all(req *r, const char *usuario_id);

/* auth_registro.c: false after answering 422 (captcha_token) or 503. */
bool auth_captcha_ok(req *r, const char *token);
/* auth_sesiones.c: the lock of this email from the caller's address, as for a
 * sign-in (issue 9, probes 4 and 5). auth_lock_check: false after answering
 * 429; auth_lock_failure: counts a wrong password in the open transaction and
 * returns the seconds locked now ("" when not locked), NULL on a DB error. */
bool auth_lock_check(req *r, const char *email, const char *now);
const char *auth_lock_failure(req *r, const char *email, const char *now);
void auth_locked(req *r, const char *seconds);

/* auth_correos.c: messages inserted into the outbox in the caller's transaction */
bool auth_mail_code(req *r, const char *email, const char *codigo, bool cuenta_existe);
bool auth_mail_reset(req *r, const char *email, const char *token);
bool auth_mail_password_changed(req *r, const char *email);
/* to the owner of a document someone tried to register again (probe 2) */
bool auth_mail_documento_existente(req *r, const char *email);
#endif
