/* auth_cuenta.c - the signed-in person's account: GET /v1/me, PUT
 * /v1/me/password, and the password reset by email link (POST
 * /v1/auth/password-resets, always 202; POST .../confirm, single-use token,
 * the last 5 passwords refused, every session revoked). */
#include "auth_internal.h"
#include "problemas.h"
#include "audit.h"
#include "db.h"
#include "worker.h"
#include "sql_gen.h"
#include <stdlib.h>
#include <string.h>

void auth_me(req *r)
{
    bool failed;
    const char *profile = auth_profile_json(r, r->user->id, &failed);
    if (failed) {
        problema_bd(r);
        return;
    }
    if (!profile) {
        http_set_header(r, "WWW-Authenticate", "Bearer realm=\"serums\", error=\"invalid_token\"");
        problema(r, P_NO_AUTENTICADO, "La cuenta ya no está activa.");
        return;
    }
    auth_no_store(r);
    http_send_json_text(r, 200, profile);
}

static void password_reused(req *r)
{
    problema(r, P_CONTRASENA_REUTILIZADA, "No puede reutilizar ninguna de sus últimas 5 contraseñas.");
}

/* The rules every new password passes: policy (422 VALIDACION) and history
 * (422 CONTRASENA_REUTILIZADA). Inside the transaction; false after answering. */
static bool new_password_ok(req *r, const char *field, const char *id, const char *pw, const char *email,
                            const char *doc)
{
    verr e;
    verr_init(&e, r->a);
    auth_check_policy(&e, field, pw, email, doc);
    if (e.n) {
        db_rollback(r->w->db);
        problem_fields(r, &e);
        return false;
    }
    int reused = auth_password_reused(r, id, pw);
    if (reused < 0) {
        tx_fail(r);
        return false;
    }
    if (reused) {
        db_rollback(r->w->db);
        password_reused(r);
        return false;
    }
    return true;
}

/* ---- change with the current password ---- */

/* A wrong current password counts as a failed sign-in of the account from
 * this address (issue 9, probe 4): the fifth locks it 15 minutes (429). */
static void current_password_wrong(req *r, const char *email)
{
    const char *seconds = auth_lock_failure(r, email, api_ahora(r));
    if (!seconds) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    if (*seconds) {
        auth_locked(r, seconds);
        return;
    }
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "password_actual", "PASSWORD_INCORRECTO", "La contraseña actual no es correcta.");
    problem_fields(r, &e);
}

void auth_me_password(req *r)
{
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    const char *actual = auth_read_password(&j, "password_actual");
    const char *nuevo = auth_read_password(&j, "password_nuevo");
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    const char *id = arena_printf(r->a, "%lld", r->user->id);
    const char *p[] = {id};
    if (!tx_begin(r)) return;
    PGresult *u = db_exec(r->w->db, r->a, &SQL_auth_me_for_update, 1, p);
    if (!u) {
        tx_fail(r);
        return;
    }
    if (PQntuples(u) == 0) {
        db_rollback(r->w->db);
        problema(r, P_NO_AUTENTICADO, "La cuenta ya no está activa.");
        return;
    }
    const char *email = db_field(u, 0, "email");
    if (!auth_lock_check(r, email, api_ahora(r))) return;
    if (!password_verify(db_field(u, 0, "password_hash"), actual)) {
        current_password_wrong(r, email);
        return;
    }
    if (!new_password_ok(r, "password_nuevo", id, nuevo, email, db_field(u, 0, "numero_documento"))) return;
    if (!auth_password_store(r, id, nuevo) || !auth_mail_password_changed(r, email) ||
        !audit_record(r, "usuario.cambiar_password", "usuario", id, NULL, NULL)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_no_content(r);
}

/* ---- reset by email link ---- */

static void reset_accepted(req *r)
{
    http_send_json_text(
        r, 202,
        "{\"mensaje\":\"Si existe una cuenta con ese correo, recibirá un enlace para restablecer "
        "la contraseña.\"}");
}

void auth_reset_request(req *r)
{
    const char *email = auth_body_email(r);
    if (!email) return;
    const char *now = api_ahora(r);
    const char *p[] = {email, now};
    if (!tx_begin(r)) return;
    PGresult *u = db_exec(r->w->db, r->a, &SQL_auth_reset_target, 2, p);
    if (!u) {
        tx_fail(r);
        return;
    }
    /* unknown email, or a link sent in the last minute / 5 this hour: the same answer */
    if (PQntuples(u) == 0 || !strcmp(db_field(u, 0, "limitado"), "t")) {
        db_rollback(r->w->db);
        reset_accepted(r);
        return;
    }
    const char *token = token_random(r->a);
    char hash[TOKEN_HASH_HEX];
    token_hash(r->w->cfg->jwt_secret, "reset", token ? token : "", hash);
    const char *pi[] = {db_field(u, 0, "id"), hash, now, arena_printf(r->a, "%d", AUTH_RESET_TTL_MIN)};
    PGresult *ins = token ? db_exec(r->w->db, r->a, &SQL_auth_reset_insert, 4, pi) : NULL;
    if (!ins || !auth_mail_reset(r, email, token) ||
        !audit_record(r, "password_reset.emitir", "usuario", db_field(u, 0, "id"), NULL, NULL)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    reset_accepted(r);
}

static void token_refused(req *r, const char *code, const char *message)
{
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "token", code, message);
    problem_fields(r, &e);
}

void auth_reset_confirm(req *r)
{
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    const char *token = jr_str(&j, "token", JR_REQUIRED, 1, 200);
    const char *password = auth_read_password(&j, "password");
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    char hash[TOKEN_HASH_HEX];
    token_hash(r->w->cfg->jwt_secret, "reset", token, hash);
    const char *now = api_ahora(r);
    const char *p[] = {hash, now};
    if (!tx_begin(r)) return;
    PGresult *t = db_exec(r->w->db, r->a, &SQL_auth_reset_find, 2, p);
    if (!t) {
        tx_fail(r);
        return;
    }
    if (PQntuples(t) == 0 || !strcmp(db_field(t, 0, "usado"), "t") ||
        !strcmp(db_field(t, 0, "activo"), "f")) {
        db_rollback(r->w->db);
        token_refused(r, "TOKEN_INVALIDO", "El enlace no es válido o ya fue usado; solicite otro.");
        return;
    }
    if (!strcmp(db_field(t, 0, "expirado"), "t")) {
        db_rollback(r->w->db);
        token_refused(r, "TOKEN_EXPIRADO", "El enlace expiró; solicite otro.");
        return;
    }
    const char *id = db_field(t, 0, "usuario_id"), *email = db_field(t, 0, "email");
    if (!new_password_ok(r, "password", id, password, email, db_field(t, 0, "numero_documento"))) return;
    const char *pu[] = {id, now};
    if (!auth_password_store(r, id, password) || !db_exec(r->w->db, r->a, &SQL_auth_reset_used, 2, pu) ||
        !auth_mail_password_changed(r, email) ||
        !audit_record(r, "usuario.restablecer_password", "usuario", id, NULL, NULL)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_no_content(r);
}
