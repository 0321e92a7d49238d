/* documentos.c - the inscription's PDFs: PUT (application/pdf, at most
 * 1,048,576 bytes, structurally a PDF or 415), GET (owner, DIRESA scope,
 * admin; with Content-Disposition) and DELETE, writes only on the owner's
 * draft while INSCRIPCION is open. Stored in PostgreSQL (bytea) with the
 * SHA-256 that the finalized snapshot and the constancia carry. */
#include "api.h"
#include "problemas.h"
#include "tx.h"
#include "inscripcion_datos.h"
#include "subsanar.h"
#include "inscripcion_final.h"
#include "audit.h"
#include "db.h"
#include "pdf_check.h"
#include "worker.h"
#include "sql_gen.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_MAX_BYTES 1048576

/* Upsert, touching the inscription; answers whether it was new and the
 * previous hash (for the audit record). */
/* The {tipo} path parameter; answers 404 when it is not a document type. */
static const char *tipo_valido(req *r)
{
    const char *tipo = route_param(&r->params, "tipo");
    if (insc_doc_desde_tipo(tipo) >= 0) return tipo;
    problema(r, P_TIPO_DOCUMENTO_DESCONOCIDO,
             "Tipo de documento desconocido. Tipos: PPP, ENAM, FFAA, DISCAPACIDAD, RENUNCIA, COMPROBANTE.");
    return NULL;
}

static void documento_subir(req *r)
{
    const char *id = route_param(&r->params, "id"), *tipo = tipo_valido(r);
    if (!tipo) return;
    if (r->body_len > DOC_MAX_BYTES) {
        problema(r, P_CUERPO_DEMASIADO_GRANDE, "El PDF excede el máximo de 1 MiB (1 048 576 bytes).");
        return;
    }
    insc_fila f;
    if (subsanacion_cargar_escritura(r, id, tipo, &f) != 0) return;
    pdf_resultado chk = pdf_check((const unsigned char *)r->body, r->body_len);
    if (chk != PDF_OK) {
        db_rollback(r->w->db);
        problema(r, P_PDF_INVALIDO, pdf_check_mensaje(chk));
        return;
    }
    char sha[65];
    insc_sha256_hex(r->body, r->body_len, sha);
    const char *p[] = {id, tipo, r->body, arena_printf(r->a, "%zu", r->body_len), sha, api_ahora(r)};
    const int lens[] = {0, 0, (int)r->body_len, 0, 0, 0};
    const int fmts[] = {0, 0, 1, 0, 0, 0};
    PGresult *res = db_exec_bin(r->w->db, r->a, &SQL_doc_subir, 6, p, lens, fmts);
    const char *previo = res ? db_field(res, 0, "sha256_previo") : NULL;
    if (!res ||
        !audit_record(r, "inscripcion.documento_subir", "inscripcion", id,
                      previo ? arena_printf(r->a, "{\"tipo\":\"%s\",\"sha256\":\"%s\"}", tipo, previo) : NULL,
                      arena_printf(r->a, "{\"tipo\":\"%s\",\"sha256\":\"%s\",\"tamano\":%zu}", tipo, sha,
                                   r->body_len))) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kstr(w, "tipo", tipo);
    jw_kint(w, "tamano", (long long)r->body_len);
    jw_kstr(w, "sha256", sha);
    jw_kstr(w, "subido_at", db_field(res, 0, "subido_at"));
    jw_end_obj(w);
    http_set_header(r, "Location", arena_printf(r->a, "/v1/inscripciones/%s/documentos/%s", id, tipo));
    http_send_json(r, previo ? 200 : 201, w);
}

/* bytea arrives as text "\x..." (hex): back to bytes in the arena. */
static unsigned char *bytea_desde_hex(req *r, const char *hex, size_t *len)
{
    if (!hex || strncmp(hex, "\\x", 2) != 0) return NULL;
    size_t n = (strlen(hex) - 2) / 2;
    unsigned char *out = arena_alloc(r->a, n ? n : 1);
    if (!out || sodium_hex2bin(out, n, hex + 2, n * 2, NULL, len, NULL) != 0 || *len != n) return NULL;
    return out;
}

static void documento_leer(req *r)
{
    const char *id = route_param(&r->params, "id"), *tipo = tipo_valido(r);
    if (!tipo) return;
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0) return;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_doc_leer, 2, (const char *[]){id, tipo});
    if (!res) {
        problema_bd(r);
        return;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_DOCUMENTO_NO_ENCONTRADO, "La inscripción no tiene ese documento.");
        return;
    }
    size_t len = 0;
    unsigned char *pdf = bytea_desde_hex(r, db_field(res, 0, "contenido"), &len);
    if (!pdf) {
        problema(r, P_ERROR_INTERNO, "No se pudo leer el documento.");
        return;
    }
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"inscripcion-%s-%s.pdf\"", id, tipo));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "application/pdf", (const char *)pdf, len);
}

static void documento_borrar(req *r)
{
    const char *id = route_param(&r->params, "id"), *tipo = tipo_valido(r);
    if (!tipo) return;
    insc_fila f;
    if (subsanacion_cargar_escritura(r, id, tipo, &f) != 0) return;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_doc_borrar, 3, (const char *[]){id, tipo, api_ahora(r)});
    if (res && PQntuples(res) == 0) {
        db_rollback(r->w->db);
        problema(r, P_DOCUMENTO_NO_ENCONTRADO, "La inscripción no tiene ese documento.");
        return;
    }
    if (!res || !audit_record(r, "inscripcion.documento_borrar", "inscripcion", id,
                              arena_printf(r->a, "{\"tipo\":\"%s\",\"sha256\":\"%s\",\"tamano\":%s}", tipo,
                                           db_field(res, 0, "sha256"), db_field(res, 0, "tamano")),
                              NULL)) {
        tx_fail(r);
        return;
    }
    if (!tx_commit(r)) return;
    http_no_content(r);
}

const route documentos_routes[] = {
    {"PUT", "/v1/inscripciones/{id}/documentos/{tipo}", documento_subir, ROLE_POSTULANTE, BODY_PDF,
     DOC_MAX_BYTES},
    {"GET", "/v1/inscripciones/{id}/documentos/{tipo}", documento_leer, ROLES_ANY, BODY_NONE, 0},
    {"DELETE", "/v1/inscripciones/{id}/documentos/{tipo}", documento_borrar, ROLE_POSTULANTE, BODY_NONE, 0},
};
const size_t documentos_routes_n = ROUTES_N(documentos_routes);
