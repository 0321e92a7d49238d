/* convocatorias.c - convocatorias and their cronograma: create (admin), list
 * and read (public, with the cronograma and the phase in force now), and
 * reprogram phase windows (admin; merged into the stored cronograma and
 * checked whole: known phases, in order, without overlaps; audited). The
 * development seed creates 2026-I with inscription open around today and
 * loads the real 2026-I offers through the import code path. */
#include "api.h"
#include "plazas_import.h"
#include "publico.h"
#include "audit.h"
#include "cronograma.h"
#include "db.h"
#include "http.h"
#include "timeutil.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTC(col) "to_char(" col " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* The cronograma of convocatoria `cid` at instant `now` (SQL expressions). */
#define CRONOGRAMA_JSON(cid, now)                                                                      \
    "coalesce((select json_agg(json_build_object('fase', f.fase, 'inicia', " UTC("f.inicia")             \
    ", 'termina', " UTC("f.termina") ", 'vigente', f.inicia <= " now " and " now " < f.termina) "       \
    "order by fase_orden(f.fase)) from convocatoria_fases f where f.convocatoria_id = " cid "), '[]'::json)"

#define CONVOCATORIA_JSON(c, now)                                                                      \
    "json_build_object('id', " c ".id, 'codigo', " c ".codigo, 'anio', " c ".anio, 'periodo', " c       \
    ".periodo, 'tipo', " c ".tipo, 'fase_actual', (select f.fase from convocatoria_fases f "            \
    "where f.convocatoria_id = " c ".id and f.inicia <= " now " and " now " < f.termina "              \
    "order by fase_orden(f.fase) limit 1), 'cronograma', " CRONOGRAMA_JSON(c ".id", now)              \
    ", 'creado_at', " UTC(c ".creado_at") ", 'actualizado_at', " UTC(c ".actualizado_at") ")"

static const db_stmt Q_GET = {
    "convocatoria_get",
    "select " CONVOCATORIA_JSON("c", "$2::timestamptz") "::text from convocatorias c where c.id = $1::bigint"};

static const db_stmt Q_LIST = {
    "convocatoria_list",
    "with t as (select * from convocatorias), "
    "p as (select * from t where $1::bigint is null or id < $1::bigint order by id desc limit $2::int + 1) "
    "select json_build_object("
    "'items', coalesce((select json_agg(" CONVOCATORIA_JSON("x", "$3::timestamptz") " order by x.id desc) "
    "  from (select * from p order by id desc limit $2::int) x), '[]'::json), "
    "'next_cursor', case when (select count(*) from p) > $2::int "
    "  then (select min(id)::text from (select id from p order by id desc limit $2::int) y) end, "
    "'total', (select count(*) from t))::text"};

static const db_stmt Q_INSERT = {
    "convocatoria_insert",
    "insert into convocatorias (codigo, anio, periodo, tipo) values ($1, $2::int, $3, $4) returning id"};

static const db_stmt Q_LOCK = {"convocatoria_lock", "select id from convocatorias where id = $1::bigint for update"};

static const db_stmt Q_FASES = {
    "convocatoria_fases",
    "select fase, extract(epoch from inicia)::bigint, extract(epoch from termina)::bigint "
    "from convocatoria_fases where convocatoria_id = $1::bigint"};

static const db_stmt Q_CRONOGRAMA = {
    "convocatoria_cronograma", "select " CRONOGRAMA_JSON("$1::bigint", "$2::timestamptz") "::text"};

static const db_stmt Q_UPSERT_FASE = {
    "convocatoria_upsert_fase",
    "insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) "
    "values ($1::bigint, $2, $3::timestamptz, $4::timestamptz) "
    "on conflict (convocatoria_id, fase) do update set inicia = excluded.inicia, termina = excluded.termina"};

static const db_stmt Q_TOUCH = {"convocatoria_touch", "update convocatorias set actualizado_at = now() where id = $1::bigint"};

static const char *now_text(req *r)
{
    char buf[32];
    time_format_rfc3339(config_now(r->w->cfg), buf);
    return arena_strdup(r->a, buf);
}

/* The convocatoria's JSON at config_now; NULL when it does not exist or the query failed (*failed). */
static const char *convocatoria_json(req *r, const char *id, bool *failed)
{
    const char *p[] = {id, now_text(r)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_GET, 2, p);
    *failed = !res;
    return res ? db_val(res, 0, 0) : NULL;
}

static void convocatoria_get(req *r)
{
    const char *id = route_param(&r->params, "id");
    bool failed = false;
    const char *json = publico_id_valido(id) ? convocatoria_json(r, id, &failed) : NULL;
    if (failed) { problem_db(r); return; }
    if (!json) { problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria."); return; }
    publico_json(r, json, PUBLICO_MAX_AGE_CONVOCATORIA);
}

static void convocatoria_list(req *r)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (cursor && !publico_id_valido(cursor)) { problem(r, 400, "PARAMETRO_INVALIDO", "cursor inválido."); return; }
    char lim[16];
    snprintf(lim, sizeof lim, "%ld", limit);
    const char *p[] = {cursor, lim, now_text(r)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_LIST, 3, p);
    if (!res) { problem_db(r); return; }
    publico_json(r, db_val(res, 0, 0), PUBLICO_MAX_AGE_CONVOCATORIA);
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
    return rest[0] == '-' && rest[1] && strspn(rest + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(rest + 1);
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
            verr_add(&e, "codigo", "CODIGO_INVALIDO",
                     arena_printf(r->a, "El código debe ser %04ld-%s, opcionalmente seguido de un sufijo (p. ej. %04ld-%s-E).",
                                  anio, periodo, anio, periodo));
    }
    if (e.n) { problem_fields(r, &e); return; }
    char anio_s[8];
    snprintf(anio_s, sizeof anio_s, "%ld", anio);
    if (!db_begin(r->w->db)) { problem_db(r); return; }
    const char *p[] = {codigo, anio_s, periodo, tipo};
    PGresult *res = db_exec(r->w->db, r->a, &Q_INSERT, 4, p);
    if (!res) {
        bool dup = db_unique_violation(r->w->db);
        db_rollback(r->w->db);
        if (dup) problem(r, 409, "CONVOCATORIA_DUPLICADA", arena_printf(r->a, "Ya existe la convocatoria %s.", codigo));
        else problem_db(r);
        return;
    }
    const char *id = db_val(res, 0, 0);
    bool failed;
    const char *json = convocatoria_json(r, id, &failed);
    if (!json || !audit_record(r, "convocatoria.crear", "convocatoria", id, NULL, json) || !db_commit(r->w->db)) {
        db_rollback(r->w->db);
        problem_db(r);
        return;
    }
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
        const char *fase = db_val(stored, (int)i, 0);
        bool replaced = false;
        for (size_t j = 0; j < nsent; j++) replaced |= !strcmp(sent[j].fase, fase);
        if (replaced) continue;
        all[k].fase = arena_strdup(r->a, fase);
        all[k].inicia = (time_t)strtoll(db_val(stored, (int)i, 1), NULL, 10);
        all[k].termina = (time_t)strtoll(db_val(stored, (int)i, 2), NULL, 10);
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
        if (!db_exec(r->w->db, r->a, &Q_UPSERT_FASE, 4, p)) return false;
    }
    return db_exec(r->w->db, r->a, &Q_TOUCH, 1, (const char *[]){id}) != NULL;
}

static const char *cronograma_audit_json(req *r, const char *id)
{
    const char *p[] = {id, now_text(r)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_CRONOGRAMA, 2, p);
    return res ? db_val(res, 0, 0) : NULL;
}

static void cronograma_patch(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!publico_id_valido(id)) { problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria."); return; }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    cronograma_fase *sent = NULL;
    size_t nsent = 0;
    if (!read_phases(r, root, &e, &sent, &nsent)) { problem_fields(r, &e); return; }
    db *d = r->w->db;
    if (!db_begin(d)) { problem_db(r); return; }
    PGresult *lock = db_exec(d, r->a, &Q_LOCK, 1, (const char *[]){id});
    if (!lock || PQntuples(lock) == 0) {
        db_rollback(d);
        if (!lock) problem_db(r);
        else problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria.");
        return;
    }
    PGresult *stored = db_exec(d, r->a, &Q_FASES, 1, (const char *[]){id});
    const char *before = stored ? cronograma_audit_json(r, id) : NULL;
    size_t n = 0;
    cronograma_fase *all = before ? merge_stored(r, stored, sent, nsent, &n) : NULL;
    if (!all) { db_rollback(d); problem_db(r); return; }
    if (!cronograma_valida(all, n, &e)) { db_rollback(d); problem_fields(r, &e); return; }
    const char *after = store_phases(r, id, sent, nsent) ? cronograma_audit_json(r, id) : NULL;
    bool failed = false;
    const char *json = after ? convocatoria_json(r, id, &failed) : NULL;
    if (!json || !audit_record(r, "convocatoria.cronograma", "convocatoria", id, before, after) || !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    http_send_json_text(r, 200, json);
}

const route convocatorias_routes[] = {
    {"POST", "/v1/convocatorias", convocatoria_create, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/convocatorias", convocatoria_list, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}", convocatoria_get, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"PATCH", "/v1/convocatorias/{id}/cronograma", cronograma_patch, ROLE_ADMIN, BODY_JSON, 0},
};
const size_t convocatorias_routes_n = ROUTES_N(convocatorias_routes);

/* ---- development seed ---- */

/* 2026-I, ordinario; phases anchored on today in Lima so inscription is open now. */
static const db_stmt Q_SEED_CONVOCATORIA = {
    "seed_convocatoria",
    "with c as (insert into convocatorias (codigo, anio, periodo, tipo) values ('2026-I', 2026, 'I', 'ORDINARIO') "
    "  on conflict (codigo) do nothing returning id), "
    "d as (select date_trunc('day', $1::timestamptz at time zone 'America/Lima') as hoy), "
    "f as (insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) "
    "  select c.id, x.fase, (d.hoy + x.ini) at time zone 'America/Lima', (d.hoy + x.fin) at time zone 'America/Lima' "
    "  from c, d, (values ('INSCRIPCION', interval '-7 days 9 hours', interval '14 days 18 hours'), "
    "    ('REVISION', interval '15 days', interval '22 days'), ('PUBLICACION_APTOS', interval '22 days', interval '24 days'), "
    "    ('SUBSANACION', interval '24 days', interval '29 days'), ('PUBLICACION_FINAL', interval '29 days', interval '31 days'), "
    "    ('CASOS_ESPECIALES', interval '31 days', interval '34 days'), ('DESEMPATE_SORTEO', interval '34 days', interval '36 days'), "
    "    ('ADJUDICACION_REMUNERADA', interval '36 days', interval '39 days'), "
    "    ('ADJUDICACION_EQUIVALENTE', interval '39 days', interval '42 days'), "
    "    ('SERVICIO', interval '45 days', interval '410 days'), ('INFORME_FINAL', interval '410 days', interval '440 days')) "
    "    as x(fase, ini, fin) returning 1) "
    "select coalesce((select id from c), (select id from convocatorias where codigo = '2026-I'))::text, "
    "  (select count(*) from f)"};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
            if (fread(buf, 1, (size_t)n, f) == (size_t)n) { buf[n] = '\0'; *len = (size_t)n; }
            else { free(buf); buf = NULL; }
        }
    }
    fclose(f);
    return buf;
}

/* Imports one real offer file unless the same file is already the current import. */
static int seed_offer(req *r, const char *conv_id, const char *modalidad, const char *path)
{
    size_t len = 0;
    char *body = read_file(path, &len);
    if (!body) { fprintf(stderr, "seed: cannot read %s\n", path); return -1; }
    int rc = 0;
    int done = plazas_importado(r, conv_id, modalidad, body, len);
    if (done < 0) rc = -1;
    else if (done == 0) {
        plazas_importar(r, conv_id, modalidad, body, len);
        if (r->status == 409) {
            /* an old development database past its adjudication keeps the offer it has */
            printf("seed: %s offer of 2026-I kept: %.*s\n", modalidad, (int)r->resp_len, r->resp_body);
        } else if (r->status != 201) {
            fprintf(stderr, "seed: import of %s failed (%d): %.*s\n", path, r->status, (int)r->resp_len, r->resp_body);
            rc = -1;
        } else {
            printf("seed: %s offer of 2026-I imported from %s\n", modalidad, path);
        }
    }
    free(body);
    return rc;
}

int convocatorias_seed(const config *cfg, PGconn *c)
{
    arena a;
    arena_init(&a, 1 << 20);
    db d = {0};
    worker_ctx w;
    req r;
    plazas_req_local(&r, &w, &d, &a, cfg, c, "seed");
    const char *p[] = {now_text(&r)};
    PGresult *res = db_exec(&d, &a, &Q_SEED_CONVOCATORIA, 1, p);
    int rc = res ? 0 : -1;
    if (res && strcmp(db_val(res, 0, 1), "0") != 0) printf("seed: convocatoria 2026-I created\n");
    const char *conv_id = res ? arena_strdup(&a, db_val(res, 0, 0)) : NULL;
    const char *files[][2] = {{"REMUNERADA", "2026-i-remunerado.csv"}, {"EQUIVALENTE", "2026-i-equivalente.csv"}};
    for (size_t i = 0; rc == 0 && i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/ofertas/%s", cfg->data_dir, files[i][1]);
        plazas_req_local(&r, &w, &d, &a, cfg, c, "seed");
        rc = seed_offer(&r, conv_id, files[i][0], path);
    }
    d.conn = NULL;   /* the caller owns the connection */
    arena_free(&a);
    return rc;
}
