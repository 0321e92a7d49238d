/* auth_comun.c - helpers every accounts handler uses: configuration views,
 * the clock as a SQL parameter, transactions that answer on failure, strict
 * reading of email and password fields, the profile document and password
 * storage with its history. */
#include "auth_internal.h"
#include "routes.h"
#include "db.h"
#include "email.h"
#include "timeutil.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

password_cost auth_cost(const config *cfg)
{
    return (password_cost){(unsigned long long)cfg->pwhash_ops, (size_t)cfg->pwhash_mem_kib * 1024u};
}

token_keys auth_keys(const config *cfg) { return (token_keys){cfg->jwt_secret, cfg->jwt_iss, cfg->jwt_aud, api_roles}; }

const char *auth_now(req *r)
{
    char buf[32];
    time_format_rfc3339(config_now(r->w->cfg), buf);
    return arena_strdup(r->a, buf);
}

bool auth_begin(req *r)
{
    if (db_begin(r->w->db)) return true;
    problem_db(r);
    return false;
}

void auth_fail_db(req *r)
{
    db_rollback(r->w->db);
    problem_db(r);
}

bool auth_commit(req *r)
{
    if (db_commit(r->w->db)) return true;
    auth_fail_db(r);
    return false;
}

void auth_no_store(req *r) { http_set_header(r, "Cache-Control", "no-store"); }

const char *auth_read_email(jr *j, verr *e, const char *key)
{
    const char *raw = jr_str(j, key, JR_REQUIRED, 1, 254);
    if (!raw) return NULL;
    const char *email = email_normalizar(j->a, raw);
    if (!email) verr_add(e, jr_field(j, key), "FORMATO_INVALIDO", "El correo electrónico no es válido.");
    return email;
}

const char *auth_read_password(jr *j, const char *key)
{
    return jr_str(j, key, JR_REQUIRED, 1, 4096);
}

void auth_check_policy(verr *e, const char *field, const char *pw, const char *email, const char *doc)
{
    const char *message = NULL;
    const char *code = pw ? password_policy(pw, email, doc, &message) : NULL;
    if (code) verr_add(e, field, code, message);
}

bool auth_open_body(req *r, jr *j, verr *e)
{
    const jv *body = http_json_body(r);
    if (!body) return false;
    verr_init(e, r->a);
    jr_open(j, r->a, body, e, NULL);
    return true;
}

/* Plain columns, JSON written here: building it in PostgreSQL costs the
 * database a third more per GET /v1/me (bench/README.md). */
static const db_stmt Q_PROFILE = {
    "auth_profile",
    "select id, email, rol, diresa_codigo, tipo_documento, numero_documento, numero_documento_sunedu,"
    " fecha_nacimiento, nombres, apellido_paterno, apellido_materno, extract(epoch from creado_at)::bigint"
    " from usuarios where id = $1 and activo"};

const char *auth_profile_json(req *r, long long usuario_id, bool *db_failed)
{
    static const char *const keys[] = {"email", "rol", "diresa", "tipo_documento", "numero_documento",
                                       "numero_documento_sunedu", "fecha_nacimiento", "nombres",
                                       "apellido_paterno", "apellido_materno"};
    const char *p[] = {arena_printf(r->a, "%lld", usuario_id)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_PROFILE, 1, p);
    *db_failed = res == NULL;
    if (!res || PQntuples(res) != 1) return NULL;
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_obj(w);
    jw_key(w, "id");
    jw_raw_number(w, db_val(res, 0, 0));
    for (int i = 0; i < 10; i++) jw_kstr(w, keys[i], db_val(res, 0, i + 1));
    char at[32];
    time_format_rfc3339((time_t)strtoll(db_val(res, 0, 11), NULL, 10), at);
    jw_kstr(w, "creado_at", at);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

const char *auth_json_pairs(arena *a, const char *const *kv)
{
    jw *w = jw_new(a);
    if (!w) return NULL;
    jw_obj(w);
    for (; kv[0]; kv += 2) jw_kstr(w, kv[0], kv[1]);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

static const db_stmt Q_HISTORY = {
    "auth_password_history",
    "select password_hash from password_historial where usuario_id = $1 order by id desc limit $2"};

int auth_password_reused(req *r, const char *usuario_id, const char *pw)
{
    const char *p[] = {usuario_id, arena_printf(r->a, "%d", AUTH_PASSWORD_HISTORY)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_HISTORY, 2, p);
    if (!res) return -1;
    for (int i = 0; i < PQntuples(res); i++)
        if (password_verify(db_val(res, i, 0), pw)) return 1;
    return 0;
}

static const db_stmt Q_SET_PASSWORD = {
    "auth_set_password",
    "with u as (update usuarios set password_hash = $2, actualizado_at = $3::timestamptz where id = $1"
    " returning id)"
    " insert into password_historial (usuario_id, password_hash, creado_at)"
    " select id, $2, $3::timestamptz from u"};
static const db_stmt Q_UNLOCK = {
    "auth_unlock_user", "delete from login_bloqueos where email = (select email from usuarios where id = $1)"};

bool auth_password_store(req *r, const char *usuario_id, const char *pw)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(pw, auth_cost(r->w->cfg), hash) != 0) return false;
    const char *p[] = {usuario_id, hash, auth_now(r)};
    bool ok = db_exec(r->w->db, r->a, &Q_SET_PASSWORD, 3, p) && auth_revoke_all(r, usuario_id) &&
              db_exec(r->w->db, r->a, &Q_UNLOCK, 1, p);
    sodium_memzero(hash, sizeof hash);
    return ok;
}

static const db_stmt Q_REVOKE_ALL = {
    "auth_revoke_all",
    "update sesiones set revocado_at = $2::timestamptz where usuario_id = $1 and revocado_at is null"};

bool auth_revoke_all(req *r, const char *usuario_id)
{
    const char *p[] = {usuario_id, auth_now(r)};
    return db_exec(r->w->db, r->a, &Q_REVOKE_ALL, 2, p) != NULL;
}
