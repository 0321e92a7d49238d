/* validaciones.c - external validations (issue 10,
 * design/revision-publicacion.md): the national team loads an official file
 * (text/csv `tipo_documento,numero_documento,valor`) for one fuente; every
 * finalized inscription of the convocatoria gets CONFORME, DISCREPANCIA
 * (both values kept) or NO_ENCONTRADO, replacing that fuente's earlier
 * results, in one transaction with its audit record (the file's SHA-256).
 * A file with any bad line imports nothing and lists every bad line. The
 * reading and the comparison are domain/validacion.c; SQL:
 * sql/validaciones.sql. */
#include "api.h"
#include "audit.h"
#include "db.h"
#include "inscripcion_datos.h"
#include "problemas.h"
#include "publicacion.h"
#include "sql_gen.h"
#include "texto.h"
#include "validacion.h"
#include "tx.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

typedef struct carga {
    const char *convocatoria_id;
    val_fuente fuente;
    val_archivo archivo;
    char sha256[65];
    long conformes, discrepancias, no_encontrados, sin_inscripcion;
    jw *resultados; /* [{inscripcion_id, resultado, declarado, oficial}] for SQL */
    jw *detalle;    /* the discrepancies, for the answer */
    const char *carga_id;
} carga;

static void rechazadas(jw *w, void *ctx)
{
    const val_archivo *v = ctx;
    jw_key(w, "rechazadas");
    jw_arr(w);
    for (size_t i = 0; i < v->n_errores; i++) {
        jw_obj(w);
        jw_kint(w, "linea", v->errores[i].linea);
        jw_kstr(w, "motivo", v->errores[i].motivo);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

/* Reads the fuente and the file; -1 after answering 400 / 422. */
static int leer(req *r, carga *c)
{
    const char *f = http_query(r, "fuente");
    int fuente = val_fuente_desde_nombre(f);
    if (fuente < 0) {
        problema(r, P_PARAMETRO_INVALIDO, "fuente: COLEGIATURA, ENAM, EVALUACION_SERUMS o PPP.");
        return -1;
    }
    c->fuente = (val_fuente)fuente;
    if (!r->body || r->body_len == 0) {
        problema(r, P_ARCHIVO_VACIO, "El archivo está vacío.");
        return -1;
    }
    if (!texto_utf8_valido(r->body, r->body_len)) {
        problema(r, P_CSV_MALFORMADO, "El archivo no está en UTF-8.");
        return -1;
    }
    if (val_archivo_leer(r->a, r->body, r->body_len, c->fuente, &c->archivo) != 0) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    if (c->archivo.n_errores) {
        problema_ext(r, P_ARCHIVO_CON_ERRORES,
                     c->archivo.n_errores == 1
                         ? "Una línea tiene errores; no se cargó nada. Corríjala (ver rechazadas)."
                         : arena_printf(r->a,
                                        "%zu líneas tienen errores; no se cargó nada. Corrija las líneas "
                                        "indicadas en rechazadas.",
                                        c->archivo.n_errores),
                     rechazadas, &c->archivo);
        return -1;
    }
    pub_sha256_hex(r->body, r->body_len, c->sha256);
    return 0;
}

static void anota(carga *c, const PGresult *decl, int row, val_resultado res, const val_fila *of)
{
    const char *id = db_field(decl, row, "id"), *declarado = db_field(decl, row, "declarado");
    jw_obj(c->resultados);
    jw_key(c->resultados, "inscripcion_id");
    jw_raw_number(c->resultados, id);
    jw_kstr(c->resultados, "resultado", val_resultado_nombre(res));
    jw_kstr(c->resultados, "declarado", declarado);
    jw_kstr(c->resultados, "oficial", of ? of->valor : NULL);
    jw_end_obj(c->resultados);
    if (res != VAL_DISCREPANCIA) return;
    jw_obj(c->detalle);
    jw_key(c->detalle, "inscripcion_id");
    jw_raw_number(c->detalle, id);
    jw_kstr(c->detalle, "tipo_documento", db_field(decl, row, "tipo_documento"));
    jw_kstr(c->detalle, "numero_documento", db_field(decl, row, "numero_documento"));
    jw_kstr(c->detalle, "declarado", declarado);
    jw_kstr(c->detalle, "oficial", of->valor);
    jw_end_obj(c->detalle);
}

/* Compares every declaration with the file; -1 after answering. */
static int comparar(req *r, carga *c)
{
    const char *p[] = {c->convocatoria_id, val_fuente_campo(c->fuente)};
    PGresult *decl = db_exec(r->w->db, r->a, &SQL_validacion_declarados, 2, p);
    bool *usada = arena_calloc(r->a, c->archivo.n + 1, sizeof *usada);
    c->resultados = jw_new(r->a);
    c->detalle = jw_new(r->a);
    if (!decl) {
        problema_bd(r);
        return -1;
    }
    if (!usada || !c->resultados || !c->detalle) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    jw_arr(c->resultados);
    jw_arr(c->detalle);
    for (int row = 0; row < PQntuples(decl); row++) {
        const char *tipo = db_field(decl, row, "tipo_documento"),
                   *numero = db_field(decl, row, "numero_documento");
        const val_fila *of = tipo && numero ? val_archivo_buscar(&c->archivo, tipo, numero) : NULL;
        val_resultado res = val_comparar(c->fuente, db_field(decl, row, "declarado"), of);
        if (of) usada[of - c->archivo.filas] = true;
        if (res == VAL_NO_APLICA) continue;
        c->conformes += res == VAL_CONFORME;
        c->discrepancias += res == VAL_DISCREPANCIA;
        c->no_encontrados += res == VAL_NO_ENCONTRADO;
        anota(c, decl, row, res, of);
    }
    for (size_t i = 0; i < c->archivo.n; i++) c->sin_inscripcion += !usada[i];
    jw_end_arr(c->resultados);
    jw_end_arr(c->detalle);
    return 0;
}

static const char *num(req *r, long v) { return arena_printf(r->a, "%ld", v); }

/* Replaces the fuente's results and audits; -1 after answering. */
static int guardar(req *r, carga *c)
{
    size_t len;
    const char *json = jw_finish(c->resultados, &len);
    if (!json) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    const char *fuente = val_fuente_nombre(c->fuente);
    const char *p[] = {c->convocatoria_id,
                       fuente,
                       c->sha256,
                       num(r, (long)c->archivo.n),
                       num(r, c->conformes),
                       num(r, c->discrepancias),
                       num(r, c->no_encontrados),
                       num(r, c->sin_inscripcion),
                       num(r, (long)r->user->id),
                       api_ahora(r),
                       json};
    if (!tx_begin(r)) return -1;
    PGresult *del = db_exec(r->w->db, r->a, &SQL_validacion_borrar, 2,
                            (const char *[]){c->convocatoria_id, fuente});
    PGresult *ins = del ? db_exec(r->w->db, r->a, &SQL_validacion_registrar, 11, p) : NULL;
    c->carga_id = ins ? db_field(ins, 0, "carga_id") : NULL;
    const char *despues = arena_printf(r->a,
                                       "{\"fuente\":\"%s\",\"sha256\":\"%s\",\"filas\":%zu,\"conformes\":%ld,"
                                       "\"discrepancias\":%ld,\"no_encontrados\":%ld,\"sin_inscripcion\":%ld,"
                                       "\"carga_id\":%s,\"reemplazadas\":%s}",
                                       fuente, c->sha256, c->archivo.n, c->conformes, c->discrepancias,
                                       c->no_encontrados, c->sin_inscripcion,
                                       c->carga_id ? c->carga_id : "null", del ? PQcmdTuples(del) : "0");
    if (!ins || !audit_record(r, "validacion.cargar", "convocatoria", c->convocatoria_id, NULL, despues) ||
        !db_commit(r->w->db)) {
        db_rollback(r->w->db);
        problema_bd(r);
        return -1;
    }
    return 0;
}

static void responder(req *r, carga *c)
{
    size_t len;
    const char *detalle = jw_finish(c->detalle, &len);
    jw *w = jw_new(r->a);
    if (!w || !detalle) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_key(w, "carga_id");
    jw_raw_number(w, c->carga_id);
    jw_kstr(w, "fuente", val_fuente_nombre(c->fuente));
    jw_kstr(w, "sha256", c->sha256);
    jw_kint(w, "filas", (long long)c->archivo.n);
    jw_kint(w, "conformes", c->conformes);
    jw_kint(w, "discrepancias", c->discrepancias);
    jw_kint(w, "no_encontrados", c->no_encontrados);
    jw_kint(w, "sin_inscripcion", c->sin_inscripcion);
    jw_key(w, "detalle_discrepancias");
    jw_raw_number(w, detalle);
    jw_end_obj(w);
    http_send_json(r, 201, w);
}

static void validacion_cargar(req *r)
{
    carga c = {.convocatoria_id = route_param(&r->params, "id")};
    if (!texto_id_decimal(c.convocatoria_id)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    PGresult *existe = db_exec(r->w->db, r->a, &SQL_validacion_resumen, 1,
                               (const char *[]){c.convocatoria_id});
    if (!existe) {
        problema_bd(r);
        return;
    }
    if (strcmp(db_field(existe, 0, "existe"), "t")) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    if (leer(r, &c) != 0 || comparar(r, &c) != 0 || guardar(r, &c) != 0) return;
    responder(r, &c);
}

const route validaciones_routes[] = {
    {"POST", "/v1/convocatorias/{id}/validaciones", validacion_cargar, ROLE_ADMIN, BODY_CSV, 0},
};
const size_t validaciones_routes_n = ROUTES_N(validaciones_routes);
