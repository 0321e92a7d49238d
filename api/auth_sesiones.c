/* auth_sesiones.c - POST /v1/auth/login (argon2id, a dummy verification for
 * unknown emails, lockout after 5 failures), POST /v1/auth/refresh (single
 * use, rotation, reuse revokes the family) and POST /v1/auth/logout. The web
 * client keeps the refresh token in the serums_refresh cookie only; the
 * mobile client gets it in the body. */
#include "auth_internal.h"
#include "problemas.h"
#include "audit.h"
#include "cookie.h"
#include "db.h"
#include "worker.h"
#include "sql_gen.h"
#include <stdlib.h>
#include <string.h>

typedef struct sesion {
    long long usuario_id;
    const char *rol, *diresa, *cliente, *familia;
} sesion;

static bool cookie_secure(const req *r) { return r->w->cfg->env != ENV_DEVELOPMENT; }

static void set_refresh_cookie(req *r, const char *value)
{
    long max_age = value ? (long)r->w->cfg->refresh_ttl_days * 86400L : 0;
    http_set_header(
        r, "Set-Cookie",
        cookie_set_value(r->a, AUTH_REFRESH_COOKIE, value, AUTH_REFRESH_PATH, max_age, cookie_secure(r)));
}

/* Inserts a refresh token of the family (new family when s->familia is
 * NULL); the plain token, or NULL on a DB error. */
static const char *session_insert(req *r, sesion *s)
{
    const char *refresh = token_random(r->a);
    if (!s->familia) s->familia = token_random(r->a);
    if (!refresh || !s->familia) return NULL;
    char hash[TOKEN_HASH_HEX];
    token_hash(r->w->cfg->jwt_secret, "refresh", refresh, hash);
    const char *p[] = {arena_printf(r->a, "%lld", s->usuario_id),
                       s->familia,
                       hash,
                       s->cliente,
                       api_ahora(r),
                       arena_printf(r->a, "%d", r->w->cfg->refresh_ttl_days),
                       r->remote_addr,
                       r->user_agent};
    return db_exec(r->w->db, r->a, &SQL_auth_session_insert, 8, p) ? refresh : NULL;
}

/* 200 {access_token, token_type, expires_in[, refresh_token]} after commit. */
static void send_tokens(req *r, const sesion *s, const char *refresh)
{
    const config *cfg = r->w->cfg;
    token_claims c;
    memset(&c, 0, sizeof c);
    c.sub = s->usuario_id;
    snprintf(c.rol, sizeof c.rol, "%s", s->rol);
    snprintf(c.scope, sizeof c.scope, "%s", s->diresa ? s->diresa : "");
    token_keys k = auth_keys(cfg);
    const char *access = token_access_issue(r->a, &k, &c, config_now(cfg), cfg->access_ttl);
    if (!access) {
        problema(r, P_ERROR_INTERNO, "No se pudo emitir el token.");
        return;
    }
    bool mobile = !strcmp(s->cliente, "mobile");
    jw *w = jw_new(r->a);
    jw_obj(w);
    jw_kstr(w, "access_token", access);
    jw_kstr(w, "token_type", "Bearer");
    jw_kint(w, "expires_in", cfg->access_ttl);
    if (mobile) {
        jw_kstr(w, "refresh_token", refresh);
        jw_kint(w, "refresh_expires_in", (long long)cfg->refresh_ttl_days * 86400);
    }
    jw_end_obj(w);
    if (!mobile) set_refresh_cookie(r, refresh);
    auth_no_store(r);
    http_send_json(r, 200, w);
}

/* ---- login ---- */

static void locked(req *r, const char *seconds)
{
    http_set_header(r, "Retry-After", seconds);
    problema(
        r, P_CUENTA_BLOQUEADA,
        "Demasiados intentos fallidos: la cuenta quedó bloqueada 15 minutos. Puede restablecer su contraseña.");
}

/* A new session's last steps in the open transaction: audit `accion` (with
 * the pairs `after`), commit, answer the tokens; refresh NULL: it failed. */
static void session_open(req *r, sesion *s, const char *refresh, const char *accion, const char *usuario_id,
                         const char *const *after)
{
    if (!refresh || !audit_record(r, accion, "usuario", usuario_id, NULL, auth_json_pairs(r->a, after))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    send_tokens(r, s, refresh);
}

static void login_in_progress(req *r)
{
    http_set_header(r, "Retry-After", "1");
    problema(r, P_INICIO_EN_CURSO,
             "Ya hay un inicio de sesión en curso para este correo; intente de nuevo en un segundo.");
}

/* Wrong credentials: counted (and audited) in the open transaction. */
static void login_failed(req *r, const char *email, const char *now)
{
    const char *p[] = {email, now};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_login_failure, 2, p);
    const char *after[] = {"email", email, NULL};
    if (!res || !audit_record(r, "login.fallo", "login", email, NULL, auth_json_pairs(r->a, after))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    if (db_field(res, 0, "segundos")) {
        locked(r, db_field(res, 0, "segundos"));
        return;
    }
    problema(r, P_CREDENCIALES_INVALIDAS, "Correo o contraseña incorrectos.");
}

/* Right credentials: a new session family (in the open transaction). */
static void login_succeeded(req *r, const char *email, PGresult *u, const char *password, const char *cliente)
{
    sesion s = {strtoll(db_field(u, 0, "id"), NULL, 10), db_field(u, 0, "rol"), db_field(u, 0, "scope"),
                cliente, NULL};
    const char *pe[] = {email};
    if (!db_exec(r->w->db, r->a, &SQL_auth_login_ok, 1, pe)) {
        tx_fail(r);
        return;
    }
    password_cost cost = auth_cost(r->w->cfg);
    char hash[PASSWORD_HASH_MAX];
    if (password_needs_rehash(db_field(u, 0, "password_hash"), cost) &&
        password_hash(password, cost, hash) == 0) {
        const char *ph[] = {db_field(u, 0, "id"), hash};
        if (!db_exec(r->w->db, r->a, &SQL_auth_rehash, 2, ph)) {
            tx_fail(r);
            return;
        }
    }
    const char *after[] = {"cliente", cliente, NULL};
    session_open(r, &s, session_insert(r, &s), "sesion.iniciar", db_field(u, 0, "id"), after);
}

void auth_login(req *r)
{
    static const char *const clientes[] = {"web", "mobile", NULL};
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    const char *email = auth_read_email(&j, &e, "email");
    const char *password = auth_read_password(&j, "password");
    const char *cliente = jr_enum(&j, "client", JR_OPTIONAL, clientes);
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (!cliente) cliente = "web";

    const char *now = api_ahora(r);
    const char *p[] = {email, now};
    if (!tx_begin(r)) return;
    /* Never waited for: a second login to the same email while one is hashing
     * is told to retry (429) instead of holding a worker on the lock. */
    PGresult *held = db_exec(r->w->db, r->a, &SQL_auth_login_lock, 1, p);
    if (held && strcmp(db_field(held, 0, "obtenido"), "t") != 0) {
        db_rollback(r->w->db);
        login_in_progress(r);
        return;
    }
    PGresult *lock = held ? db_exec(r->w->db, r->a, &SQL_auth_locked_for, 2, p) : NULL;
    PGresult *u = lock ? db_exec(r->w->db, r->a, &SQL_auth_user_by_email, 1, p) : NULL;
    if (!u) {
        tx_fail(r);
        return;
    }
    if (PQntuples(lock) == 1) {
        db_rollback(r->w->db);
        locked(r, db_field(lock, 0, "segundos"));
        return;
    }
    bool ok;
    if (PQntuples(u) == 1) {
        ok = password_verify(db_field(u, 0, "password_hash"), password) &&
             !strcmp(db_field(u, 0, "activo"), "t");
    } else {
        password_dummy_verify(password, auth_cost(r->w->cfg));
        ok = false;
    }
    if (ok) login_succeeded(r, email, u, password, cliente);
    else login_failed(r, email, now);
}

/* ---- refresh and logout ---- */

/* The refresh token from the body ({"refresh_token"}) or the cookie; NULL
 * with *answered set when the body was malformed. */
static const char *presented_refresh(req *r, bool *answered)
{
    *answered = false;
    if (r->body_len) {
        jr j;
        verr e;
        if (!auth_open_body(r, &j, &e)) {
            *answered = true;
            return NULL;
        }
        const char *t = jr_str(&j, "refresh_token", JR_OPTIONAL, 1, 200);
        jr_close(&j);
        if (e.n) {
            problem_fields(r, &e);
            *answered = true;
            return NULL;
        }
        if (t) return t;
    }
    return cookie_get(r->a, r->cookie, AUTH_REFRESH_COOKIE);
}

static void refresh_refused(req *r, problema_id code, const char *detail)
{
    set_refresh_cookie(r, NULL);
    problema(r, code, detail);
}

/* Opens the transaction and looks the presented token up (row locked): 1
 * found (*out), 0 unknown (the transaction stays open), -1 after answering a
 * DB error. */
static int session_lookup(req *r, const char *token, const char *now, PGresult **out)
{
    if (!tx_begin(r)) return -1;
    char hash[TOKEN_HASH_HEX];
    token_hash(r->w->cfg->jwt_secret, "refresh", token, hash);
    const char *p[] = {hash, now};
    *out = db_exec(r->w->db, r->a, &SQL_auth_session_find, 2, p);
    if (!*out) {
        tx_fail(r);
        return -1;
    }
    return PQntuples(*out) == 1;
}

/* A rotated token came back: someone holds a copy. The whole family goes. */
static void refresh_reused(req *r, PGresult *s, const char *now)
{
    const char *p[] = {db_field(s, 0, "familia"), now};
    const char *after[] = {"sesion", db_field(s, 0, "id"), NULL};
    if (!db_exec(r->w->db, r->a, &SQL_auth_family_revoke, 2, p) ||
        !audit_record(r, "sesion.reuso_detectado", "usuario", db_field(s, 0, "usuario_id"), NULL,
                      auth_json_pairs(r->a, after))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    refresh_refused(
        r, P_REFRESH_REUTILIZADO,
        "Este token de renovación ya fue usado: por seguridad se cerraron las sesiones de este dispositivo.");
}

void auth_refresh(req *r)
{
    bool answered;
    const char *token = presented_refresh(r, &answered);
    if (answered) return;
    if (!token) {
        refresh_refused(r, P_REFRESH_INVALIDO, "Falta el token de renovación.");
        return;
    }
    const char *now = api_ahora(r);
    PGresult *s;
    int found = session_lookup(r, token, now, &s);
    if (found < 0) return;
    if (!found) {
        db_rollback(r->w->db);
        refresh_refused(r, P_REFRESH_INVALIDO, "La sesión no es válida; inicie sesión de nuevo.");
        return;
    }
    if (!strcmp(db_field(s, 0, "rotada"), "t")) {
        refresh_reused(r, s, now);
        return;
    }
    if (!strcmp(db_field(s, 0, "revocada"), "t") || !strcmp(db_field(s, 0, "activo"), "f") ||
        !strcmp(db_field(s, 0, "expirada"), "t")) {
        db_rollback(r->w->db);
        refresh_refused(r, P_REFRESH_INVALIDO, "La sesión expiró o fue cerrada; inicie sesión de nuevo.");
        return;
    }
    sesion n = {strtoll(db_field(s, 0, "usuario_id"), NULL, 10), db_field(s, 0, "rol"),
                db_field(s, 0, "scope"), db_field(s, 0, "cliente"), db_field(s, 0, "familia")};
    const char *p[] = {db_field(s, 0, "id"), now};
    const char *refresh = db_exec(r->w->db, r->a, &SQL_auth_session_rotated, 2, p) ? session_insert(r, &n)
                                                                                   : NULL;
    const char *after[] = {"sesion_anterior", db_field(s, 0, "id"), NULL};
    session_open(r, &n, refresh, "sesion.renovar", db_field(s, 0, "usuario_id"), after);
}

void auth_logout(req *r)
{
    bool answered;
    const char *token = presented_refresh(r, &answered);
    if (answered) return;
    if (token) {
        const char *now = api_ahora(r);
        PGresult *s;
        int found = session_lookup(r, token, now, &s);
        if (found < 0) return;
        if (!found) {
            db_rollback(r->w->db); /* unknown token: nothing to revoke, logging out still succeeds */
        } else {
            const char *p[] = {db_field(s, 0, "familia"), now};
            if (!db_exec(r->w->db, r->a, &SQL_auth_family_revoke, 2, p) ||
                !audit_record(r, "sesion.cerrar", "usuario", db_field(s, 0, "usuario_id"), NULL, NULL)) {
                tx_fail(r);
                return;
            }
            if (!tx_commit(r)) return;
        }
    }
    set_refresh_cookie(r, NULL);
    auth_no_store(r);
    http_no_content(r);
}
