/* inscripcion_datos.c - the inscription's data access shared by the
 * inscripciones and documentos handlers (see inscripcion_datos.h). Object
 * level authorization lives in the WHERE clause of one query, so another
 * user's id and a missing id look the same (404). */
#include "inscripcion_datos.h"
#include "revision_version.h"
#include "db.h"
#include "documento.h"
#include "fase.h"
#include "texto.h"
#include "problemas.h"
#include "sql_gen.h"
#include "tx.h"
#include "timeutil.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The one mapping of an inscripcion_vista row (sql/inscripciones.sql). */
static void fila_desde(const PGresult *res, int row, insc_fila *f)
{
    f->id = db_field(res, row, "id");
    f->convocatoria_id = db_field(res, row, "convocatoria_id");
    f->convocatoria_codigo = db_field(res, row, "convocatoria_codigo");
    f->convocatoria_tipo = db_field(res, row, "convocatoria_tipo");
    f->estado = db_field(res, row, "estado");
    f->version = PQfnumber(res, "version") >= 0 ? db_field(res, row, "version") : NULL;
    f->usuario_id = db_field(res, row, "usuario_id");
    f->email = db_field(res, row, "email");
    f->tipo_documento = db_field(res, row, "tipo_documento");
    f->numero_documento = db_field(res, row, "numero_documento");
    f->fecha_nacimiento = db_field(res, row, "fecha_nacimiento");
    f->nombres = db_field(res, row, "nombres");
    f->apellido_paterno = db_field(res, row, "apellido_paterno");
    f->apellido_materno = db_field(res, row, "apellido_materno");
    for (int s = 0; s < SEC_N; s++)
        f->secciones[s] = db_field(res, row, insc_seccion_nombre((insc_seccion_id)s));
    f->creado_at = db_field(res, row, "creado_at");
    f->actualizado_at = db_field(res, row, "actualizado_at");
    f->finalizado_at = db_field(res, row, "finalizado_at");
    f->codigo_verificacion = db_field(res, row, "codigo_verificacion");
    f->sha256_datos = db_field(res, row, "sha256_datos");
    f->datos_finalizados = db_field(res, row, "datos_finalizados");
    f->documentos = db_field(res, row, "documentos");
    f->adjudicacion = db_field(res, row, "adjudicacion");
}

int insc_filas(const PGresult *res, insc_fila *f, int max)
{
    int n = PQntuples(res) < max ? PQntuples(res) : max;
    for (int i = 0; i < n; i++) fila_desde(res, i, &f[i]);
    return n;
}

static void no_encontrada(req *r) { problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción."); }

/* Runs q (id, the caller's id, role, scope: the first n) into f; -1 after answering 404 or 5xx. */
static int cargar(req *r, const db_stmt *q, int n, const char *id, insc_fila *f)
{
    if (!texto_id_decimal(id)) {
        no_encontrada(r);
        return -1;
    }
    const char *p[] = {id, arena_printf(r->a, "%lld", r->user->id), r->user->rol_name,
                       r->user->scope[0] ? r->user->scope : NULL};
    PGresult *res = db_exec(r->w->db, r->a, q, n, p);
    if (!res) {
        problema_bd(r);
        return -1;
    }
    if (PQntuples(res) == 0) {
        no_encontrada(r);
        return -1;
    }
    fila_desde(res, 0, f);
    return 0;
}

int insc_cargar_lectura(req *r, const char *id, insc_fila *f)
{
    return cargar(r, &SQL_insc_lectura, 4, id, f);
}

static int editable(req *r, const char *id, insc_fila *f)
{
    if (cargar(r, &SQL_insc_escritura, 2, id, f) != 0) return -1;
    if (strcmp(f->estado, "BORRADOR") != 0) {
        problema(r, P_INSCRIPCION_FINALIZADA, "La inscripción ya fue finalizada y no admite cambios.");
        return -1;
    }
    return fase_exigir(r, f->convocatoria_id, "INSCRIPCION");
}

int insc_cargar_escritura(req *r, const char *id, insc_fila *f)
{
    if (!tx_begin(r)) return -1;
    if (editable(r, id, f) == 0) return 0;
    db_rollback(r->w->db);
    return -1;
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
    if (!res) {
        m.rc = -1;
        return m;
    }
    m.rc = PQntuples(res) > 0 ? 1 : 0;
    if (m.rc == 1 && leer) leer(res, &m);
    return memo_guardar(c, m);
}

static void leer_profesion(const PGresult *res, insc_memo *m)
{
    snprintf(m->profesion.grupo, sizeof m->profesion.grupo, "%s", db_field(res, 0, "grupo"));
    m->profesion.requiere_ppp = !strcmp(db_field(res, 0, "requiere_ppp"), "t");
}
static void leer_exonera(const PGresult *res, insc_memo *m)
{
    m->exonera = !strcmp(db_field(res, 0, "exonera_comprobante"), "t");
}
static void leer_cantidad(const PGresult *res, insc_memo *m) { m->n = atol(db_field(res, 0, "cantidad")); }

static int cat_profesion(void *ud, const char *codigo, insc_profesion *out)
{
    char clave[64];
    snprintf(clave, sizeof clave, "profesion:%s", codigo);
    insc_memo m = buscar(ud, clave, &SQL_insc_cat_profesion, 1, (const char *[]){codigo}, leer_profesion);
    *out = m.profesion;
    return m.rc;
}

static int cat_diresa(void *ud, const char *codigo, bool *exonera)
{
    char clave[64];
    snprintf(clave, sizeof clave, "diresa:%s", codigo);
    insc_memo m = buscar(ud, clave, &SQL_insc_cat_diresa, 1, (const char *[]){codigo}, leer_exonera);
    *exonera = m.exonera;
    return m.rc;
}

static int cat_distrito(void *ud, const char *codigo)
{
    char clave[64];
    snprintf(clave, sizeof clave, "distrito:%s", codigo);
    return buscar(ud, clave, &SQL_insc_cat_distrito, 1, (const char *[]){codigo}, NULL).rc;
}

static int cat_institucion(void *ud, const char *codigo)
{
    char clave[64];
    snprintf(clave, sizeof clave, "institucion:%s", codigo);
    return buscar(ud, clave, &SQL_insc_cat_institucion, 1, (const char *[]){codigo}, NULL).rc;
}

static int cat_plazas(void *ud, const char *profesion, const char *institucion, const char *diresa, long *n)
{
    insc_catalogo_bd *c = ud;
    char clave[160];
    snprintf(clave, sizeof clave, "plazas:%s/%s/%s/%s", c->convocatoria_id, profesion, institucion, diresa);
    const char *p[] = {c->convocatoria_id, profesion, institucion, diresa};
    insc_memo m = buscar(c, clave, &SQL_insc_cat_plazas, 4, p, leer_cantidad);
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

void insc_ctx_init(insc_ctx *ctx, req *r, const insc_fila *f, insc_catalogo_bd *c)
{
    char *hoy = arena_alloc(r->a, 11);
    if (hoy) documento_hoy_lima(config_now(r->w->cfg), hoy);
    *ctx = (insc_ctx){
        .a = r->a, .cat = &c->cat, .hoy = hoy, .fecha_nacimiento = f ? f->fecha_nacimiento : NULL};
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

void insc_escribir_convocatoria(jw *w, const insc_fila *f, bool con_tipo)
{
    jw_key(w, "convocatoria");
    jw_obj(w);
    jw_kint(w, "id", atoll(f->convocatoria_id));
    jw_kstr(w, "codigo", f->convocatoria_codigo);
    if (con_tipo) jw_kstr(w, "tipo", f->convocatoria_tipo);
    jw_end_obj(w);
}

void insc_escribir_postulante(jw *w, const insc_fila *f, bool con_id)
{
    jw_key(w, "postulante");
    jw_obj(w);
    if (con_id) jw_kint(w, "id", atoll(f->usuario_id));
    api_escribir_pares(w, (const char *const[]){"tipo_documento", f->tipo_documento, "numero_documento",
                                                f->numero_documento, "nombres", f->nombres,
                                                "apellido_paterno", f->apellido_paterno, "apellido_materno",
                                                f->apellido_materno, NULL});
    jw_end_obj(w);
}

void insc_escribir_lista_documentos(jw *w, const jv *docs, bool detalle, unsigned requeridos)
{
    jw_key(w, "documentos");
    jw_arr(w);
    for (size_t i = 0; i < docs->n; i++) {
        const jv *d = docs->items[i], *tamano = jv_get(d, "tamano");
        const char *tipo = api_texto(d, "tipo");
        jw_obj(w);
        jw_kstr(w, "tipo", tipo);
        jw_kint(w, "tamano", tamano && tamano->t == JV_NUMBER ? atoll(tamano->s) : 0);
        jw_kstr(w, "sha256", api_texto(d, "sha256"));
        if (detalle) {
            jw_kstr(w, "subido_at", api_texto(d, "subido_at"));
            int k = insc_doc_desde_tipo(tipo);
            jw_kbool(w, "requerido", k >= 0 && (requeridos & INSC_DOC_BIT(k)));
        }
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

static void escribir_documentos(jw *w, const jv *docs, unsigned requeridos)
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

unsigned insc_documentos_bits(const jv *docs)
{
    unsigned bits = 0;
    for (size_t i = 0; i < docs->n; i++) {
        int d = insc_doc_desde_tipo(api_texto(docs->items[i], "tipo"));
        if (d >= 0) bits |= INSC_DOC_BIT(d);
    }
    return bits;
}

const jv *insc_documentos(req *r, const insc_fila *f)
{
    const jv *docs = insc_json_guardado(r, f->documentos);
    if (docs && docs->t == JV_ARRAY) return docs;
    problema(r, P_ERROR_INTERNO, "No se pudo leer la lista de documentos.");
    return NULL;
}

int insc_escribir(req *r, jw *w, const insc_fila *f, insc_catalogo_bd *cat)
{
    const jv *docs = insc_documentos(r, f);
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
    if (ctx.fallo) {
        problema_bd(r);
        return -1;
    }

    jw_obj(w);
    jw_kint(w, "id", atoll(f->id));
    insc_escribir_convocatoria(w, f, false);
    jw_kstr(w, "estado", f->estado);
    if (f->version) jw_kint(w, "version", atoll(f->version));
    insc_escribir_postulante(w, f, true);
    for (int s = 0; s < SEC_N; s++) {
        jw_key(w, insc_seccion_nombre((insc_seccion_id)s));
        insc_escribir_jv(w, secciones[s]);
    }
    escribir_documentos(w, docs, requeridos);
    escribir_faltantes(w, &faltantes);
    jw_key(w, "adjudicacion"); /* plaza, period, informe */
    insc_escribir_jv(w, insc_json_guardado(r, f->adjudicacion));
    api_escribir_pares(w,
                       (const char *const[]){"creado_at", f->creado_at, "actualizado_at", f->actualizado_at,
                                             "finalizado_at", f->finalizado_at, "codigo_verificacion",
                                             f->codigo_verificacion, "sha256_datos", f->sha256_datos, NULL});
    jw_end_obj(w);
    return 0;
}

void insc_responder(req *r, int status, const char *id, insc_catalogo_bd *cat)
{
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0 || revision_version(r, &f) != 0) return;
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    if (insc_escribir(r, w, &f, cat) != 0) return;
    http_send_json(r, status, w);
}
