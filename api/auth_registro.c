/* auth_registro.c - POST /v1/auth/email-codes (6-digit codes, limits per
 * email and per IP, same answer for known and unknown emails) and
 * POST /v1/auth/register (DNI or Carné de Extranjería, the code, captcha,
 * password policy, one account per email and per document; names from the
 * identity registry when configured, else required; a document that already
 * has an account answers like a new registration and emails its owner). */
#include "auth_internal.h"
#include "problemas.h"
#include "audit.h"
#include "captcha.h"
#include "db.h"
#include "documento.h"
#include "identity.h"
#include "nombres.h"
#include "worker.h"
#include "sql_gen.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- email codes ---- */

/* seconds to wait (0 = allowed) under the per-email and per-IP limits */
static void too_many(req *r, const char *seconds, const char *detail)
{
    http_set_header(r, "Retry-After", seconds);
    problema(r, P_DEMASIADAS_SOLICITUDES, detail);
}

void auth_email_codes(req *r)
{
    const char *email = auth_body_email(r);
    if (!email) return;
    const char *now = api_ahora(r);
    const char *ip = r->remote_addr;
    char codigo[8], hash[TOKEN_HASH_HEX];
    token_digits(codigo, 6);
    token_hash(r->w->cfg->jwt_secret, arena_printf(r->a, "codigo:%s", email), codigo, hash);
    if (!tx_begin(r)) return;
    const char *pl[] = {email};
    const char *pw[] = {email, ip, now, arena_printf(r->a, "%d", r->w->cfg->codes_per_ip_hour)};
    PGresult *wait = db_exec(r->w->db, r->a, &SQL_auth_codes_lock, 1, pl)
                         ? db_exec(r->w->db, r->a, &SQL_auth_codes_wait, 4, pw)
                         : NULL;
    if (!wait) {
        tx_fail(r);
        return;
    }
    if (atoi(db_field(wait, 0, "espera")) > 0) {
        db_rollback(r->w->db);
        too_many(r, db_field(wait, 0, "espera"),
                 "Ya se enviaron varios códigos a este correo o desde esta red; espere antes de pedir otro.");
        return;
    }
    const char *pi[] = {email, hash, ip, now, arena_printf(r->a, "%d", AUTH_CODE_TTL_MIN)};
    PGresult *ins = db_exec(r->w->db, r->a, &SQL_auth_codes_insert, 5, pi);
    if (!ins) {
        tx_fail(r);
        return;
    }
    const char *audit_after[] = {"email", email, NULL};
    if (!auth_mail_code(r, email, codigo, !strcmp(db_field(ins, 0, "cuenta_existe"), "t")) ||
        !audit_record(r, "email_codigo.emitir", "email_codigo", db_field(ins, 0, "id"), NULL,
                      auth_json_pairs(r->a, audit_after))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    sodium_memzero(codigo, sizeof codigo);
    http_send_json_text(
        r, 202,
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

/* An optional name field, refused (422) with control, line-break or bidi
 * characters (domain/nombres.h). */
static const char *nombre_read(jr *j, verr *e, const char *key)
{
    const char *v = jr_str(j, key, JR_OPTIONAL, 1, 400);
    nombre_resultado res = v ? nombre_validar(v, 100) : NOMBRE_OK;
    if (res != NOMBRE_OK) verr_add(e, key, nombre_resultado_codigo(res), nombre_resultado_mensaje(res));
    return res == NOMBRE_OK ? v : NULL;
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
    g->nombres = nombre_read(j, e, "nombres");
    g->apellido_paterno = nombre_read(j, e, "apellido_paterno");
    g->apellido_materno = nombre_read(j, e, "apellido_materno");
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
bool auth_captcha_ok(req *r, const char *token)
{
    const config *cfg = r->w->cfg;
    if (!captcha_enabled(cfg)) return true;
    captcha_result c = captcha_verify(cfg, r->a, token, r->remote_addr);
    if (c == CAPTCHA_OK) return true;
    if (c == CAPTCHA_UNAVAILABLE) {
        problema(r, P_CAPTCHA_NO_DISPONIBLE,
                 "No se pudo verificar el captcha; intente de nuevo en unos minutos.");
        return false;
    }
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "captcha_token", token ? "CAPTCHA_INVALIDO" : "REQUERIDO",
             token ? "El captcha no es válido o expiró; resuélvalo de nuevo." : "Resuelva el captcha.");
    problem_fields(r, &e);
    return false;
}

/* Inside the transaction. 1: the code is right (its id in *code_id); 0:
 * answered 422 (a wrong try was counted and committed); -1: answered 5xx. */
static int code_check(req *r, const char *email, const char *codigo, const char **code_id)
{
    const char *p[] = {email, api_ahora(r)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_code_latest, 2, p);
    if (!res) {
        tx_fail(r);
        return -1;
    }
    const char *err = NULL, *msg = NULL;
    if (PQntuples(res) == 0 || !strcmp(db_field(res, 0, "usado"), "t")) {
        err = "CODIGO_INVALIDO";
        msg = "El código de verificación no es válido; solicite uno nuevo.";
    } else if (atoi(db_field(res, 0, "intentos")) >= AUTH_CODE_MAX_TRIES) {
        err = "CODIGO_AGOTADO";
        msg = "Se agotaron los intentos para este código; solicite uno nuevo.";
    } else if (!strcmp(db_field(res, 0, "expirado"), "t")) {
        err = "CODIGO_EXPIRADO";
        msg = "El código de verificación expiró; solicite uno nuevo.";
    } else {
        char hash[TOKEN_HASH_HEX];
        token_hash(r->w->cfg->jwt_secret, arena_printf(r->a, "codigo:%s", email), codigo, hash);
        if (token_hash_equal(hash, db_field(res, 0, "codigo_hash"))) {
            *code_id = db_field(res, 0, "id");
            return 1;
        }
        const char *pw[] = {db_field(res, 0, "id")};
        if (!db_exec(r->w->db, r->a, &SQL_auth_code_wrong, 1, pw)) {
            tx_fail(r);
            return -1;
        }
        err = "CODIGO_INVALIDO";
        msg = "El código de verificación no es correcto.";
    }
    if (!tx_commit(r)) return -1;
    verr e;
    verr_init(&e, r->a);
    verr_add(&e, "codigo_verificacion", err, msg);
    problem_fields(r, &e);
    return 0;
}

/* Inside the transaction, the code accepted: creates the account. */
static void registro_create(req *r, const registro *g, const char *code_id)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(g->password, auth_cost(r->w->cfg), hash) != 0) {
        db_rollback(r->w->db);
        problema(r, P_ERROR_INTERNO, "No se pudo proteger la contraseña.");
        return;
    }
    const char *now = api_ahora(r);
    const char *p[] = {g->email,
                       hash,
                       g->doc.tipo,
                       g->doc.numero,
                       g->doc.numero_sunedu,
                       g->doc.fecha_nacimiento,
                       g->doc.fecha_emision,
                       g->nombres,
                       g->apellido_paterno,
                       g->apellido_materno,
                       now};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_user_insert, 11, p);
    if (!res) {
        tx_fail(r);
        return;
    }
    const char *id = db_field(res, 0, "id");
    const char *ph[] = {id, hash, now};
    const char *pc[] = {code_id, now};
    const char *after[] = {"email", g->email, "tipo_documento", g->doc.tipo, "rol", "postulante", NULL};
    bool failed = false;
    const char *profile = NULL;
    if (!db_exec(r->w->db, r->a, &SQL_auth_history_add, 3, ph) ||
        !db_exec(r->w->db, r->a, &SQL_auth_code_used, 2, pc) ||
        !audit_record(r, "usuario.registrar", "usuario", id, NULL, auth_json_pairs(r->a, after)) ||
        !(profile = auth_profile_json(r, strtoll(id, NULL, 10), &failed))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_set_header(r, "Location", "/v1/me");
    http_send_json_text(r, 201, profile);
}

/* The names on the account (issue 9, probe 13): the identity registry's for
 * a DNI when one is configured (the body's are ignored), else the body's,
 * required. Inside the transaction, after the code: false after answering
 * (a DNI the registry does not know counts as a wrong try of the code). */
static bool registro_nombres(req *r, registro *g, const char *code_id)
{
    verr e;
    verr_init(&e, r->a);
    if (identity_enabled(r->w->cfg) && !strcmp(g->doc.tipo, "DNI")) {
        identity_names n;
        identity_result res = identity_lookup(r->w->cfg, r->a, "DNI", g->doc.numero, g->doc.fecha_nacimiento,
                                              &n);
        if (res == IDENTITY_FOUND) {
            g->nombres = n.given_names;
            g->apellido_paterno = n.first_surname;
            g->apellido_materno = n.second_surname;
            return true;
        }
        if (res == IDENTITY_UNAVAILABLE) {
            db_rollback(r->w->db);
            problema(r, P_IDENTIDAD_NO_DISPONIBLE,
                     "No se pudo consultar el registro de identidad; intente en unos minutos.");
            return false;
        }
        const char *pw[] = {code_id};
        if (!db_exec(r->w->db, r->a, &SQL_auth_code_wrong, 1, pw)) {
            tx_fail(r);
            return false;
        }
        if (!tx_commit(r)) return false;
        verr_add(&e, "numero_documento", "DOCUMENTO_NO_VERIFICADO",
                 "El registro de identidad no tiene este DNI con esa fecha de nacimiento.");
        problem_fields(r, &e);
        return false;
    }
    if (!g->nombres)
        verr_add(&e, "nombres", "REQUERIDO", "Escriba sus nombres como figuran en su documento.");
    if (!g->apellido_paterno) verr_add(&e, "apellido_paterno", "REQUERIDO", "Escriba su primer apellido.");
    if (!e.n) return true;
    db_rollback(r->w->db);
    problem_fields(r, &e);
    return false;
}

/* The document already has an account (issue 9, probe 2): the code is used
 * up, the owner is told by email, and the caller gets what a new
 * registration gets, so one code cannot test which documents exist. Inside
 * the transaction; true after answering (or failing). */
static bool registro_documento_existente(req *r, const registro *g, const char *code_id)
{
    const char *pd[] = {g->doc.tipo, g->doc.numero};
    PGresult *owner = db_exec(r->w->db, r->a, &SQL_auth_user_by_documento, 2, pd);
    if (!owner) {
        tx_fail(r);
        return true;
    }
    if (PQntuples(owner) == 0) return false;
    const char *now = api_ahora(r);
    const char *pc[] = {code_id, now};
    const char *after[] = {"email", g->email, NULL};
    PGresult *id = db_exec(r->w->db, r->a, &SQL_auth_registro_aparente, 0, NULL);
    if (!id || !db_exec(r->w->db, r->a, &SQL_auth_code_used, 2, pc) ||
        !auth_mail_documento_existente(r, db_field(owner, 0, "email")) ||
        !audit_record(r, "usuario.registro_documento_existente", "usuario", db_field(owner, 0, "id"), NULL,
                      auth_json_pairs(r->a, after))) {
        tx_fail(r);
        return true;
    }
    if (!tx_commit(r)) return true;
    jw *w = jw_new(r->a);
    jw_obj(w);
    jw_key(w, "id");
    jw_raw_number(w, db_field(id, 0, "id"));
    jw_kstr(w, "email", g->email);
    jw_kstr(w, "rol", "postulante");
    jw_kstr(w, "diresa", NULL);
    jw_kstr(w, "tipo_documento", g->doc.tipo);
    jw_kstr(w, "numero_documento", g->doc.numero);
    jw_kstr(w, "numero_documento_sunedu", g->doc.numero_sunedu);
    jw_kstr(w, "fecha_nacimiento", g->doc.fecha_nacimiento);
    jw_kstr(w, "nombres", g->nombres);
    jw_kstr(w, "apellido_paterno", g->apellido_paterno);
    jw_kstr(w, "apellido_materno", g->apellido_materno);
    jw_kstr(w, "creado_at", now);
    jw_end_obj(w);
    http_set_header(r, "Location", "/v1/me");
    http_send_json(r, 201, w);
    return true;
}

void auth_register(req *r)
{
    jr j;
    verr e;
    if (!auth_open_body(r, &j, &e)) return;
    registro g;
    registro_read(r, &j, &e, &g);
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (!auth_captcha_ok(r, g.captcha)) return;
    if (!tx_begin(r)) return;
    const char *code_id = NULL;
    if (code_check(r, g.email, g.codigo, &code_id) != 1) return;
    if (!registro_nombres(r, &g, code_id)) return;
    if (registro_documento_existente(r, &g, code_id)) return;
    registro_create(r, &g, code_id);
}
