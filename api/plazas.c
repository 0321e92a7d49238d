/* plazas.c - the plaza offer of a convocatoria: the import endpoint (admin,
 * body text/csv, see plazas_import.c), the public search with the filters of
 * DESIGN §4 (places by INEI code or by name, `q` over the establishment
 * name, both ignoring case and accents), sorting and keyset pages, the
 * summary by profession, DIRESA or departamento, CSV exports of both, and
 * `serumsd import` for the command line. */
#include "api.h"
#include "plazas_import.h"
#include "publico.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "oferta.h"
#include "texto.h"
#include "worker.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- filters ---- */

/* The filter every read shares, over `plazas p` and the CTE `lug`:
 * $1 convocatoria, $2 modalidad, $3 profesion, $4 diresa, $5 institucion,
 * $6/$7 departamento code/name, $8/$9 provincia code/name, $10/$11 distrito
 * code/name (a name is compared with normaliza(); an unmatched place also by
 * the name the file gave), $12 grado, $13 zaf, $14 ze, $15 LIKE pattern over
 * the establishment's search key. */
#define LUG_CTE                                                                                            \
    "lug as materialized (select "                                                                        \
    "array(select codigo::text from departamentos where normaliza(nombre) = normaliza($7::text)) as dep, " \
    "array(select codigo::text from provincias where normaliza(nombre) = normaliza($9::text)) as pro, "    \
    "array(select codigo::text from distritos where normaliza(nombre) = normaliza($11::text)) as dis, "    \
    "normaliza($7::text) as ndep, normaliza($9::text) as npro, normaliza($11::text) as ndis) "
#define LUGAR(col, code, name, arr, norm)                                                                  \
    "and ($" code "::text is null or p." col "_codigo = $" code "::text::bpchar) "                        \
    "and ($" name "::text is null or p." col "_codigo::text = any(lug." arr ") or (p." col "_codigo is null " \
    "and normaliza(p." col "_texto) = lug." norm ")) "
#define FILTRO_CAMPOS                                                                                      \
    "p.convocatoria_id = $1::bigint and ($2::text is null or p.modalidad = $2::text) "                    \
    "and ($3::text is null or p.profesion_codigo = upper($3::text)) "                                     \
    "and ($4::text is null or p.diresa_codigo = upper($4::text)) "                                        \
    "and ($5::text is null or p.institucion_codigo = upper($5::text)) "                                   \
    LUGAR("departamento", "6", "7", "dep", "ndep") LUGAR("provincia", "8", "9", "pro", "npro")            \
    LUGAR("distrito", "10", "11", "dis", "ndis")                                                           \
    "and ($12::int is null or p.grado_dificultad = $12::int) "                                            \
    "and ($13::boolean is null or p.zaf = $13::boolean) and ($14::boolean is null or p.ze = $14::boolean) "
#define FILTRO FILTRO_CAMPOS "and ($15::text is null or p.establecimiento_clave like $15::text) "
#define NFILTRO 15

/* Sort keys as text, so one keyset condition serves every order ($16). */
#define SORT_KEY                                                                                           \
    "case $16::text when 'establecimiento' then p.establecimiento_clave when 'profesion' then p.profesion_codigo " \
    "when 'diresa' then p.diresa_codigo when 'departamento' then coalesce(p.departamento_codigo, '99') || " \
    "coalesce(p.provincia_codigo, '99') || coalesce(p.distrito_codigo, '99') "                             \
    "when 'grado_dificultad' then p.grado_dificultad::text when '-grado_dificultad' then (9 - p.grado_dificultad)::text " \
    "when 'cantidad' then lpad(p.cantidad::text, 5, '0') when '-cantidad' then lpad((99999 - p.cantidad)::text, 5, '0') " \
    "else '' end"

static const char *const ORDENES[] = {"id", "establecimiento", "profesion", "diresa", "departamento",
                                      "grado_dificultad", "-grado_dificultad", "cantidad", "-cantidad", NULL};

/* A plaza row `p` with its catalogs, for display. */
#define PLAZA_FROM                                                                                          \
    "plazas p join establecimientos e on e.renipress = p.renipress "                                       \
    "join profesiones pr on pr.codigo = p.profesion_codigo join diresas di on di.codigo = p.diresa_codigo " \
    "join instituciones it on it.codigo = p.institucion_codigo "                                           \
    "left join departamentos dep on dep.codigo = p.departamento_codigo "                                  \
    "left join provincias pro on pro.codigo = p.provincia_codigo "                                         \
    "left join distritos dis on dis.codigo = p.distrito_codigo "

/* The display JSON of a plaza is plazas.ficha (migration 0701) plus its establishment. */

/* One page ($17/$18 the cursor's key and id, $19 the limit) of the rows `f`:
 * whether the convocatoria exists, the total, the items, whether more follow,
 * the last key. */
#define BUSCA(donde)                                                                                       \
    "with " LUG_CTE ", f as (select p.id, " SORT_KEY " as sk from plazas p, lug where " donde "), "        \
    "pg as (select * from f where $17::text is null or (sk, id) > ($17::text, $18::bigint) " \
    "  order by sk, id limit $19::int + 1), " \
    "page as (select * from pg order by sk, id limit $19::int) " \
    "select exists (select 1 from convocatorias where id = $1::bigint), (select count(*) from f), " \
    "  (select coalesce(json_agg(j order by sk, id), '[]'::json)::text from (select x.sk, x.id, " \
    "   (select p.ficha || jsonb_build_object('establecimiento', jsonb_build_object('renipress', e.renipress, " \
    "    'nombre', p.establecimiento_nombre, 'categoria', e.categoria, 'latitud', e.latitud, 'longitud', e.longitud)) " \
    "    from plazas p join establecimientos e on e.renipress = p.renipress where p.id = x.id) as j from page x) y), " \
    "  (select count(*) from pg) > $19::int, " \
    "  (select sk from page order by sk desc, id desc limit 1), (select id from page order by sk desc, id desc limit 1)"
static const db_stmt Q_BUSCA = {"plazas_busca", BUSCA(FILTRO_CAMPOS "and $15::text is null ")};
/* With `q`: its own statement, so its plan (cached once) reads the trigram index of 0701. */
static const db_stmt Q_BUSCA_TEXTO = {"plazas_busca_texto",
                                      BUSCA("p.establecimiento_clave like $15::text and " FILTRO_CAMPOS)};

static const db_stmt Q_EXISTE = {"plazas_convocatoria_existe", "select 1 from convocatorias where id = $1::bigint"};

/* Every matching row as text columns, for CSV. */
#define CSV_COLUMNAS                                                                                       \
    "id,modalidad,profesion_codigo,profesion,diresa_codigo,diresa,institucion_codigo,institucion,"         \
    "institucion_ofertante,renipress,establecimiento,categoria,departamento_codigo,departamento,"          \
    "provincia_codigo,provincia,distrito_codigo,distrito,grado_dificultad,zaf,ze,cantidad,sede,presupuesto"
#define CSV_NCOLUMNAS 24
static const db_stmt Q_EXPORTA = {
    "plazas_exporta",
    "with " LUG_CTE " select p.id, p.modalidad, pr.codigo, pr.nombre, di.codigo, di.nombre, it.codigo, it.nombre, "
    "p.institucion_ofertante, e.renipress, p.establecimiento_nombre, e.categoria, p.departamento_codigo, "
    "coalesce(dep.nombre, p.departamento_texto), p.provincia_codigo, coalesce(pro.nombre, p.provincia_texto), "
    "p.distrito_codigo, coalesce(dis.nombre, p.distrito_texto), 'GD-' || p.grado_dificultad, "
    "case when p.zaf then 'SI' else 'NO' end, case when p.ze then 'SI' else 'NO' end, p.cantidad, p.sede, "
    "p.presupuesto from lug, " PLAZA_FROM " where " FILTRO " order by " SORT_KEY ", p.id"};

/* $16: profesion | diresa | departamento */
static const db_stmt Q_RESUMEN = {
    "plazas_resumen",
    "with " LUG_CTE ", g as (select case $16::text when 'profesion' then p.profesion_codigo "
    "  when 'diresa' then p.diresa_codigo else p.departamento_codigo::text end as codigo, count(*) as filas, "
    "  sum(p.cantidad) as plazas from plazas p, lug where " FILTRO " group by 1), "
    "n as (select g.*, case $16::text when 'profesion' then (select nombre from profesiones where codigo = g.codigo) "
    "  when 'diresa' then (select nombre from diresas where codigo = g.codigo) "
    "  else (select nombre from departamentos where codigo = g.codigo) end as nombre, "
    "  case $16::text when 'profesion' then (select orden from profesiones where codigo = g.codigo) else 0 end as orden "
    "  from g) "
    "select exists (select 1 from convocatorias where id = $1::bigint), json_build_object('convocatoria_id', $1::bigint, "
    "'por', $16::text, 'items', coalesce((select json_agg(json_build_object('codigo', codigo, 'nombre', nombre, "
    "'filas', filas, 'plazas', plazas) order by orden, codigo nulls last) from n), '[]'::json), "
    "'filas', (select coalesce(sum(filas), 0) from n), 'plazas', (select coalesce(sum(plazas), 0) from n))::text"};

typedef struct filtro {
    const char *p[NFILTRO + 4];   /* statement parameters $1.. */
} filtro;

static const char *bool_param(const char *v, bool *ok)
{
    if (!v) return NULL;
    if (!strcasecmp(v, "true") || !strcasecmp(v, "si") || !strcmp(v, "1")) return "true";
    if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0")) return "false";
    *ok = false;
    return NULL;
}

static const char *text_param(req *r, const char *key, bool *ok)
{
    const char *v = http_query(r, key);
    if (!v) return NULL;
    if (!*v || strlen(v) > 100) *ok = false;
    return v;
}

/* A place filter: an INEI code goes to code_slot, a name to name_slot. */
static void place_param(req *r, const char *key, const char **code_slot, const char **name_slot, bool *ok)
{
    const char *v = text_param(r, key, ok);
    if (!v) return;
    if (strlen(v) == 6 && strspn(v, "0123456789") == 6) *code_slot = v;
    else *name_slot = v;
}

/* Reads the shared filter; false after answering 400. */
static bool read_filter(req *r, const char *conv, filtro *f)
{
    memset(f, 0, sizeof *f);
    bool ok = true;
    f->p[0] = conv;
    const char *mod = http_query(r, "modalidad");
    f->p[1] = mod ? plazas_modalidad(mod) : NULL;
    if (mod && !f->p[1]) ok = false;
    f->p[2] = text_param(r, "profesion", &ok);
    f->p[3] = text_param(r, "diresa", &ok);
    f->p[4] = text_param(r, "institucion", &ok);
    place_param(r, "departamento", &f->p[5], &f->p[6], &ok);
    place_param(r, "provincia", &f->p[7], &f->p[8], &ok);
    place_param(r, "distrito", &f->p[9], &f->p[10], &ok);
    const char *gd = http_query(r, "grado_dificultad");
    if (gd) {
        int g = oferta_grado(gd);
        if (g < 0) ok = false;
        else f->p[11] = arena_printf(r->a, "%d", g);
    }
    f->p[12] = bool_param(http_query(r, "zaf"), &ok);
    f->p[13] = bool_param(http_query(r, "ze"), &ok);
    const char *q = text_param(r, "q", &ok);
    if (q) {
        const char *k = texto_clave(r->a, q);
        if (!k || !*k) ok = false;
        else f->p[14] = arena_printf(r->a, "%%%s%%", k);
    }
    if (!ok)
        problem(r, 400, "PARAMETRO_INVALIDO",
                "Filtro inválido: modalidad es remunerada o equivalente, grado_dificultad de GD-1 a GD-5 (o 1 a 5), "
                "zaf y ze true o false, q contiene letras o dígitos, y los textos tienen de 1 a 100 caracteres.");
    return ok;
}

static const char *read_sort(req *r, bool *ok)
{
    const char *s = http_query(r, "orden");
    if (!s) return "id";
    for (const char *const *it = ORDENES; *it; it++)
        if (!strcmp(*it, s)) return *it;
    *ok = false;
    return NULL;
}

/* ---- cursor: base64url("orden\x1fclave\x1fid") ---- */

static const char *cursor_encode(req *r, const char *orden, const char *sk, const char *id)
{
    const char *raw = arena_printf(r->a, "%s\x1f%s\x1f%s", orden, sk ? sk : "", id);
    size_t n = strlen(raw);
    size_t cap = sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(r->a, cap);
    if (!out) return NULL;
    return sodium_bin2base64(out, cap, (const unsigned char *)raw, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Splits a cursor for this order into its key and id; false if it is not one. */
static bool cursor_decode(req *r, const char *cursor, const char *orden, const char **sk, const char **id)
{
    size_t cap = strlen(cursor), n = 0;
    char *raw = arena_alloc(r->a, cap + 1);
    if (!raw || sodium_base642bin((unsigned char *)raw, cap, cursor, cap, NULL, &n, NULL,
                                  sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    raw[n] = '\0';
    if (memchr(raw, '\0', n)) return false;
    char *a = strchr(raw, '\x1f'), *b = a ? strchr(a + 1, '\x1f') : NULL;
    if (!a || !b) return false;
    *a = *b = '\0';
    if (strcmp(raw, orden) != 0 || !publico_id_valido(b + 1)) return false;
    *sk = a + 1;
    *id = b + 1;
    return true;
}

/* ---- handlers ---- */

static bool convocatoria_param(req *r, const char **id)
{
    *id = route_param(&r->params, "id");
    if (publico_id_valido(*id)) return true;
    problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria.");
    return false;
}

static void not_found(req *r) { problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria."); }

static void export_csv(req *r, filtro *f, const char *orden, const char *conv)
{
    f->p[NFILTRO] = orden;
    PGresult *res = db_exec(r->w->db, r->a, &Q_EXPORTA, NFILTRO + 1, f->p);
    if (!res) { problem_db(r); return; }
    int rows = PQntuples(res);
    if (rows == 0) {
        PGresult *chk = db_exec(r->w->db, r->a, &Q_EXISTE, 1, (const char *[]){conv});
        if (!chk) { problem_db(r); return; }
        if (PQntuples(chk) == 0) { not_found(r); return; }
    }
    sbuf b;
    sbuf_init(&b, r->a, (size_t)rows * 256 + 512);
    sbuf_adds(&b, CSV_COLUMNAS "\r\n");
    for (int i = 0; i < rows; i++) {
        for (int c = 0; c < CSV_NCOLUMNAS; c++) {
            if (c) sbuf_add(&b, ",", 1);
            csv_write_cell(&b, db_val(res, i, c), ',');
        }
        sbuf_adds(&b, "\r\n");
    }
    publico_csv(r, sbuf_cstr(&b), b.len, arena_printf(r->a, "plazas-convocatoria-%s.csv", conv),
                PUBLICO_MAX_AGE_OFERTA);
}

static void plazas_busca_compute(req *r, const char *conv)
{
    filtro f;
    if (!read_filter(r, conv, &f)) return;
    bool ok = true;
    const char *orden = read_sort(r, &ok);
    if (!ok) {
        problem(r, 400, "PARAMETRO_INVALIDO",
                "orden debe ser id, establecimiento, profesion, diresa, departamento, grado_dificultad, "
                "-grado_dificultad, cantidad o -cantidad.");
        return;
    }
    http_set_header(r, "Vary", "Accept");
    if (publico_quiere_csv(r)) { export_csv(r, &f, orden, conv); return; }
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    const char *sk = NULL, *after = NULL;
    if (cursor && !cursor_decode(r, cursor, orden, &sk, &after)) {
        problem(r, 400, "PARAMETRO_INVALIDO", "cursor inválido para este orden.");
        return;
    }
    f.p[NFILTRO] = orden;
    f.p[NFILTRO + 1] = sk;
    f.p[NFILTRO + 2] = after;
    f.p[NFILTRO + 3] = arena_printf(r->a, "%ld", limit);
    PGresult *res = db_exec(r->w->db, r->a, f.p[14] ? &Q_BUSCA_TEXTO : &Q_BUSCA, NFILTRO + 4, f.p);
    if (!res) { problem_db(r); return; }
    if (strcmp(db_val(res, 0, 0), "t") != 0) { not_found(r); return; }
    bool more = !strcmp(db_val(res, 0, 3), "t");
    const char *next = more ? cursor_encode(r, orden, db_val(res, 0, 4), db_val(res, 0, 5)) : NULL;
    const char *body = arena_printf(r->a, "{\"items\":%s,\"next_cursor\":%s%s%s,\"total\":%s}", db_val(res, 0, 2),
                                    next ? "\"" : "", next ? next : "null", next ? "\"" : "", db_val(res, 0, 1));
    publico_json(r, body, PUBLICO_MAX_AGE_OFERTA);
}

static void plazas_busca(req *r)
{
    const char *conv;
    if (!convocatoria_param(r, &conv)) return;
    const char *group = publico_grupo_oferta(r, conv);
    if (publico_cache_answer(r)) return;
    plazas_busca_compute(r, conv);
    publico_cache_store(r, group);
}

static void plazas_resumen_compute(req *r, const char *conv)
{
    filtro f;
    if (!read_filter(r, conv, &f)) return;
    const char *por = http_query(r, "por");
    static const char *const POR[] = {"profesion", "diresa", "departamento", NULL};
    f.p[NFILTRO] = NULL;
    for (const char *const *it = POR; *it && por; it++)
        if (!strcmp(*it, por)) f.p[NFILTRO] = *it;
    if (!f.p[NFILTRO]) {
        problem(r, 400, "PARAMETRO_INVALIDO", "por debe ser profesion, diresa o departamento.");
        return;
    }
    PGresult *res = db_exec(r->w->db, r->a, &Q_RESUMEN, NFILTRO + 1, f.p);
    if (!res) { problem_db(r); return; }
    if (strcmp(db_val(res, 0, 0), "t") != 0) { not_found(r); return; }
    http_set_header(r, "Vary", "Accept");
    const char *json = db_val(res, 0, 1);
    if (!publico_quiere_csv(r)) { publico_json(r, json, PUBLICO_MAX_AGE_OFERTA); return; }
    /* the same rows as CSV: codigo,nombre,filas,plazas */
    jv *root = NULL;
    char err[160];
    json_limits lim = {16 * 1024 * 1024, 8, 1024 * 1024};
    if (json_parse(r->a, json, strlen(json), &lim, &root, err, sizeof err) != 0) { problem_db(r); return; }
    const jv *items = jv_get(root, "items");
    sbuf b;
    sbuf_init(&b, r->a, 4096);
    sbuf_adds(&b, "codigo,nombre,filas,plazas\r\n");
    for (size_t i = 0; items && i < items->n; i++) {
        const char *cols[] = {"codigo", "nombre", "filas", "plazas"};
        for (int c = 0; c < 4; c++) {
            const jv *v = jv_get(items->items[i], cols[c]);
            if (c) sbuf_add(&b, ",", 1);
            if (v && v->t != JV_NULL) csv_write_cell(&b, v->s, ',');
        }
        sbuf_adds(&b, "\r\n");
    }
    publico_csv(r, sbuf_cstr(&b), b.len, arena_printf(r->a, "plazas-resumen-%s-%s.csv", f.p[NFILTRO], conv),
                PUBLICO_MAX_AGE_OFERTA);
}

static void plazas_resumen(req *r)
{
    const char *conv;
    if (!convocatoria_param(r, &conv)) return;
    const char *group = publico_grupo_oferta(r, conv);
    if (publico_cache_answer(r)) return;
    plazas_resumen_compute(r, conv);
    publico_cache_store(r, group);
}

static void plazas_importa(req *r)
{
    const char *conv;
    if (!convocatoria_param(r, &conv)) return;
    const char *mod = http_query(r, "modalidad");
    const char *modalidad = plazas_modalidad(mod);
    if (!modalidad) {
        problem(r, 400, "PARAMETRO_INVALIDO", "Indique ?modalidad=remunerada o ?modalidad=equivalente.");
        return;
    }
    plazas_importar(r, conv, modalidad, r->body, r->body_len);
}

const route plazas_routes[] = {
    {"POST", "/v1/convocatorias/{id}/plazas/importaciones", plazas_importa, ROLE_ADMIN, BODY_CSV, 0},
    {"GET", "/v1/convocatorias/{id}/plazas", plazas_busca, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
    {"GET", "/v1/convocatorias/{id}/plazas/resumen", plazas_resumen, 0, BODY_NONE, 0, ROUTE_POOL_PUBLIC},
};
const size_t plazas_routes_n = ROUTES_N(plazas_routes);

/* ---- serumsd import CONVOCATORIA remunerada|equivalente FILE.csv ---- */

static const db_stmt Q_CONVOCATORIA_POR_CODIGO = {
    "plazas_cli_convocatoria", "select id::text from convocatorias where codigo = $1"};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && n <= 20L * 1048576 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        if (fread(buf, 1, (size_t)n, f) == (size_t)n) { buf[n] = '\0'; *len = (size_t)n; }
        else { free(buf); buf = NULL; }
    }
    fclose(f);
    return buf;
}

int plazas_cli(const config *cfg, int argc, char **argv)
{
    const char *modalidad = argc == 5 ? plazas_modalidad(argv[3]) : NULL;
    if (!modalidad) {
        fprintf(stderr, "usage: serumsd import CONVOCATORIA(e.g. 2026-I) remunerada|equivalente FILE.csv\n");
        return 2;
    }
    size_t len = 0;
    char *body = slurp(argv[4], &len);
    if (!body) { fprintf(stderr, "import: cannot read %s (or larger than 20 MiB)\n", argv[4]); return 1; }
    PGconn *c = PQconnectdb(cfg->database_url);
    int rc = 1;
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "import: cannot connect: %s", PQerrorMessage(c));
    } else {
        arena a;
        arena_init(&a, 1 << 20);
        db d = {0};
        worker_ctx w;
        req r;
        plazas_req_local(&r, &w, &d, &a, cfg, c, "cli");
        PGresult *res = db_exec(&d, &a, &Q_CONVOCATORIA_POR_CODIGO, 1, (const char *[]){argv[2]});
        const char *id = res ? db_val(res, 0, 0) : NULL;
        if (!id) {
            fprintf(stderr, "import: no convocatoria %s\n", argv[2]);
        } else {
            plazas_importar(&r, id, modalidad, body, len);
            fprintf(r.status == 201 ? stdout : stderr, "%.*s\n", (int)r.resp_len, r.resp_body ? r.resp_body : "");
            rc = r.status == 201 ? 0 : 1;
        }
        d.conn = NULL;
        arena_free(&a);
    }
    PQfinish(c);
    free(body);
    return rc;
}
