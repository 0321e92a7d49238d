/* auth_sesiones.c - POST /v1/auth/login (argon2id, a dummy verification for
 * unknown emails, lockout after 5 failures of one email from one address, a
 * captcha once it fails from many), POST /v1/auth/refresh (single use,
 * rotation, reuse revokes the family except a second tab within the grace
 * window, lifetimes by role: domain/sesion_politica.h) and POST
 * /v1/auth/logout. The web client keeps the refresh token in the
 * serums_refresh cookie only; the mobile client gets it in the body. */
#include "auth_internal.h"
#include "problemas.h"
#include "audit.h"
#include "cookie.h"
#include "db.h"
#include "worker.h"
#include "sesion_politica.h"
#include "sql_gen.h"
#include "timeutil.h"
#include <stdlib.h>
#include <string.h>

#define SESION_GRACIA_S 10 /* a rotated token presented again this soon: a second tab */

typedef struct sesion {
    long long usuario_id;
    const char *rol, *diresa, *cliente, *familia;
    const char *familia_expira_at; /* absolute end; NULL for a new family (set from the role) */
    const char *segundos;          /* the refresh token's remaining life, once inserted */
} sesion;

static bool cookie_secure(const req *r) { return r->w->cfg->env != ENV_DEVELOPMENT; }

static void set_refresh_cookie(req *r, const char *value, const char *seconds)
{
    long max_age = value && seconds ? strtol(seconds, NULL, 10) : 0;
    http_set_header(
        r, "Set-Cookie",
        cookie_set_value(r->a, AUTH_REFRESH_COOKIE, value, AUTH_REFRESH_PATH, max_age, cookie_secure(r)));
}

/* Inserts the refresh token `refresh` (a new random one when NULL) of the
 * family (a new family, ending after the role's absolute lifetime, when
 * s->familia is NULL); the plain token, or NULL on a DB error. */
static const char *session_insert(req *r, sesion *s, const char *refresh)
{
    sesion_vida vida = sesion_vida_de(s->rol);
    if (!refresh) refresh = token_random(r->a);
    if (!s->familia) {
        char end[32];
        time_format_rfc3339(config_now(r->w->cfg) + vida.absoluta_s, end);
        s->familia = token_random(r->a);
        s->familia_expira_at = arena_strdup(r->a, end);
    }
    if (!refresh || !s->familia || !s->familia_expira_at) return NULL;
    char hash[TOKEN_HASH_HEX];
    token_hash(r->w->cfg->jwt_secret, "refresh", refresh, hash);
    const char *p[] = {arena_printf(r->a, "%lld", s->usuario_id),
                       s->familia,
                       hash,
                       s->cliente,
                       api_ahora(r),
                       arena_printf(r->a, "%d", vida.inactividad_s),
                       r->remote_addr,
                       r->user_agent,
                       s->familia_expira_at};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_session_insert, 9, p);
    if (!res) return NULL;
    s->segundos = db_field(res, 0, "segundos");
    return refresh;
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
    snprintf(c.sid, sizeof c.sid, "%s", s->familia); /* revoked with its family */
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
        jw_kint(w, "refresh_expires_in", strtoll(s->segundos, NULL, 10));
    }
    jw_end_obj(w);
    if (!mobile) set_refresh_cookie(r, refresh, s->segundos);
    auth_no_store(r);
    http_send_json(r, 200, w);
}

/* ---- login ---- */

void auth_locked(req *r, const char *seconds)
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

const char *auth_lock_failure(req *r, const char *email, const char *now)
{
    const char *p[] = {email, now, r->remote_addr};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_login_failure, 3, p);
    const char *after[] = {"email", email, "ip", r->remote_addr ? r->remote_addr : "", NULL};
    if (!res || !audit_record(r, "login.fallo", "login", email, NULL, auth_json_pairs(r->a, after)))
        return NULL;
    const char *seconds = db_field(res, 0, "segundos");
    return seconds ? seconds : "";
}

bool auth_lock_check(req *r, const char *email, const char *now)
{
    const char *p[] = {email, now, r->remote_addr};
    PGresult *lock = db_exec(r->w->db, r->a, &SQL_auth_locked_for, 3, p);
    if (!lock) {
        tx_fail(r);
        return false;
    }
    if (!db_field(lock, 0, "segundos")) return true;
    db_rollback(r->w->db);
    auth_locked(r, db_field(lock, 0, "segundos"));
    return false;
}

/* Wrong credentials: counted (and audited) in the open transaction. */
static void login_failed(req *r, const char *email, const char *now)
{
    const char *seconds = auth_lock_failure(r, email, now);
    if (!seconds) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    if (*seconds) {
        auth_locked(r, seconds);
        return;
    }
    problema(r, P_CREDENCIALES_INVALIDAS, "Correo o contraseña incorrectos.");
}

/* Right credentials: a new session family (in the open transaction). */
static void login_succeeded(req *r, const char *email, PGresult *u, const char *password, const char *cliente)
{
    sesion s = {strtoll(db_field(u, 0, "id"), NULL, 10),
                db_field(u, 0, "rol"),
                db_field(u, 0, "scope"),
                cliente,
                NULL,
                NULL,
                NULL};
    const char *pe[] = {email, r->remote_addr};
    if (!db_exec(r->w->db, r->a, &SQL_auth_login_ok, 2, pe)) {
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
    session_open(r, &s, session_insert(r, &s, NULL), "sesion.iniciar", db_field(u, 0, "id"), after);
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
    const char *captcha = jr_str(&j, "captcha_token", JR_OPTIONAL, 1, 4096);
    jr_close(&j);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (!cliente) cliente = "web";

    const char *now = api_ahora(r);
    const char *p[] = {email, now, r->remote_addr};
    if (!tx_begin(r)) return;
    /* Never waited for: a second login to the same email while one is hashing
     * is told to retry (429) instead of holding a worker on the lock. */
    PGresult *held = db_exec(r->w->db, r->a, &SQL_auth_login_lock, 1, p);
    if (held && strcmp(db_field(held, 0, "obtenido"), "t") != 0) {
        db_rollback(r->w->db);
        login_in_progress(r);
        return;
    }
    PGresult *lock = held ? db_exec(r->w->db, r->a, &SQL_auth_locked_for, 3, p) : NULL;
    PGresult *u = lock ? db_exec(r->w->db, r->a, &SQL_auth_user_by_email, 1, p) : NULL;
    if (!u) {
        tx_fail(r);
        return;
    }
    if (db_field(lock, 0, "segundos")) {
        db_rollback(r->w->db);
        auth_locked(r, db_field(lock, 0, "segundos"));
        return;
    }
    /* failing from many addresses: every sign-in for this email proves it is a person */
    if (login_requiere_captcha(atoi(db_field(lock, 0, "fallos")), atoi(db_field(lock, 0, "direcciones")))) {
        db_rollback(r->w->db);
        if (!auth_captcha_ok(r, captcha)) return;
        if (!tx_begin(r)) return;
        PGresult *again = db_exec(r->w->db, r->a, &SQL_auth_login_lock, 1, p);
        if (!again) {
            tx_fail(r);
            return;
        }
        if (strcmp(db_field(again, 0, "obtenido"), "t") != 0) {
            db_rollback(r->w->db);
            login_in_progress(r);
            return;
        }
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
    set_refresh_cookie(r, NULL, NULL);
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
    const char *p[] = {hash, now, arena_printf(r->a, "%d", SESION_GRACIA_S)};
    *out = db_exec(r->w->db, r->a, &SQL_auth_session_find, 3, p);
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

static sesion session_of(PGresult *s)
{
    return (sesion){strtoll(db_field(s, 0, "usuario_id"), NULL, 10),
                    db_field(s, 0, "rol"),
                    db_field(s, 0, "scope"),
                    db_field(s, 0, "cliente"),
                    db_field(s, 0, "familia"),
                    db_field(s, 0, "familia_expira_at"),
                    db_field(s, 0, "segundos")};
}

/* A token rotated seconds ago came back: another tab refreshing with the
 * same cookie. When its successor (token_successor) is still the live end of
 * the family, both tabs get that same refresh token (and an access token of
 * the same session); true after answering. false: a real replay. */
static bool refresh_grace(req *r, const char *token, PGresult *old, const char *now)
{
    const char *successor = token_successor(r->a, r->w->cfg->jwt_secret, token);
    PGresult *s;
    int found = successor ? session_lookup(r, successor, now, &s) : 0;
    if (found < 0) return true; /* answered */
    if (!found) return false;
    if (strcmp(db_field(s, 0, "familia"), db_field(old, 0, "familia")) ||
        !strcmp(db_field(s, 0, "rotada"), "t") || !strcmp(db_field(s, 0, "revocada"), "t") ||
        !strcmp(db_field(s, 0, "expirada"), "t") || !strcmp(db_field(s, 0, "activo"), "f"))
        return false;
    db_rollback(r->w->db); /* nothing changes */
    sesion n = session_of(s);
    send_tokens(r, &n, successor);
    return true;
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
        if (!strcmp(db_field(s, 0, "en_gracia"), "t") && refresh_grace(r, token, s, now)) return;
        refresh_reused(r, s, now);
        return;
    }
    if (!strcmp(db_field(s, 0, "revocada"), "t") || !strcmp(db_field(s, 0, "activo"), "f") ||
        !strcmp(db_field(s, 0, "expirada"), "t")) {
        db_rollback(r->w->db);
        refresh_refused(r, P_REFRESH_INVALIDO, "La sesión expiró o fue cerrada; inicie sesión de nuevo.");
        return;
    }
    sesion n = session_of(s);
    const char *p[] = {db_field(s, 0, "id"), now};
    const char *successor = token_successor(r->a, r->w->cfg->jwt_secret, token);
    const char *refresh = successor && db_exec(r->w->db, r->a, &SQL_auth_session_rotated, 2, p)
                              ? session_insert(r, &n, successor)
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
    set_refresh_cookie(r, NULL, NULL);
    auth_no_store(r);
    http_no_content(r);
}
