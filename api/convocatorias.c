/* convocatorias.c - convocatorias and their cronograma: create (admin), list
 * and read (public, with the cronograma and the phase in force now), and
 * reprogram phase windows (admin; merged into the stored cronograma and
 * checked whole: known phases, in order, without overlaps; audited). SQL:
 * sql/convocatorias.sql. */
#include "api.h"
#include "comun.h"
#include "publico.h"
#include "texto.h"
#include "audit.h"
#include "cronograma.h"
#include "db.h"
#include "http.h"
#include "problemas.h"
#include "sql_gen.h"
#include "timeutil.h"
#include "tx.h"
#include "auth.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The convocatoria's JSON at config_now; NULL when it does not exist or the query failed (*failed). */
static const char *convocatoria_json(req *r, const char *id, bool *failed)
{
    const char *p[] = {id, api_ahora(r), r->user ? r->user->rol_name : "publico"};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_convocatoria_get, 3, p);
    *failed = !res;
    return res ? db_field(res, 0, "convocatoria") : NULL;
}

/* The actions in the answer depend on the caller (issue 9, section 4): an
 * identified caller's answer is private, an anonymous one stays public. */
static void convocatoria_responder(req *r, const char *json)
{
    http_set_header(r, "Vary", "Authorization");
    if (!r->user) {
        publico_json(r, json, PUBLICO_MAX_AGE_CONVOCATORIA);
        return;
    }
    http_set_header(r, "Cache-Control", "private, no-cache");
    http_send_json_text(r, 200, json);
}

static void convocatoria_get(req *r)
{
    auth_identify(r);
    const char *id = route_param(&r->params, "id");
    bool failed = false;
    const char *json = texto_id_decimal(id) ? convocatoria_json(r, id, &failed) : NULL;
    if (failed) {
        problema_bd(r);
        return;
    }
    if (!json) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    convocatoria_responder(r, json);
}

static void convocatoria_list(req *r)
{
    auth_identify(r);
    long limit;
    const char *cursor;
    if (!api_paginacion_id(r, &limit, &cursor)) return;
    char lim[16];
    snprintf(lim, sizeof lim, "%ld", limit);
    const char *p[] = {cursor, lim, api_ahora(r), r->user ? r->user->rol_name : "publico"};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_convocatoria_list, 4, p);
    if (!res) {
        problema_bd(r);
        return;
    }
    convocatoria_responder(r, db_field(res, 0, "pagina"));
}

/* "2026-I", "2026-II", "2026-II-E": the year and period it names, then an optional suffix. */
static bool codigo_coherente(const char *codigo, long anio, const char *periodo)
{
    char want[16];
    snprintf(want, sizeof want, "%04ld-%s", anio, periodo);
    size_t n = strlen(want);
    if (strncmp(codigo, want, n) != 0) return false;
    const char *rest = codigo + n;
    if (!*rest) return true;
    return rest[0] == '-' && rest[1] &&
           strspn(rest + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(rest + 1);
}

static void convocatoria_create(req *r)
{
    const jv *root = http_json_body(r);
    if (!root) return;
    static const char *const PERIODOS[] = {"I", "II", NULL};
    static const char *const TIPOS[] = {"ORDINARIO", "EXTRAORDINARIO", NULL};
    verr e;
    verr_init(&e, r->a);
    jr j;
    long anio = 0;
    const char *codigo = NULL, *periodo = NULL, *tipo = NULL;
    if (jr_open(&j, r->a, root, &e, NULL)) {
        codigo = jr_str(&j, "codigo", JR_REQUIRED, 6, 20);
        bool has_anio = jr_int(&j, "anio", JR_REQUIRED, 2000, 2100, &anio);
        periodo = jr_enum(&j, "periodo", JR_REQUIRED, PERIODOS);
        tipo = jr_enum(&j, "tipo", JR_REQUIRED, TIPOS);
        jr_close(&j);
        if (codigo && has_anio && periodo && !codigo_coherente(codigo, anio, periodo))
            verr_add(
                &e, "codigo", "CODIGO_INVALIDO",
                arena_printf(
                    r->a,
                    "El código debe ser %04ld-%s, opcionalmente seguido de un sufijo (p. ej. %04ld-%s-E).",
                    anio, periodo, anio, periodo));
    }
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    char anio_s[8];
    snprintf(anio_s, sizeof anio_s, "%ld", anio);
    if (!tx_begin(r)) return;
    const char *p[] = {codigo, anio_s, periodo, tipo};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_convocatoria_insert, 4, p);
    if (!res) {
        tx_fail(r);
        return;
    }
    const char *id = db_field(res, 0, "id");
    bool failed;
    const char *json = convocatoria_json(r, id, &failed);
    if (!json || !audit_record(r, "convocatoria.crear", "convocatoria", id, NULL, json)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_set_header(r, "Location", arena_printf(r->a, "/v1/convocatorias/%s", id));
    http_send_json_text(r, 201, json);
}

/* The request's phases; false after adding errors to e. */
static bool read_phases(req *r, const jv *root, verr *e, cronograma_fase **out, size_t *n)
{
    jr j;
    if (!jr_open(&j, r->a, root, e, NULL)) return false;
    const jv *fases = jr_take(&j, "fases", JR_REQUIRED);
    jr_close(&j);
    if (!fases) return false;
    if (fases->t != JV_ARRAY || fases->n < 1 || fases->n > CRONOGRAMA_NFASES) {
        verr_add(e, "fases", "VALOR_INVALIDO",
                 arena_printf(r->a, "Se esperaba una lista de 1 a %d fases.", CRONOGRAMA_NFASES));
        return false;
    }
    cronograma_fase *f = arena_calloc(r->a, fases->n, sizeof *f);
    if (!f) return false;
    for (size_t i = 0; i < fases->n; i++) {
        jr item;
        f[i].origen = (int)i;
        if (!jr_open(&item, r->a, fases->items[i], e, arena_printf(r->a, "fases[%zu].", i))) continue;
        f[i].fase = jr_enum(&item, "fase", JR_REQUIRED, CRONOGRAMA_FASES);
        const char *names[] = {"inicia", "termina"};
        time_t *dest[] = {&f[i].inicia, &f[i].termina};
        for (int k = 0; k < 2; k++) {
            const char *v = jr_str(&item, names[k], JR_REQUIRED, 20, 40);
            if (v && time_parse_rfc3339(v, dest[k]) != 0)
                verr_add(e, jr_field(&item, names[k]), "FECHA_HORA_INVALIDA",
                         "Use una fecha y hora RFC 3339 con zona, p. ej. 2026-02-02T09:00:00-05:00.");
        }
        jr_close(&item);
    }
    *out = f;
    *n = fases->n;
    return e->n == 0;
}

/* The stored phases the request does not mention, appended to the request's. */
static cronograma_fase *merge_stored(req *r, PGresult *stored, cronograma_fase *sent, size_t nsent, size_t *n)
{
    size_t ns = (size_t)PQntuples(stored);
    cronograma_fase *all = arena_calloc(r->a, nsent + ns, sizeof *all);
    if (!all) return NULL;
    memcpy(all, sent, nsent * sizeof *all);
    size_t k = nsent;
    for (size_t i = 0; i < ns; i++) {
        const char *fase = db_field(stored, (int)i, "fase");
        bool replaced = false;
        for (size_t j = 0; j < nsent; j++) replaced |= !strcmp(sent[j].fase, fase);
        if (replaced) continue;
        all[k].fase = arena_strdup(r->a, fase);
        all[k].inicia = (time_t)strtoll(db_field(stored, (int)i, "inicia"), NULL, 10);
        all[k].termina = (time_t)strtoll(db_field(stored, (int)i, "termina"), NULL, 10);
        all[k].origen = -1;
        k++;
    }
    *n = k;
    return all;
}

static bool store_phases(req *r, const char *id, const cronograma_fase *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ini[32], fin[32];
        time_format_rfc3339(f[i].inicia, ini);
        time_format_rfc3339(f[i].termina, fin);
        const char *p[] = {id, f[i].fase, ini, fin};
        if (!db_exec(r->w->db, r->a, &SQL_convocatoria_upsert_fase, 4, p)) return false;
    }
    return db_exec(r->w->db, r->a, &SQL_convocatoria_touch, 1, (const char *[]){id}) != NULL;
}

static const char *cronograma_audit_json(req *r, const char *id)
{
    const char *p[] = {id, api_ahora(r)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_convocatoria_cronograma, 2, p);
    return res ? db_field(res, 0, "cronograma") : NULL;
}

static void cronograma_patch(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!texto_id_decimal(id)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    cronograma_fase *sent = NULL;
    size_t nsent = 0;
    if (!read_phases(r, root, &e, &sent, &nsent)) {
        problem_fields(r, &e);
        return;
    }
    db *d = r->w->db;
    if (!tx_begin(r)) return;
    PGresult *lock = db_exec(d, r->a, &SQL_convocatoria_lock, 1, (const char *[]){id});
    if (!lock) {
        tx_fail(r);
        return;
    }
    if (PQntuples(lock) == 0) {
        db_rollback(d);
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    PGresult *stored = db_exec(d, r->a, &SQL_convocatoria_fases, 1, (const char *[]){id});
    const char *before = stored ? cronograma_audit_json(r, id) : NULL;
    size_t n = 0;
    cronograma_fase *all = before ? merge_stored(r, stored, sent, nsent, &n) : NULL;
    if (!all) {
        tx_fail(r);
        return;
    }
    if (!cronograma_valida(all, n, &e)) {
        db_rollback(d);
        problem_fields(r, &e);
        return;
    }
    const char *after = store_phases(r, id, sent, nsent) ? cronograma_audit_json(r, id) : NULL;
    bool failed = false;
    const char *json = after ? convocatoria_json(r, id, &failed) : NULL;
    if (!json || !audit_record(r, "convocatoria.cronograma", "convocatoria", id, before, after)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_send_json_text(r, 200, json);
}

const route convocatorias_routes[] = {
    {"POST", "/v1/convocatorias", convocatoria_create, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/convocatorias", convocatoria_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}", convocatoria_get, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"PATCH", "/v1/convocatorias/{id}/cronograma", cronograma_patch, ROLE_ADMIN, BODY_JSON, 0},
};
const size_t convocatorias_routes_n = ROUTES_N(convocatorias_routes);
