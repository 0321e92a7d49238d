/* auth_registro.c - POST /v1/auth/email-codes (6-digit codes, limits per
 * email and per IP, same answer for known and unknown emails) and
 * POST /v1/auth/register (DNI or Carné de Extranjería, the code, captcha,
 * password policy, one account per email and per document). */
#include "auth_internal.h"
#include "audit.h"
#include "captcha.h"
#include "db.h"
#include "documento.h"
#include "worker.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- email codes ---- */

static const db_stmt Q_LOCK_EMAIL = {"auth_codes_lock", "select pg_advisory_xact_lock(hashtextextended($1, 3))"};
/* seconds to wait (0 = allowed) under the per-email and per-IP limits */
static const db_stmt Q_CODE_WAIT = {
    "auth_codes_wait",
    "with e as (select count(*) n, max(creado_at) ultimo, min(creado_at) primero from email_codigos"
    "  where email = $1 and creado_at > $3::timestamptz - interval '1 hour' and creado_at <= $3::timestamptz),"
    " i as (select count(*) n, min(creado_at) primero from email_codigos"
    "  where ip = $2 and creado_at > $3::timestamptz - interval '1 hour' and creado_at <= $3::timestamptz)"
    " select greatest(0,"
    "  case when e.ultimo > $3::timestamptz - interval '1 minute'"
    "       then ceil(extract(epoch from e.ultimo + interval '1 minute' - $3::timestamptz)) else 0 end,"
    "  case when e.n >= 5 then ceil(extract(epoch from e.primero + interval '1 hour' - $3::timestamptz)) else 0 end,"
    "  case when $2 is not null and i.n >= $4::int"
    "       then ceil(extract(epoch from i.primero + interval '1 hour' - $3::timestamptz)) else 0 end)::int"
    " from e, i"};
static const db_stmt Q_CODE_INSERT = {
    "auth_codes_insert",
    "insert into email_codigos (email, codigo_hash, ip, creado_at, expira_at)"
    " values ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(mins => $5::int)) returning id,"
    " exists (select 1 from usuarios where email = $1)"};

static void too_many(req *r, const char *seconds, const char *detail)
{
    http_set_header(r, "Retry-After", seconds);
    problem(r, 429, "DEMASIADAS_SOLICITUDES", detail);
}

void auth_email_codes(req *r)
{
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    const char *email = auth_read_email(&j, &e, "email");
    jr_close(&j);
    if (e.n) { problem_fields(r, &e); return; }

    const char *now = auth_now(r);
    const char *ip = r->remote_addr;
    char codigo[8], hash[TOKEN_HASH_HEX];
    token_digits(codigo, 6);
    token_hash(r->w->cfg->jwt_secret, arena_printf(r->a, "codigo:%s", email), codigo, hash);
    if (!auth_begin(r)) return;
    const char *pl[] = {email};
    const char *pw[] = {email, ip, now, arena_printf(r->a, "%d", r->w->cfg->codes_per_ip_hour)};
    PGresult *wait = db_exec(r->w->db, r->a, &Q_LOCK_EMAIL, 1, pl)
                         ? db_exec(r->w->db, r->a, &Q_CODE_WAIT, 4, pw) : NULL;
    if (!wait) { auth_fail_db(r); return; }
    if (atoi(db_val(wait, 0, 0)) > 0) {
        db_rollback(r->w->db);
        too_many(r, db_val(wait, 0, 0),
                 "Ya se enviaron varios códigos a este correo o desde esta red; espere antes de pedir otro.");
        return;
    }
    const char *pi[] = {email, hash, ip, now, arena_printf(r->a, "%d", AUTH_CODE_TTL_MIN)};
    PGresult *ins = db_exec(r->w->db, r->a, &Q_CODE_INSERT, 5, pi);
    if (!ins) { auth_fail_db(r); return; }
    const char *audit_after[] = {"email", email, NULL};
    if (!auth_mail_code(r, email, codigo, !strcmp(db_val(ins, 0, 1), "t")) ||
        !audit_record(r, "email_codigo.emitir", "email_codigo", db_val(ins, 0, 0), NULL,
                      auth_json_pairs(r->a, audit_after))) {
        auth_fail_db(r);
        return;
    }
    if (!auth_commit(r)) return;
    sodium_memzero(codigo, sizeof codigo);
    http_send_json_text(r, 202,
                        "{\"mensaje\":\"Si el correo es válido, recibirá un código de verificación en unos minutos.\"}");
}

/* ---- registration ---- */

typedef struct registro {
    const char *email, *codigo, *password, *captcha;
    const char *nombres, *apellido_paterno, *apellido_materno;
    documento_datos doc;
} registro;

static char *upper_copy(arena *a, const char *s)
{
    char *out = s ? arena_strdup(a, s) : NULL;
    for (char *p = out; p && *p; p++) *p = (char)toupper((unsigned char)*p);
    return out;
}

static void registro_read(req *r, jr *j, verr *e, registro *g)
{
    static const char *const tipos[] = {"DNI", "CE", NULL};
    memset(g, 0, sizeof *g);
    g->email = auth_read_email(j, e, "email");
    g->codigo = jr_pattern(j, "codigo_verificacion", JR_REQUIRED, "0123456789", 6, 6,
                           "El código de verificación tiene 6 dígitos.");
    g->doc.tipo = jr_enum(j, "tipo_documento", JR_REQUIRED, tipos);
    g->doc.numero = upper_copy(r->a, jr_str(j, "numero_documento", JR_REQUIRED, 1, 20));
    g->doc.fecha_nacimiento = jr_date(j, "fecha_nacimiento", JR_REQUIRED);
    g->doc.fecha_emision = jr_date(j, "fecha_emision", JR_OPTIONAL);
    g->doc.digito = jr_str(j, "digito_verificacion", JR_OPTIONAL, 1, 1);
    g->doc.numero_sunedu = upper_copy(r->a, jr_str(j, "numero_documento_sunedu", JR_OPTIONAL, 1, 20));
    g->password = auth_read_password(j, "password");
    g->captcha = jr_str(j, "captcha_token", JR_OPTIONAL, 1, 4096);
    g->nombres = jr_str(j, "nombres", JR_OPTIONAL, 1, 100);
    g->apellido_paterno = jr_str(j, "apellido_paterno", JR_OPTIONAL, 1, 100);
    g->apellido_materno = jr_str(j, "apellido_materno", JR_OPTIONAL, 1, 100);
    jr_close(j);
    char hoy[11];
    documento_hoy_lima(config_now(r->w->cfg), hoy);
    documento_validar(&g->doc, hoy, e);
    auth_check_policy(e, "password", g->password, g->email, g->doc.numero);
    /* the same number twice is "not different": keep only a distinct SUNEDU number */
    if (g->doc.numero_sunedu && g->doc.numero && !strcmp(g->doc.numero_sunedu, g->doc.numero))
        g->doc.numero_sunedu = NULL;
}

/* false after answering: captcha refused (422) or verifier down (503). */
static bool captcha_ok(req *r, const char *token)
{
    const config *cfg = r->w->cfg;
    if (!captcha_enabled(cfg)) return true;
    captcha_result c = captcha_verify(cfg, r->a, token, r->remote_addr);
    if (c == CAPTCHA_OK) return true;
    if (c == CAPTCHA_UNAVAILABLE) {
        problem(r, 503, "CAPTCHA_NO_DISPONIBLE", "No se pudo verificar el captcha; intente de nuevo en unos minutos.");
        return false;
    }
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "captcha_token", token ? "CAPTCHA_INVALIDO" : "REQUERIDO",
             token ? "El captcha no es válido o expiró; resuélvalo de nuevo." : "Resuelva el captcha.");
    problem_fields(r, &e);
    return false;
}

static const db_stmt Q_CODE_LATEST = {
    "auth_code_latest",
    "select id, codigo_hash, expira_at <= $2::timestamptz, intentos, usado_at is not null"
    " from email_codigos where email = $1 order by id desc limit 1 for update"};
static const db_stmt Q_CODE_WRONG = {"auth_code_wrong", "update email_codigos set intentos = intentos + 1 where id = $1"};
static const db_stmt Q_CODE_USED = {"auth_code_used", "update email_codigos set usado_at = $2::timestamptz where id = $1"};

/* Inside the transaction. 1: the code is right (its id in *code_id); 0:
 * answered 422 (a wrong try was counted and committed); -1: answered 5xx. */
static int code_check(req *r, const char *email, const char *codigo, const char **code_id)
{
    const char *p[] = {email, auth_now(r)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_CODE_LATEST, 2, p);
    if (!res) { auth_fail_db(r); return -1; }
    const char *err = NULL, *msg = NULL;
    if (PQntuples(res) == 0 || !strcmp(db_val(res, 0, 4), "t")) {
        err = "CODIGO_INVALIDO";
        msg = "El código de verificación no es válido; solicite uno nuevo.";
    } else if (atoi(db_val(res, 0, 3)) >= AUTH_CODE_MAX_TRIES) {
        err = "CODIGO_AGOTADO";
        msg = "Se agotaron los intentos para este código; solicite uno nuevo.";
    } else if (!strcmp(db_val(res, 0, 2), "t")) {
        err = "CODIGO_EXPIRADO";
        msg = "El código de verificación expiró; solicite uno nuevo.";
    } else {
        char hash[TOKEN_HASH_HEX];
        token_hash(r->w->cfg->jwt_secret, arena_printf(r->a, "codigo:%s", email), codigo, hash);
        if (token_hash_equal(hash, db_val(res, 0, 1))) {
            *code_id = db_val(res, 0, 0);
            return 1;
        }
        const char *pw[] = {db_val(res, 0, 0)};
        if (!db_exec(r->w->db, r->a, &Q_CODE_WRONG, 1, pw)) { auth_fail_db(r); return -1; }
        err = "CODIGO_INVALIDO";
        msg = "El código de verificación no es correcto.";
    }
    if (!auth_commit(r)) return -1;
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "codigo_verificacion", err, msg);
    problem_fields(r, &e);
    return 0;
}

static const db_stmt Q_USER_INSERT = {
    "auth_user_insert",
    "insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, numero_documento_sunedu,"
    " fecha_nacimiento, fecha_emision, nombres, apellido_paterno, apellido_materno, creado_at, actualizado_at)"
    " values ($1, $2, 'postulante', $3, $4, $5, $6::date, $7::date, $8, $9, $10, $11::timestamptz, $11::timestamptz)"
    " returning id"};
static const db_stmt Q_HISTORY_ADD = {
    "auth_history_add",
    "insert into password_historial (usuario_id, password_hash, creado_at) values ($1, $2, $3::timestamptz)"};

static void duplicate(req *r)
{
    if (strstr(r->w->db->constraint, "email"))
        problem(r, 409, "EMAIL_REGISTRADO", "Ya existe una cuenta con este correo electrónico; inicie sesión.");
    else
        problem(r, 409, "DOCUMENTO_REGISTRADO", "Ya existe una cuenta con este documento de identidad.");
}

/* Inside the transaction, the code accepted: creates the account. */
static void registro_create(req *r, const registro *g, const char *code_id)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(g->password, auth_cost(r->w->cfg), hash) != 0) {
        db_rollback(r->w->db);
        problem(r, 500, "ERROR_INTERNO", "No se pudo proteger la contraseña.");
        return;
    }
    const char *now = auth_now(r);
    const char *p[] = {g->email, hash, g->doc.tipo, g->doc.numero, g->doc.numero_sunedu, g->doc.fecha_nacimiento,
                       g->doc.fecha_emision, g->nombres, g->apellido_paterno, g->apellido_materno, now};
    PGresult *res = db_exec(r->w->db, r->a, &Q_USER_INSERT, 11, p);
    if (!res) {
        db_rollback(r->w->db);
        if (db_unique_violation(r->w->db)) duplicate(r); else problem_db(r);
        return;
    }
    const char *id = db_val(res, 0, 0);
    const char *ph[] = {id, hash, now};
    const char *pc[] = {code_id, now};
    const char *after[] = {"email", g->email, "tipo_documento", g->doc.tipo, "rol", "postulante", NULL};
    bool failed = false;
    const char *profile = NULL;
    if (!db_exec(r->w->db, r->a, &Q_HISTORY_ADD, 3, ph) || !db_exec(r->w->db, r->a, &Q_CODE_USED, 2, pc) ||
        !audit_record(r, "usuario.registrar", "usuario", id, NULL, auth_json_pairs(r->a, after)) ||
        !(profile = auth_profile_json(r, strtoll(id, NULL, 10), &failed))) {
        auth_fail_db(r);
        return;
    }
    if (!auth_commit(r)) return;
    http_set_header(r, "Location", "/v1/me");
    http_send_json_text(r, 201, profile);
}

void auth_register(req *r)
{
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    registro g;
    registro_read(r, &j, &e, &g);
    if (e.n) { problem_fields(r, &e); return; }
    if (!captcha_ok(r, g.captcha)) return;
    if (!auth_begin(r)) return;
    const char *code_id = NULL;
    if (code_check(r, g.email, g.codigo, &code_id) != 1) return;
    registro_create(r, &g, code_id);
}
