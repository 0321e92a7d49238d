/* plazas_import.c - the offer-import service (see plazas_import.h):
 * catalogs from the database, the pure reader (domain/oferta.c), then one
 * set-based transaction: lock the convocatoria, drop the modality's rows,
 * record the import, upsert establishments and insert the plazas from one
 * JSON parameter (json_to_recordset), audit, commit. SQL: sql/plazas_import.sql. */
#include "plazas_import.h"
#include "db.h"
#include "fase.h"
#include "sql_gen.h"
#include "texto.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *plazas_modalidad(const char *s)
{
    if (s && !strcasecmp(s, "remunerada")) return "REMUNERADA";
    if (s && !strcasecmp(s, "equivalente")) return "EQUIVALENTE";
    return NULL;
}

static void sha256_hex(const char *body, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)body, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int plazas_importado(const servicio *s, const char *convocatoria_id, const char *modalidad, const char *body,
                     size_t len)
{
    char sha[65];
    sha256_hex(body, len, sha);
    const char *p[] = {convocatoria_id, modalidad, sha};
    PGresult *res = db_exec(s->db, s->a, &SQL_plazas_ultima_importacion, 3, p);
    if (!res) return -1;
    const char *same = db_field(res, 0, "igual");
    return same && !strcmp(same, "t");
}

/* ---- catalogs ---- */

static oferta_ref *refs_of(arena *a, PGresult *res, char kind, size_t *n)
{
    int rows = PQntuples(res);
    oferta_ref *v = arena_calloc(a, (size_t)rows + 1, sizeof *v);
    *n = 0;
    for (int i = 0; v && i < rows; i++) {
        if (db_field(res, i, "tipo")[0] != kind) continue;
        v[*n].codigo = db_field(res, i, "codigo");
        v[*n].nombre = db_field(res, i, "nombre");
        v[*n].nombre_oferta = db_field(res, i, "nombre_oferta");
        (*n)++;
    }
    return v;
}

static bool load_ubigeo(const servicio *s, ubigeo_catalogo *u)
{
    PGresult *lug = db_exec(s->db, s->a, &SQL_plazas_lugares, 0, NULL);
    PGresult *al = lug ? db_exec(s->db, s->a, &SQL_plazas_alias, 0, NULL) : NULL;
    if (!al) return false;
    memset(u, 0, sizeof *u);
    u->n = (size_t)PQntuples(lug);
    u->lugares = arena_calloc(s->a, u->n + 1, sizeof *u->lugares);
    u->nalias = (size_t)PQntuples(al);
    u->alias = arena_calloc(s->a, u->nalias + 1, sizeof *u->alias);
    if (!u->lugares || !u->alias) return false;
    for (size_t i = 0; i < u->n; i++) {
        ubigeo_lugar *l = &u->lugares[i];
        l->nivel = (ubigeo_nivel)atoi(db_field(lug, (int)i, "nivel"));
        l->codigo = db_field(lug, (int)i, "codigo");
        l->padre = db_field(lug, (int)i, "padre");
        l->nombre = db_field(lug, (int)i, "nombre");
        const char *lat = db_field(lug, (int)i, "latitud"), *lon = db_field(lug, (int)i, "longitud");
        l->tiene_coord = lat && lon;
        if (l->tiene_coord) {
            l->lat = strtod(lat, NULL);
            l->lon = strtod(lon, NULL);
        }
    }
    for (size_t i = 0; i < u->nalias; i++) {
        ubigeo_alias *x = &u->alias[i];
        x->nivel = (ubigeo_nivel)atoi(db_field(al, (int)i, "nivel"));
        x->padre = db_field(al, (int)i, "padre");
        x->nombre = db_field(al, (int)i, "nombre");
        x->codigo = db_field(al, (int)i, "codigo");
    }
    return ubigeo_catalogo_listo(u, s->a) == 0;
}

static bool load_catalogs(const servicio *s, oferta_catalogos *cat, ubigeo_catalogo *u)
{
    PGresult *refs = db_exec(s->db, s->a, &SQL_plazas_refs, 0, NULL);
    if (!refs || !load_ubigeo(s, u)) return false;
    memset(cat, 0, sizeof *cat);
    cat->profesiones = refs_of(s->a, refs, 'P', &cat->nprofesiones);
    cat->diresas = refs_of(s->a, refs, 'D', &cat->ndiresas);
    cat->instituciones = refs_of(s->a, refs, 'I', &cat->ninstituciones);
    cat->ubigeo = u;
    return cat->profesiones && cat->diresas && cat->instituciones;
}

/* ---- report ---- */

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

void plazas_importe_miembros(jw *w, void *importe_)
{
    const importe *rep = importe_;
    if (rep->importacion_id) jw_kint(w, "importacion_id", strtoll(rep->importacion_id, NULL, 10));
    jw_kint(w, "convocatoria_id", strtoll(rep->convocatoria_id, NULL, 10));
    jw_kstr(w, "modalidad", rep->modalidad);
    jw_kint(w, "filas_leidas", rep->of.filas_leidas);
    jw_kint(w, "filas_importadas", rep->filas_importadas);
    jw_kint(w, "plazas", rep->plazas);
    if (rep->importacion_id) jw_kint(w, "establecimientos", rep->establecimientos);
    notes(w, "rechazadas", rep->of.rechazadas, rep->of.nrechazadas);
    notes(w, "advertencias", rep->of.advertencias, rep->of.nadvertencias);
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
    if (!has) {
        jw_null(w);
        return;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%.8f", v);
    jw_raw_number(w, buf);
}

/* The valid rows as the JSON array plazas_carga reads. */
static const char *rows_json(arena *a, const oferta_resultado *of)
{
    jw *w = jw_new(a);
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
        jw_kstr(w, "clave", texto_clave(a, f->establecimiento));
        jw_kstr(w, "renipress", f->renipress);
        jw_kint(w, "cantidad", f->cantidad);
        jw_kint(w, "grado", f->grado);
        jw_kbool(w, "zaf", f->zaf);
        jw_kbool(w, "ze", f->ze);
        jw_kbool(w, "cautiva", f->cautiva);
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

static const char *num(arena *a, long long v) { return arena_printf(a, "%lld", v); }

/* The transaction; false on a database failure (rolled back). */
static bool replace_offer(const servicio *s, importe *rep, const char *body, size_t len)
{
    db *d = s->db;
    const oferta_resultado *of = &rep->of;
    const char *rows = rows_json(s->a, of);
    char sha[65];
    sha256_hex(body, len, sha);
    if (!rows || !db_begin(d)) return false;
    const char *cm[] = {rep->convocatoria_id, rep->modalidad};
    PGresult *lock = db_exec(d, s->a, &SQL_plazas_lock, 1, cm);
    PGresult *before = lock ? db_exec(d, s->a, &SQL_plazas_anterior, 2, cm) : NULL;
    PGresult *del = before ? db_exec(d, s->a, &SQL_plazas_borra, 2, cm) : NULL;
    const char *ip[] = {rep->convocatoria_id,
                        rep->modalidad,
                        num(s->a, (long long)of->nfilas),
                        num(s->a, of->plazas),
                        num(s->a, (long long)of->nadvertencias),
                        sha,
                        s->actor};
    PGresult *imp = del ? db_exec(d, s->a, &SQL_plazas_importacion, 7, ip) : NULL;
    rep->importacion_id = imp ? db_field(imp, 0, "id") : NULL;
    const char *cp[] = {rep->convocatoria_id, rep->modalidad, rep->importacion_id, rows};
    PGresult *load = imp ? db_exec(d, s->a, &SQL_plazas_carga, 4, cp) : NULL;
    if (!load) {
        db_rollback(d);
        return false;
    }
    rep->establecimientos = strtol(db_field(load, 0, "establecimientos"), NULL, 10);
    rep->filas_importadas = strtol(db_field(load, 0, "filas"), NULL, 10);
    rep->plazas = strtol(db_field(load, 0, "plazas"), NULL, 10);
    const char *after = arena_printf(
        s->a,
        "{\"importacion_id\":%s,\"modalidad\":\"%s\",\"filas\":%ld,\"plazas\":%ld,"
        "\"advertencias\":%zu,\"sha256\":\"%s\"}",
        rep->importacion_id, rep->modalidad, rep->filas_importadas, rep->plazas, of->nadvertencias, sha);
    if (!servicio_auditar(s, "oferta.importar", "convocatoria", rep->convocatoria_id,
                          db_field(before, 0, "anterior"), after) ||
        !db_exec(d, s->a, &SQL_plazas_avisa, 1, cm) || !db_commit(d)) {
        db_rollback(d);
        return false;
    }
    db_command(d, SQL_plazas_analiza.sql); /* fresh statistics for the searches; not worth failing for */
    return true;
}

/* Refused once either adjudication has begun; false with out->estado set. */
static bool antes_de_adjudicar(const servicio *s, importe *out)
{
    static const char *const FASES[] = {"ADJUDICACION_REMUNERADA", "ADJUDICACION_EQUIVALENTE"};
    for (int i = 0; i < 2; i++) {
        fase_ventana v;
        int found = fase_consultar(s, out->convocatoria_id, FASES[i], &v);
        if (found <= 0) {
            out->estado = found < 0 ? IMPORTE_ERROR_BD : IMPORTE_SIN_CONVOCATORIA;
            return false;
        }
        if (v.iniciada) {
            out->estado = IMPORTE_FASE_INICIADA;
            out->detalle = fase_iniciada_detalle(s->a, FASES[i], &v);
            return false;
        }
    }
    return true;
}

void plazas_importar(const servicio *s, const char *convocatoria_id, const char *modalidad, const char *body,
                     size_t len, importe *out)
{
    memset(out, 0, sizeof *out);
    out->convocatoria_id = convocatoria_id;
    out->modalidad = modalidad;
    if (!antes_de_adjudicar(s, out)) return;
    oferta_catalogos cat;
    ubigeo_catalogo u;
    if (!load_catalogs(s, &cat, &u)) {
        out->estado = IMPORTE_ERROR_BD;
        return;
    }
    if (oferta_lee(s->a, body ? body : "", body ? len : 0, &cat, &out->of) != 0) {
        out->estado = IMPORTE_ARCHIVO;
        return;
    }
    if (out->of.nrechazadas) {
        out->estado = IMPORTE_RECHAZADO;
        return;
    }
    out->estado = replace_offer(s, out, body, len) ? IMPORTE_HECHO : IMPORTE_ERROR_BD;
}
