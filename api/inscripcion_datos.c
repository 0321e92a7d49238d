/* inscripcion_datos.c - the inscription's data access shared by the
 * inscripciones and documentos handlers (see inscripcion_datos.h). Object
 * level authorization lives in the WHERE clause of one query, so another
 * user's id and a missing id look the same (404). */
#include "inscripcion_datos.h"
#include "db.h"
#include "documento.h"
#include "fase.h"
#include "timeutil.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define INSC_COLUMNAS                                                                                            \
    "i.id, i.convocatoria_id, c.codigo, c.tipo, i.estado, u.id, u.email, u.tipo_documento, u.numero_documento, " \
    "u.fecha_nacimiento::text, u.nombres, u.apellido_paterno, u.apellido_materno, "                              \
    "i.datos_personales::text, i.datos_profesionales::text, i.datos_postulacion::text, "                        \
    "i.declaracion_jurada::text, " INSC_TS("i.creado_at") ", " INSC_TS("i.actualizado_at") ", " INSC_TS("i.finalizado_at") ", " \
    "i.codigo_verificacion, i.sha256_datos, i.datos_finalizados::text "                                          \
    "from inscripciones i join convocatorias c on c.id = i.convocatoria_id join usuarios u on u.id = i.usuario_id "

static const db_stmt Q_LECTURA = {
    "insc_lectura",
    "select " INSC_COLUMNAS
    "where i.id = $1::bigint and (i.usuario_id = $2::bigint or $3::text = 'admin' "
    "      or ($3::text = 'diresa' and i.diresa_codigo = $4::text))"};

static const db_stmt Q_ESCRITURA = {
    "insc_escritura",
    "select " INSC_COLUMNAS "where i.id = $1::bigint and i.usuario_id = $2::bigint for update of i"};

static const db_stmt Q_DOCUMENTOS = {
    "insc_documentos",
    "select tipo, tamano, sha256, " INSC_TS("subido_at") " from inscripcion_documentos "
    "where inscripcion_id = $1::bigint order by tipo"};

static const db_stmt Q_PROFESION = {"insc_cat_profesion",
                                    "select grupo, requiere_ppp from profesiones where codigo = $1"};
static const db_stmt Q_DIRESA = {"insc_cat_diresa", "select exonera_comprobante from diresas where codigo = $1"};
static const db_stmt Q_DISTRITO = {"insc_cat_distrito", "select 1 from distritos where codigo = $1"};
static const db_stmt Q_INSTITUCION = {"insc_cat_institucion", "select 1 from instituciones where codigo = $1"};
static const db_stmt Q_PLAZAS = {
    "insc_cat_plazas",
    "select coalesce(sum(cantidad), 0) from plazas where convocatoria_id = $1::bigint and modalidad = 'REMUNERADA' "
    "and profesion_codigo = $2 and institucion_codigo = $3 and diresa_codigo = $4"};

static void fila_desde(const PGresult *res, insc_fila *f)
{
    int c = 0;
    f->id = db_val(res, 0, c++);
    f->convocatoria_id = db_val(res, 0, c++);
    f->convocatoria_codigo = db_val(res, 0, c++);
    f->convocatoria_tipo = db_val(res, 0, c++);
    f->estado = db_val(res, 0, c++);
    f->usuario_id = db_val(res, 0, c++);
    f->email = db_val(res, 0, c++);
    f->tipo_documento = db_val(res, 0, c++);
    f->numero_documento = db_val(res, 0, c++);
    f->fecha_nacimiento = db_val(res, 0, c++);
    f->nombres = db_val(res, 0, c++);
    f->apellido_paterno = db_val(res, 0, c++);
    f->apellido_materno = db_val(res, 0, c++);
    for (int s = 0; s < SEC_N; s++) f->secciones[s] = db_val(res, 0, c++);
    f->creado_at = db_val(res, 0, c++);
    f->actualizado_at = db_val(res, 0, c++);
    f->finalizado_at = db_val(res, 0, c++);
    f->codigo_verificacion = db_val(res, 0, c++);
    f->sha256_datos = db_val(res, 0, c++);
    f->datos_finalizados = db_val(res, 0, c++);
}

static bool id_valido(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n > 0 && n <= 18 && strspn(id, "0123456789") == n;
}

static void no_encontrada(req *r) { problem(r, 404, "INSCRIPCION_NO_ENCONTRADA", "No existe la inscripción."); }

int insc_cargar_lectura(req *r, const char *id, insc_fila *f)
{
    if (!id_valido(id)) { no_encontrada(r); return -1; }
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", r->user->id);
    const char *p[] = {id, uid, r->user->rol_name, r->user->scope[0] ? r->user->scope : NULL};
    PGresult *res = db_exec(r->w->db, r->a, &Q_LECTURA, 4, p);
    if (!res) { problem_db(r); return -1; }
    if (PQntuples(res) == 0) { no_encontrada(r); return -1; }
    fila_desde(res, f);
    return 0;
}

int insc_cargar_escritura(req *r, const char *id, insc_fila *f)
{
    if (!id_valido(id)) { no_encontrada(r); return -1; }
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", r->user->id);
    const char *p[] = {id, uid};
    PGresult *res = db_exec(r->w->db, r->a, &Q_ESCRITURA, 2, p);
    if (!res) { problem_db(r); return -1; }
    if (PQntuples(res) == 0) { no_encontrada(r); return -1; }
    fila_desde(res, f);
    if (strcmp(f->estado, "BORRADOR") != 0) {
        problem(r, 409, "INSCRIPCION_FINALIZADA", "La inscripción ya fue finalizada y no admite cambios.");
        return -1;
    }
    return fase_exigir(r, f->convocatoria_id, "INSCRIPCION");
}

/* ---- catalogs over the database, memoized ---- */

static const insc_memo *memo_buscar(const insc_catalogo_bd *c, const char *clave)
{
    for (int i = 0; i < c->nmemo; i++)
        if (!strcmp(c->memo[i].clave, clave)) return &c->memo[i];
    return NULL;
}

/* Remembers an answer (when there is room) and returns it. */
static insc_memo memo_guardar(insc_catalogo_bd *c, insc_memo m)
{
    if (c->nmemo < INSC_MEMO) c->memo[c->nmemo++] = m;
    return m;
}

/* One lookup of `clave`: the memo, else the query; rc 1 found, 0 unknown,
 * -1 database failure (not remembered). */
static insc_memo buscar(insc_catalogo_bd *c, const char *clave, const db_stmt *q, int n, const char *const *p,
                        void (*leer)(const PGresult *res, insc_memo *m))
{
    const insc_memo *hit = memo_buscar(c, clave);
    if (hit) return *hit;
    insc_memo m;
    memset(&m, 0, sizeof m);
    snprintf(m.clave, sizeof m.clave, "%s", clave);
    PGresult *res = db_exec(c->r->w->db, c->r->a, q, n, p);
    if (!res) { m.rc = -1; return m; }
    m.rc = PQntuples(res) > 0 ? 1 : 0;
    if (m.rc == 1 && leer) leer(res, &m);
    return memo_guardar(c, m);
}

static void leer_profesion(const PGresult *res, insc_memo *m)
{
    snprintf(m->profesion.grupo, sizeof m->profesion.grupo, "%s", db_val(res, 0, 0));
    m->profesion.requiere_ppp = !strcmp(db_val(res, 0, 1), "t");
}
static void leer_exonera(const PGresult *res, insc_memo *m) { m->exonera = !strcmp(db_val(res, 0, 0), "t"); }
static void leer_cantidad(const PGresult *res, insc_memo *m) { m->n = atol(db_val(res, 0, 0)); }

static int cat_profesion(void *ud, const char *codigo, insc_profesion *out)
{
    char clave[64];
    snprintf(clave, sizeof clave, "profesion:%s", codigo);
    insc_memo m = buscar(ud, clave, &Q_PROFESION, 1, (const char *[]){codigo}, leer_profesion);
    *out = m.profesion;
    return m.rc;
}

static int cat_diresa(void *ud, const char *codigo, bool *exonera)
{
    char clave[64];
    snprintf(clave, sizeof clave, "diresa:%s", codigo);
    insc_memo m = buscar(ud, clave, &Q_DIRESA, 1, (const char *[]){codigo}, leer_exonera);
    *exonera = m.exonera;
    return m.rc;
}

static int cat_distrito(void *ud, const char *codigo)
{
    char clave[64];
    snprintf(clave, sizeof clave, "distrito:%s", codigo);
    return buscar(ud, clave, &Q_DISTRITO, 1, (const char *[]){codigo}, NULL).rc;
}

static int cat_institucion(void *ud, const char *codigo)
{
    char clave[64];
    snprintf(clave, sizeof clave, "institucion:%s", codigo);
    return buscar(ud, clave, &Q_INSTITUCION, 1, (const char *[]){codigo}, NULL).rc;
}

static int cat_plazas(void *ud, const char *profesion, const char *institucion, const char *diresa, long *n)
{
    insc_catalogo_bd *c = ud;
    char clave[160];
    snprintf(clave, sizeof clave, "plazas:%s/%s/%s", profesion, institucion, diresa);
    const char *p[] = {c->convocatoria_id, profesion, institucion, diresa};
    insc_memo m = buscar(c, clave, &Q_PLAZAS, 4, p, leer_cantidad);
    *n = m.n;
    return m.rc;
}

void insc_catalogo_bd_init(insc_catalogo_bd *c, req *r, const char *convocatoria_id)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->convocatoria_id = convocatoria_id;
    c->cat = (insc_catalogo){c, cat_profesion, cat_diresa, cat_distrito, cat_institucion, cat_plazas};
}

/* ---- context and JSON ---- */

const char *insc_ahora(req *r)
{
    char *now = arena_alloc(r->a, 32);
    if (now) time_format_rfc3339(config_now(r->w->cfg), now);
    return now;
}

void insc_hora_lima(time_t t, char out[20])
{
    time_t l = t - 5 * 3600;
    struct tm tm;
    gmtime_r(&l, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void insc_ctx_init(insc_ctx *ctx, req *r, const insc_fila *f, insc_catalogo_bd *c)
{
    char *hoy = arena_alloc(r->a, 11);
    if (hoy) documento_hoy_lima(config_now(r->w->cfg), hoy);
    *ctx = (insc_ctx){.a = r->a, .cat = &c->cat, .hoy = hoy, .fecha_nacimiento = f ? f->fecha_nacimiento : NULL};
}

const jv *insc_json_guardado(req *r, const char *texto)
{
    if (!texto) return NULL;
    static const json_limits LIM = {4 * 1024 * 1024, 64, 4 * 1024 * 1024};
    jv *v = NULL;
    char err[160];
    return json_parse(r->a, texto, strlen(texto), &LIM, &v, err, sizeof err) == 0 ? v : NULL;
}

void insc_escribir_jv(jw *w, const jv *v)
{
    switch (v ? v->t : JV_NULL) {
    case JV_NULL: jw_null(w); break;
    case JV_BOOL: jw_bool(w, v->b); break;
    case JV_NUMBER: jw_raw_number(w, v->s); break;
    case JV_STRING: jw_strn(w, v->s, v->len); break;
    case JV_ARRAY:
        jw_arr(w);
        for (size_t i = 0; i < v->n; i++) insc_escribir_jv(w, v->items[i]);
        jw_end_arr(w);
        break;
    case JV_OBJECT:
        jw_obj(w);
        for (size_t i = 0; i < v->n; i++) {
            jw_key(w, v->keys[i]);
            insc_escribir_jv(w, v->items[i]);
        }
        jw_end_obj(w);
        break;
    }
}

static void escribir_postulante(jw *w, const insc_fila *f)
{
    jw_key(w, "postulante");
    jw_obj(w);
    jw_kint(w, "id", atoll(f->usuario_id));
    jw_kstr(w, "tipo_documento", f->tipo_documento);
    jw_kstr(w, "numero_documento", f->numero_documento);
    jw_kstr(w, "nombres", f->nombres);
    jw_kstr(w, "apellido_paterno", f->apellido_paterno);
    jw_kstr(w, "apellido_materno", f->apellido_materno);
    jw_end_obj(w);
}

void insc_escribir_lista_documentos(jw *w, const PGresult *docs, bool detalle, unsigned requeridos)
{
    jw_key(w, "documentos");
    jw_arr(w);
    for (int i = 0; i < PQntuples(docs); i++) {
        jw_obj(w);
        jw_kstr(w, "tipo", db_val(docs, i, 0));
        jw_kint(w, "tamano", atoll(db_val(docs, i, 1)));
        jw_kstr(w, "sha256", db_val(docs, i, 2));
        if (detalle) {
            jw_kstr(w, "subido_at", db_val(docs, i, 3));
            int d = insc_doc_desde_tipo(db_val(docs, i, 0));
            jw_kbool(w, "requerido", d >= 0 && (requeridos & INSC_DOC_BIT(d)));
        }
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

static void escribir_documentos(jw *w, const PGresult *docs, unsigned requeridos)
{
    insc_escribir_lista_documentos(w, docs, true, requeridos);
    jw_key(w, "documentos_requeridos");
    jw_arr(w);
    for (int d = 0; d < DOC_N; d++)
        if (requeridos & INSC_DOC_BIT(d)) jw_str(w, insc_doc_tipo((insc_doc)d));
    jw_end_arr(w);
}

static void escribir_faltantes(jw *w, const verr *e)
{
    jw_key(w, "faltantes");
    jw_verr(w, e);
    jw_kbool(w, "completa", e->n == 0);
}

unsigned insc_documentos_bits(const PGresult *docs)
{
    unsigned bits = 0;
    for (int i = 0; i < PQntuples(docs); i++) {
        int d = insc_doc_desde_tipo(db_val(docs, i, 0));
        if (d >= 0) bits |= INSC_DOC_BIT(d);
    }
    return bits;
}

PGresult *insc_documentos(req *r, const char *id)
{
    PGresult *docs = db_exec(r->w->db, r->a, &Q_DOCUMENTOS, 1, (const char *[]){id});
    if (!docs) problem_db(r);
    return docs;
}

int insc_escribir(req *r, jw *w, const insc_fila *f, insc_catalogo_bd *cat)
{
    PGresult *docs = insc_documentos(r, f->id);
    if (!docs) return -1;
    unsigned subidos = insc_documentos_bits(docs);
    const jv *secciones[SEC_N];
    for (int s = 0; s < SEC_N; s++) secciones[s] = insc_json_guardado(r, f->secciones[s]);
    insc_catalogo_bd propio;
    if (!cat) {
        insc_catalogo_bd_init(&propio, r, f->convocatoria_id);
        cat = &propio;
    }
    insc_ctx ctx;
    insc_ctx_init(&ctx, r, f, cat);
    verr faltantes;
    verr_init(&faltantes, r->a);
    unsigned requeridos = 0;
    insc_faltantes(secciones, subidos, &ctx, &faltantes, &requeridos);
    if (ctx.fallo) { problem_db(r); return -1; }

    jw_obj(w);
    jw_kint(w, "id", atoll(f->id));
    jw_key(w, "convocatoria");
    jw_obj(w);
    jw_kint(w, "id", atoll(f->convocatoria_id));
    jw_kstr(w, "codigo", f->convocatoria_codigo);
    jw_end_obj(w);
    jw_kstr(w, "estado", f->estado);
    escribir_postulante(w, f);
    for (int s = 0; s < SEC_N; s++) {
        jw_key(w, insc_seccion_nombre((insc_seccion_id)s));
        insc_escribir_jv(w, secciones[s]);
    }
    escribir_documentos(w, docs, requeridos);
    escribir_faltantes(w, &faltantes);
    jw_kstr(w, "creado_at", f->creado_at);
    jw_kstr(w, "actualizado_at", f->actualizado_at);
    jw_kstr(w, "finalizado_at", f->finalizado_at);
    jw_kstr(w, "codigo_verificacion", f->codigo_verificacion);
    jw_kstr(w, "sha256_datos", f->sha256_datos);
    jw_end_obj(w);
    return 0;
}

void insc_responder(req *r, int status, const char *id, insc_catalogo_bd *cat)
{
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0) return;
    jw *w = jw_new(r->a);
    if (!w) { problem(r, 500, "ERROR_INTERNO", "Sin memoria."); return; }
    if (insc_escribir(r, w, &f, cat) != 0) return;
    http_send_json(r, status, w);
}
