/* plazas_import.c - loading a MINSA offer file (see plazas_import.h):
 * catalogs from the database, the pure reader (src/oferta.c), then one
 * set-based transaction: lock the convocatoria, drop the modality's rows,
 * record the import, upsert establishments and insert the plazas from one
 * JSON parameter (json_to_recordset), audit, commit. */
#include "plazas_import.h"
#include "audit.h"
#include "db.h"
#include "fase.h"
#include "oferta.h"
#include "texto.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const db_stmt Q_REFS = {
    "plazas_refs",
    "select 'P', codigo, nombre, nombre_oferta from profesiones union all "
    "select 'D', codigo, nombre, nombre_oferta from diresas union all "
    "select 'I', codigo, nombre, nombre_oferta from instituciones"};

static const db_stmt Q_LUGARES = {
    "plazas_lugares",
    "select 1, codigo::text, '', nombre, null::float8, null::float8 from departamentos union all "
    "select 2, codigo::text, departamento_codigo::text, nombre, null, null from provincias union all "
    "select 3, codigo::text, provincia_codigo::text, nombre, latitud, longitud from distritos"};

static const db_stmt Q_ALIAS = {"plazas_alias", "select nivel, padre, nombre, codigo::text from ubigeo_alias"};

static const db_stmt Q_LOCK = {"plazas_lock", "select id from convocatorias where id = $1::bigint for update"};

static const db_stmt Q_ANTERIOR = {
    "plazas_anterior",
    "select json_build_object('importacion_id', max(importacion_id), 'filas', count(*), "
    "'plazas', coalesce(sum(cantidad), 0))::text from plazas where convocatoria_id = $1::bigint and modalidad = $2"};

static const db_stmt Q_BORRA = {
    "plazas_borra", "delete from plazas where convocatoria_id = $1::bigint and modalidad = $2"};

static const db_stmt Q_IMPORTACION = {
    "plazas_importacion",
    "insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256, usuario_id) "
    "values ($1::bigint, $2, $3::int, $4::int, $5::int, $6, $7::bigint) returning id"};

/* Establishments first (one row per RENIPRESS, preferring a row with
 * coordinates), then the plazas; the foreign keys are checked at the end of
 * the statement, when both are in. */
static const db_stmt Q_CARGA = {
    "plazas_carga",
    "with src as (select * from json_to_recordset($4::json) as t(linea int, profesion text, diresa text, "
    "  institucion text, ofertante text, sede text, categoria text, presupuesto text, direccion text, nombre text, clave text, "
    "  renipress text, cantidad int, grado int, zaf boolean, ze boolean, departamento text, provincia text, "
    "  distrito text, departamento_texto text, provincia_texto text, distrito_texto text, latitud float8, "
    "  longitud float8)), "
    "est as (insert into establecimientos as e (renipress, nombre, categoria, direccion, latitud, longitud) "
    "  select distinct on (renipress) renipress, nombre, categoria, direccion, latitud, longitud from src "
    "  order by renipress, latitud is null, linea "
    "  on conflict (renipress) do update set nombre = excluded.nombre, "
    "  categoria = coalesce(excluded.categoria, e.categoria), direccion = coalesce(excluded.direccion, e.direccion), "
    "  latitud = coalesce(excluded.latitud, e.latitud), longitud = coalesce(excluded.longitud, e.longitud), "
    "  actualizado_at = now() returning 1), "
    "ins as (insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, "
    "  renipress, establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, departamento_codigo, provincia_codigo, distrito_codigo, "
    "  departamento_texto, provincia_texto, distrito_texto, sede, presupuesto, institucion_ofertante, "
    "  importacion_id, linea) "
    "  select $1::bigint, $2, profesion, diresa, institucion, renipress, nombre, clave, cantidad, grado, zaf, ze, departamento, "
    "  provincia, distrito, departamento_texto, provincia_texto, distrito_texto, sede, presupuesto, ofertante, "
    "  $3::bigint, linea from src order by linea returning cantidad) "
    "select (select count(*) from est), count(*), coalesce(sum(cantidad), 0) from ins"};

/* A word to every worker's cache of public answers (delivered at commit). */
static const db_stmt Q_AVISA = {"plazas_avisa", "select pg_notify('oferta', $1)"};

static const db_stmt Q_ULTIMA = {
    "plazas_ultima_importacion",
    "select sha256 = $3 from plaza_importaciones where convocatoria_id = $1::bigint and modalidad = $2 "
    "order by id desc limit 1"};

const char *plazas_modalidad(const char *s)
{
    if (s && !strcasecmp(s, "remunerada")) return "REMUNERADA";
    if (s && !strcasecmp(s, "equivalente")) return "EQUIVALENTE";
    return NULL;
}

void plazas_req_local(req *r, worker_ctx *w, db *d, arena *a, const config *cfg, PGconn *conn, const char *request_id)
{
    if (!d->conn) {
        db_init(d, cfg->database_url);
        d->conn = conn;
    }
    memset(w, 0, sizeof *w);
    w->cfg = cfg;
    w->db = d;
    memset(r, 0, sizeof *r);
    r->a = a;
    r->w = w;
    r->method = "POST";
    r->path = "(local)";
    r->request_id = request_id;
}

static void sha256_hex(const char *body, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)body, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int plazas_importado(req *r, const char *convocatoria_id, const char *modalidad, const char *body, size_t len)
{
    char sha[65];
    sha256_hex(body, len, sha);
    const char *p[] = {convocatoria_id, modalidad, sha};
    PGresult *res = db_exec(r->w->db, r->a, &Q_ULTIMA, 3, p);
    if (!res) return -1;
    const char *same = db_val(res, 0, 0);
    return same && !strcmp(same, "t");
}

/* ---- catalogs ---- */

static oferta_ref *refs_of(req *r, PGresult *res, char kind, size_t *n)
{
    int rows = PQntuples(res);
    oferta_ref *v = arena_calloc(r->a, (size_t)rows + 1, sizeof *v);
    *n = 0;
    for (int i = 0; v && i < rows; i++) {
        if (db_val(res, i, 0)[0] != kind) continue;
        v[*n].codigo = db_val(res, i, 1);
        v[*n].nombre = db_val(res, i, 2);
        v[*n].nombre_oferta = db_val(res, i, 3);
        (*n)++;
    }
    return v;
}

static bool load_ubigeo(req *r, ubigeo_catalogo *u)
{
    PGresult *lug = db_exec(r->w->db, r->a, &Q_LUGARES, 0, NULL);
    PGresult *al = lug ? db_exec(r->w->db, r->a, &Q_ALIAS, 0, NULL) : NULL;
    if (!al) return false;
    memset(u, 0, sizeof *u);
    u->n = (size_t)PQntuples(lug);
    u->lugares = arena_calloc(r->a, u->n + 1, sizeof *u->lugares);
    u->nalias = (size_t)PQntuples(al);
    u->alias = arena_calloc(r->a, u->nalias + 1, sizeof *u->alias);
    if (!u->lugares || !u->alias) return false;
    for (size_t i = 0; i < u->n; i++) {
        ubigeo_lugar *l = &u->lugares[i];
        l->nivel = (ubigeo_nivel)atoi(db_val(lug, (int)i, 0));
        l->codigo = db_val(lug, (int)i, 1);
        l->padre = db_val(lug, (int)i, 2);
        l->nombre = db_val(lug, (int)i, 3);
        const char *lat = db_val(lug, (int)i, 4), *lon = db_val(lug, (int)i, 5);
        l->tiene_coord = lat && lon;
        if (l->tiene_coord) { l->lat = strtod(lat, NULL); l->lon = strtod(lon, NULL); }
    }
    for (size_t i = 0; i < u->nalias; i++) {
        ubigeo_alias *x = &u->alias[i];
        x->nivel = (ubigeo_nivel)atoi(db_val(al, (int)i, 0));
        x->padre = db_val(al, (int)i, 1);
        x->nombre = db_val(al, (int)i, 2);
        x->codigo = db_val(al, (int)i, 3);
    }
    return ubigeo_catalogo_listo(u, r->a) == 0;
}

static bool load_catalogs(req *r, oferta_catalogos *cat, ubigeo_catalogo *u)
{
    PGresult *refs = db_exec(r->w->db, r->a, &Q_REFS, 0, NULL);
    if (!refs || !load_ubigeo(r, u)) return false;
    memset(cat, 0, sizeof *cat);
    cat->profesiones = refs_of(r, refs, 'P', &cat->nprofesiones);
    cat->diresas = refs_of(r, refs, 'D', &cat->ndiresas);
    cat->instituciones = refs_of(r, refs, 'I', &cat->ninstituciones);
    cat->ubigeo = u;
    return cat->profesiones && cat->diresas && cat->instituciones;
}

/* ---- report ---- */

typedef struct report {
    const char *importacion_id, *convocatoria_id, *modalidad;
    const oferta_resultado *of;
    long filas_importadas, plazas, establecimientos;
} report;

static void notes(jw *w, const char *key, const oferta_nota *v, size_t n)
{
    jw_key(w, key);
    jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(w);
        jw_kint(w, "linea", v[i].linea);
        jw_kstr(w, "motivo", v[i].motivo);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

static void report_members(jw *w, void *ctx)
{
    const report *rep = ctx;
    if (rep->importacion_id) jw_kint(w, "importacion_id", strtoll(rep->importacion_id, NULL, 10));
    jw_kint(w, "convocatoria_id", strtoll(rep->convocatoria_id, NULL, 10));
    jw_kstr(w, "modalidad", rep->modalidad);
    jw_kint(w, "filas_leidas", rep->of->filas_leidas);
    jw_kint(w, "filas_importadas", rep->filas_importadas);
    jw_kint(w, "plazas", rep->plazas);
    if (rep->importacion_id) jw_kint(w, "establecimientos", rep->establecimientos);
    notes(w, "rechazadas", rep->of->rechazadas, rep->of->nrechazadas);
    notes(w, "advertencias", rep->of->advertencias, rep->of->nadvertencias);
}

/* ---- loading ---- */

static void kstr_or_null(jw *w, const char *k, const char *v)
{
    jw_key(w, k);
    jw_str(w, v);
}

static void kcoord(jw *w, const char *k, bool has, double v)
{
    jw_key(w, k);
    if (!has) { jw_null(w); return; }
    char buf[32];
    snprintf(buf, sizeof buf, "%.8f", v);
    jw_raw_number(w, buf);
}

/* The valid rows as the JSON array Q_CARGA reads. */
static const char *rows_json(req *r, const oferta_resultado *of)
{
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_arr(w);
    for (size_t i = 0; i < of->nfilas; i++) {
        const oferta_fila *f = &of->filas[i];
        jw_obj(w);
        jw_kint(w, "linea", f->linea);
        jw_kstr(w, "profesion", f->profesion);
        jw_kstr(w, "diresa", f->diresa);
        jw_kstr(w, "institucion", f->institucion);
        kstr_or_null(w, "ofertante", f->ofertante);
        kstr_or_null(w, "sede", f->sede);
        kstr_or_null(w, "categoria", f->categoria);
        kstr_or_null(w, "presupuesto", f->presupuesto);
        kstr_or_null(w, "direccion", f->direccion);
        jw_kstr(w, "nombre", f->establecimiento);
        jw_kstr(w, "clave", texto_clave(r->a, f->establecimiento));
        jw_kstr(w, "renipress", f->renipress);
        jw_kint(w, "cantidad", f->cantidad);
        jw_kint(w, "grado", f->grado);
        jw_kbool(w, "zaf", f->zaf);
        jw_kbool(w, "ze", f->ze);
        kstr_or_null(w, "departamento", f->departamento);
        kstr_or_null(w, "provincia", f->provincia);
        kstr_or_null(w, "distrito", f->distrito);
        kstr_or_null(w, "departamento_texto", f->departamento_texto);
        kstr_or_null(w, "provincia_texto", f->provincia_texto);
        kstr_or_null(w, "distrito_texto", f->distrito_texto);
        kcoord(w, "latitud", f->tiene_coord, f->latitud);
        kcoord(w, "longitud", f->tiene_coord, f->longitud);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    size_t len;
    return jw_finish(w, &len);
}

static const char *num(req *r, long long v) { return arena_printf(r->a, "%lld", v); }

/* The transaction; false after answering a problem. */
static bool replace_offer(req *r, report *rep, const char *body, size_t len)
{
    db *d = r->w->db;
    const oferta_resultado *of = rep->of;
    const char *rows = rows_json(r, of);
    char sha[65];
    sha256_hex(body, len, sha);
    const char *user = r->user ? num(r, r->user->id) : NULL;
    if (!rows || !db_begin(d)) { problem_db(r); return false; }
    const char *cm[] = {rep->convocatoria_id, rep->modalidad};
    PGresult *lock = db_exec(d, r->a, &Q_LOCK, 1, cm);
    PGresult *before = lock ? db_exec(d, r->a, &Q_ANTERIOR, 2, cm) : NULL;
    PGresult *del = before ? db_exec(d, r->a, &Q_BORRA, 2, cm) : NULL;
    const char *ip[] = {rep->convocatoria_id, rep->modalidad, num(r, (long long)of->nfilas), num(r, of->plazas),
                        num(r, (long long)of->nadvertencias), sha, user};
    PGresult *imp = del ? db_exec(d, r->a, &Q_IMPORTACION, 7, ip) : NULL;
    rep->importacion_id = imp ? db_val(imp, 0, 0) : NULL;
    const char *cp[] = {rep->convocatoria_id, rep->modalidad, rep->importacion_id, rows};
    PGresult *load = imp ? db_exec(d, r->a, &Q_CARGA, 4, cp) : NULL;
    if (!load) { db_rollback(d); problem_db(r); return false; }
    rep->establecimientos = strtol(db_val(load, 0, 0), NULL, 10);
    rep->filas_importadas = strtol(db_val(load, 0, 1), NULL, 10);
    rep->plazas = strtol(db_val(load, 0, 2), NULL, 10);
    const char *after = arena_printf(r->a,
                                     "{\"importacion_id\":%s,\"modalidad\":\"%s\",\"filas\":%ld,\"plazas\":%ld,"
                                     "\"advertencias\":%zu,\"sha256\":\"%s\"}",
                                     rep->importacion_id, rep->modalidad, rep->filas_importadas, rep->plazas,
                                     of->nadvertencias, sha);
    if (!audit_record(r, "oferta.importar", "convocatoria", rep->convocatoria_id, db_val(before, 0, 0), after) ||
        !db_exec(d, r->a, &Q_AVISA, 1, cm) || !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return false;
    }
    db_command(d, "analyze plazas");   /* fresh statistics for the searches; not worth failing for */
    return true;
}

void plazas_importar(req *r, const char *convocatoria_id, const char *modalidad, const char *body, size_t len)
{
    if (fase_antes_de(r, convocatoria_id, "ADJUDICACION_REMUNERADA") != 0) return;
    if (fase_antes_de(r, convocatoria_id, "ADJUDICACION_EQUIVALENTE") != 0) return;
    oferta_catalogos cat;
    ubigeo_catalogo u;
    if (!load_catalogs(r, &cat, &u)) { problem_db(r); return; }
    oferta_resultado of;
    if (oferta_lee(r->a, body ? body : "", body ? len : 0, &cat, &of) != 0) {
        problem(r, of.status, of.code, of.detail);
        return;
    }
    report rep = {.convocatoria_id = convocatoria_id, .modalidad = modalidad, .of = &of};
    if (of.nrechazadas) {
        problem_ext(r, 422, "OFERTA_CON_ERRORES",
                    arena_printf(r->a, "%zu de %ld filas tienen errores; no se importó ninguna. Corrija las líneas indicadas en rechazadas.",
                                 of.nrechazadas, of.filas_leidas),
                    report_members, &rep);
        return;
    }
    if (!replace_offer(r, &rep, body, len)) return;
    jw *w = jw_new(r->a);
    if (!w) { problem(r, 500, "ERROR_INTERNO", "Sin memoria."); return; }
    jw_obj(w);
    report_members(w, &rep);
    jw_end_obj(w);
    http_send_json(r, 201, w);
}
