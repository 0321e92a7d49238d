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
#include "sql_gen.h"
#include <stdlib.h>
#include <string.h>

password_cost auth_cost(const config *cfg)
{
    return (password_cost){(unsigned long long)cfg->pwhash_ops, (size_t)cfg->pwhash_mem_kib * 1024u};
}

token_keys auth_keys(const config *cfg) { return (token_keys){cfg->jwt_secret, cfg->jwt_iss, cfg->jwt_aud, api_roles}; }

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
const char *auth_profile_json(req *r, long long usuario_id, bool *db_failed)
{
    static const char *const keys[] = {"email", "rol", "diresa", "tipo_documento", "numero_documento",
                                       "numero_documento_sunedu", "fecha_nacimiento", "nombres",
                                       "apellido_paterno", "apellido_materno"};
    const char *p[] = {arena_printf(r->a, "%lld", usuario_id)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_profile, 1, p);
    *db_failed = res == NULL;
    if (!res || PQntuples(res) != 1) return NULL;
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_obj(w);
    jw_key(w, "id");
    jw_raw_number(w, db_field(res, 0, "id"));
    for (int i = 0; i < 10; i++) jw_kstr(w, keys[i], db_field(res, 0, keys[i]));
    char at[32];
    time_format_rfc3339((time_t)strtoll(db_field(res, 0, "creado_epoch"), NULL, 10), at);
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

int auth_password_reused(req *r, const char *usuario_id, const char *pw)
{
    const char *p[] = {usuario_id, arena_printf(r->a, "%d", AUTH_PASSWORD_HISTORY)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_password_history, 2, p);
    if (!res) return -1;
    for (int i = 0; i < PQntuples(res); i++)
        if (password_verify(db_field(res, i, "password_hash"), pw)) return 1;
    return 0;
}

bool auth_password_store(req *r, const char *usuario_id, const char *pw)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(pw, auth_cost(r->w->cfg), hash) != 0) return false;
    const char *p[] = {usuario_id, hash, api_ahora(r)};
    bool ok = db_exec(r->w->db, r->a, &SQL_auth_set_password, 3, p) && auth_revoke_all(r, usuario_id) &&
              db_exec(r->w->db, r->a, &SQL_auth_unlock_user, 1, p);
    sodium_memzero(hash, sizeof hash);
    return ok;
}

bool auth_revoke_all(req *r, const char *usuario_id)
{
    const char *p[] = {usuario_id, api_ahora(r)};
    return db_exec(r->w->db, r->a, &SQL_auth_revoke_all, 2, p) != NULL;
}
