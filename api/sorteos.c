/* sorteos.c - the verifiable sorteo (design/orden-adjudicacion.md): freeze
 * (admin, in DESEMPATE_SORTEO: the pool of APTO inscriptions, H_pool, the
 * commitment C and the announced beacon), draw (admin: the beacon value and
 * the secret, checked against C; keys and positions from domain/sorteo.c,
 * stored once, never redrawn) and read (public, with every input and key).
 * SQL: sql/orden.sql. */
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "fase.h"
#include "http.h"
#include "problemas.h"
#include "publico.h"
#include "sorteo.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static const char *const MODALIDADES[] = {"REMUNERADA", "EQUIVALENTE", NULL};
static const char *const BEACONS[] = {"DRAND_QUICKNET", "NIST", "DADOS", NULL};
#define HEX "0123456789abcdefABCDEF"

/* The sorteo's public JSON; NULL when absent (*fallo on a database error). items: its drawn
 * keys as a JSON array when the caller has them (the draw), NULL: read from sorteo_claves. */
static const char *sorteo_json(req *r, const char *id, const char *items, bool *fallo)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_sorteo_json, 2, (const char *[]){id, items});
    *fallo = !res;
    return res && PQntuples(res) ? db_field(res, 0, "sorteo") : NULL;
}

typedef struct congelar_in {
    const char *modalidad, *profesion, *compromiso, *fuente, *ronda;
} congelar_in;

static bool congelar_leer(req *r, const jv *root, verr *e, congelar_in *in)
{
    jr j, b;
    if (!jr_open(&j, r->a, root, e, NULL)) return false;
    in->modalidad = jr_enum(&j, "modalidad", JR_REQUIRED, MODALIDADES);
    in->profesion = jr_pattern(&j, "profesion", JR_REQUIRED, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_", 2, 40,
                               "Código de profesión en mayúsculas, p. ej. MEDICINA.");
    in->compromiso = jr_pattern(&j, "compromiso", JR_REQUIRED, HEX, 64, 64,
                                "El compromiso es el SHA-256 del secreto: 64 dígitos hexadecimales.");
    const jv *beacon = jr_take(&j, "beacon", JR_REQUIRED);
    jr_close(&j);
    if (beacon && jr_open(&b, r->a, beacon, e, "beacon.")) {
        in->fuente = jr_enum(&b, "fuente", JR_REQUIRED, BEACONS);
        in->ronda = jr_str(&b, "ronda", JR_REQUIRED, 1, 64);
        jr_close(&b);
    }
    return e->n == 0;
}

static void sorteo_congelar(req *r)
{
    const char *cid = route_param(&r->params, "id");
    if (!texto_id_decimal(cid)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    congelar_in in = {0};
    if (!congelar_leer(r, root, &e, &in)) {
        problem_fields(r, &e);
        return;
    }
    if (fase_exigir(r, cid, "DESEMPATE_SORTEO") != 0) return;
    db *d = r->w->db;
    PGresult *pool = db_exec(d, r->a, &SQL_sorteo_pool, 3, (const char *[]){cid, in.profesion, in.modalidad});
    if (!pool) {
        problem_db(r);
        return;
    }
    long n = atol(db_field(pool, 0, "n"));
    if (n == 0) {
        problema(r, P_SIN_APTOS,
                 "No hay inscripciones APTO de esa profesión y modalidad: no hay nada que sortear.");
        return;
    }
    /* the ids come sorted from SQL; the domain writes the canonical pool text */
    int64_t *ids = arena_alloc(r->a, (size_t)n * sizeof *ids);
    const char *p = db_field(pool, 0, "ids");
    for (long i = 0; ids && i < n; i++) {
        ids[i] = strtoll(p, (char **)&p, 10);
        if (*p == ',') p++;
    }
    char *texto;
    size_t len;
    char h_pool[SORTEO_HEX];
    if (!ids || sorteo_pool(r->a, ids, (size_t)n, &texto, &len)) {
        problem_db(r);
        return;
    }
    sorteo_sha256_hex(texto, len, h_pool);
    char *c = sorteo_hex_normal(r->a, in.compromiso, 64, 64);
    const char *vals[] = {cid, in.modalidad, in.profesion, texto,       arena_printf(r->a, "%ld", n), h_pool,
                          c,   in.fuente,    in.ronda,     api_ahora(r)};
    if (!c || !db_begin(d)) {
        problem_db(r);
        return;
    }
    PGresult *ins = db_exec(d, r->a, &SQL_sorteo_insertar, 10, vals);
    if (!ins) {
        bool dup = db_unique_violation(d), fk = db_sqlstate_is(d, "23503");
        db_rollback(d);
        if (dup)
            problema(r, P_SORTEO_EXISTENTE,
                     "Ya hay un sorteo de esa profesión y modalidad en esta convocatoria.");
        else if (fk)
            problema(r, P_PROFESION_NO_ENCONTRADA,
                     arena_printf(r->a, "No existe la profesión %s.", in.profesion));
        else problem_db(r);
        return;
    }
    const char *id = db_field(ins, 0, "id");
    bool fallo;
    const char *json = sorteo_json(r, id, "[]", &fallo);
    if (!json ||
        !audit_record(
            r, "sorteo.congelar", "sorteo", id, NULL,
            arena_printf(r->a, "{\"h_pool\":\"%s\",\"compromiso\":\"%s\",\"pool_n\":%ld}", h_pool, c, n)) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    http_set_header(r, "Location", arena_printf(r->a, "/v1/sorteos/%s", id));
    http_send_json_text(r, 201, json);
}

/* Parses the frozen pool text back into ids (it is ours: one id and LF each). */
static int64_t *pool_ids(req *r, const char *pool, size_t *n)
{
    size_t lines = 0;
    for (const char *q = pool; *q; q++) lines += *q == '\n';
    int64_t *ids = arena_alloc(r->a, (lines ? lines : 1) * sizeof *ids);
    if (!ids) return NULL;
    const char *q = pool;
    for (size_t i = 0; i < lines; i++) {
        ids[i] = strtoll(q, (char **)&q, 10);
        q++;
    }
    *n = lines;
    return ids;
}

/* Stores every key and position in one statement (arrays as text); *items gets the same
 * rows as the public JSON array, in drawn order, spelled as PostgreSQL's json_agg spells them
 * (GET /v1/sorteos/{id} answers the same bytes). */
static bool guardar_claves(req *r, const char *id, const sorteo_item *it, size_t n, const char **items)
{
    sbuf ids, claves, pos, js;
    sbuf_init(&ids, r->a, n * 8 + 2);
    sbuf_init(&claves, r->a, n * 66 + 2);
    sbuf_init(&pos, r->a, n * 6 + 2);
    sbuf_init(&js, r->a, n * 120 + 2);
    sbuf_adds(&ids, "{");
    sbuf_adds(&claves, "{");
    sbuf_adds(&pos, "{");
    sbuf_adds(&js, "[");
    const sorteo_item **orden = arena_calloc(r->a, n ? n : 1, sizeof *orden);
    if (!orden) return false;
    for (size_t i = 0; i < n; i++) {
        if (it[i].posicion < 1 || (size_t)it[i].posicion > n || orden[it[i].posicion - 1]) return false;
        orden[it[i].posicion - 1] = &it[i];
    }
    for (size_t i = 0; i < n; i++) {
        char k[65];
        sorteo_hex(orden[i]->clave, 32, k);
        const char *sep = i ? "," : "", *jsep = i ? ", " : "";
        long long ins = (long long)orden[i]->id;
        sbuf_addf(&ids, "%s%lld", sep, ins);
        sbuf_addf(&claves, "%s%s", sep, k);
        sbuf_addf(&pos, "%s%d", sep, orden[i]->posicion);
        sbuf_addf(&js, "%s{\"posicion\" : %d, \"inscripcion_id\" : %lld, \"clave\" : \"%s\"}", jsep,
                  orden[i]->posicion, ins, k);
    }
    sbuf_adds(&ids, "}");
    sbuf_adds(&claves, "}");
    sbuf_adds(&pos, "}");
    if (sbuf_adds(&js, "]")) return false;
    *items = sbuf_cstr(&js);
    const char *vals[] = {id, sbuf_cstr(&ids), sbuf_cstr(&claves), sbuf_cstr(&pos)};
    return db_exec(r->w->db, r->a, &SQL_sorteo_claves_insertar, 4, vals) != NULL;
}

static void sorteo_revelar(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!texto_id_decimal(id)) {
        problema(r, P_SORTEO_NO_ENCONTRADO, "No existe el sorteo.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    const char *beacon = NULL, *secreto = NULL;
    if (jr_open(&j, r->a, root, &e, NULL)) {
        beacon = jr_pattern(&j, "beacon_valor", JR_REQUIRED, HEX, 2, 256,
                            "El valor del beacon en hexadecimal (número par de dígitos, hasta 256).");
        secreto = jr_pattern(&j, "secreto", JR_REQUIRED, HEX, 64, 64,
                             "El secreto: 32 bytes en 64 dígitos hexadecimales.");
        jr_close(&j);
        if (beacon && strlen(beacon) % 2)
            verr_add(&e, "beacon_valor", "FORMATO_INVALIDO", "Número impar de dígitos hexadecimales.");
    }
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    beacon = sorteo_hex_normal(r->a, beacon, 2, 256);
    secreto = sorteo_hex_normal(r->a, secreto, 64, 64);
    db *d = r->w->db;
    if (!beacon || !secreto || !db_begin(d)) {
        problem_db(r);
        return;
    }
    PGresult *s = db_exec(d, r->a, &SQL_sorteo_bloquear, 1, (const char *[]){id});
    if (!s || PQntuples(s) == 0) {
        db_rollback(d);
        if (!s) problem_db(r);
        else problema(r, P_SORTEO_NO_ENCONTRADO, "No existe el sorteo.");
        return;
    }
    if (strcmp(db_field(s, 0, "estado"), "CONGELADO")) {
        db_rollback(d);
        problema(r, P_SORTEO_REALIZADO, "El sorteo ya se realizó; su resultado no cambia.");
        return;
    }
    if (!sorteo_compromiso_valido(secreto, db_field(s, 0, "compromiso"))) {
        db_rollback(d);
        problema(r, P_COMPROMISO_NO_COINCIDE,
                 "El SHA-256 del secreto no es el compromiso publicado al congelar el sorteo.");
        return;
    }
    sorteo_datos sd = {db_field(s, 0, "convocatoria"),
                       db_field(s, 0, "modalidad"),
                       db_field(s, 0, "profesion_codigo"),
                       db_field(s, 0, "h_pool"),
                       beacon,
                       secreto};
    char *si = sorteo_seed_input(r->a, &sd);
    unsigned char seed[32];
    char seed_hex[65];
    size_t n = 0;
    int64_t *ids = si ? pool_ids(r, db_field(s, 0, "pool"), &n) : NULL;
    if (ids) {
        sorteo_seed(si, seed);
        sorteo_hex(seed, 32, seed_hex);
    }
    sorteo_item *it = ids ? sorteo_ordenar(r->a, seed, ids, n) : NULL;
    const char *vals[] = {id, beacon, secreto, si, seed_hex, api_ahora(r)};
    bool fallo = true;
    const char *items = NULL;
    const char *json = it && db_exec(d, r->a, &SQL_sorteo_revelar, 6, vals) &&
                               guardar_claves(r, id, it, n, &items)
                           ? sorteo_json(r, id, items, &fallo)
                           : NULL;
    if (!json ||
        !audit_record(r, "sorteo.revelar", "sorteo", id, NULL,
                      arena_printf(r->a, "{\"beacon_valor\":\"%s\",\"seed\":\"%s\"}", beacon, seed_hex)) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    http_send_json_text(r, 200, json);
}

static void sorteo_get(req *r)
{
    const char *id = route_param(&r->params, "id");
    bool fallo = false;
    const char *json = texto_id_decimal(id) ? sorteo_json(r, id, NULL, &fallo) : NULL;
    if (fallo) {
        problem_db(r);
        return;
    }
    if (!json) {
        problema(r, P_SORTEO_NO_ENCONTRADO, "No existe el sorteo.");
        return;
    }
    publico_json(r, json, PUBLICO_MAX_AGE_CONVOCATORIA);
}

const route sorteos_routes[] = {
    {"POST", "/v1/convocatorias/{id}/sorteos", sorteo_congelar, ROLE_ADMIN, BODY_JSON, 0},
    {"POST", "/v1/sorteos/{id}/revelacion", sorteo_revelar, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/sorteos/{id}", sorteo_get, 0, BODY_NONE, 0},
};
const size_t sorteos_routes_n = ROUTES_N(sorteos_routes);
