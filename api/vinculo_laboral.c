/* vinculo_laboral.c - the vínculo laboral accreditation (issue 10,
 * design/revision-publicacion.md): an equivalente postulante who claims
 * categoria VINCULO_LABORAL uploads its PDF (application/pdf, at most
 * 1,048,576 bytes) in the accreditation window: after the preliminary
 * list, from the start of SUBSANACION (of PUBLICACION_APTOS when there is no
 * SUBSANACION) until PUBLICACION_FINAL begins (cronograma 2023-II puts it
 * between the two; a cronograma without a gap still gets a window); reviewers read it and mark the requisito
 * VINCULO_LABORAL. SQL: sql/vinculo_laboral.sql. */
#include "api.h"
#include "audit.h"
#include "db.h"
#include "inscripcion_datos.h"
#include "pdf_check.h"
#include "problemas.h"
#include "publicacion.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "tx.h"
#include "worker.h"
#include <string.h>

#define VINCULO_MAX_BYTES 1048576

static bool es_verdad(const char *v) { return v && !strcmp(v, "t"); }

/* The phase row of `fase` at now; NULL after answering. */
static PGresult *fase(req *r, const char *conv, const char *nombre)
{
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3, (const char *[]){conv, nombre, now});
    if (!res) problema_bd(r);
    return res;
}

/* 0 inside the accreditation window; else answers 409 and returns -1. */
static int ventana(req *r, const char *conv)
{
    PGresult *sub = fase(r, conv, "SUBSANACION"), *apt = sub ? fase(r, conv, "PUBLICACION_APTOS") : NULL;
    PGresult *fin = apt ? fase(r, conv, "PUBLICACION_FINAL") : NULL;
    if (!fin) return -1;
    bool hay_sub = db_field(sub, 0, "inicia_lima") != NULL;
    bool abierta = es_verdad(db_field(hay_sub ? sub : apt, 0, "iniciada"));
    if (abierta && !es_verdad(db_field(fin, 0, "iniciada"))) return 0;
    problema(r, P_FUERA_DE_FASE,
             "El vínculo laboral se acredita desde la subsanación hasta antes de la "
             "publicación final.");
    return -1;
}

/* In the open transaction: checks and stores; -1 after answering. */
static int subir(req *r, const char *id, PGresult **res)
{
    const char *uid = arena_printf(r->a, "%lld", r->user->id);
    PGresult *ctx = db_exec(r->w->db, r->a, &SQL_vinculo_contexto, 2, (const char *[]){id, uid});
    if (!ctx) {
        problema_bd(r);
        return -1;
    }
    if (PQntuples(ctx) == 0) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
        return -1;
    }
    const char *estado = db_field(ctx, 0, "estado");
    if (!strcmp(estado, "BORRADOR")) {
        problema(r, P_INSCRIPCION_NO_FINALIZADA,
                 "El vínculo laboral se acredita con la inscripción finalizada.");
        return -1;
    }
    if (!es_verdad(db_field(ctx, 0, "declara_vinculo"))) {
        problema(r, P_CONFLICTO,
                 "Solo quien postula a la modalidad equivalente con categoría VINCULO_LABORAL "
                 "acredita un vínculo laboral.");
        return -1;
    }
    if (ventana(r, db_field(ctx, 0, "convocatoria_id")) != 0) return -1;
    pdf_resultado chk = pdf_check((const unsigned char *)r->body, r->body_len);
    if (chk != PDF_OK) {
        problema(r, P_PDF_INVALIDO, pdf_check_mensaje(chk));
        return -1;
    }
    char sha[65];
    pub_sha256_hex(r->body, r->body_len, sha);
    const char *p[] = {id, r->body, arena_printf(r->a, "%zu", r->body_len), sha, api_ahora(r)};
    const int lens[] = {0, (int)r->body_len, 0, 0, 0};
    const int fmts[] = {0, 1, 0, 0, 0};
    *res = db_exec_bin(r->w->db, r->a, &SQL_vinculo_subir, 5, p, lens, fmts);
    const char *previo = *res ? db_field(*res, 0, "previo") : NULL;
    if (!*res || !audit_record(r, "inscripcion.vinculo_laboral", "inscripcion", id,
                               previo ? arena_printf(r->a, "{\"sha256\":\"%s\"}", previo) : NULL,
                               arena_printf(r->a, "{\"sha256\":\"%s\",\"tamano\":%zu}", sha, r->body_len))) {
        problema_bd(r);
        return -1;
    }
    return 0;
}

static void vinculo_subir(req *r)
{
    const char *id = route_param(&r->params, "id");
    if (!texto_id_decimal(id)) {
        problema(r, P_INSCRIPCION_NO_ENCONTRADA, "No existe la inscripción.");
        return;
    }
    if (r->body_len > VINCULO_MAX_BYTES) {
        problema(r, P_CUERPO_DEMASIADO_GRANDE, "El PDF excede el máximo de 1 MiB (1 048 576 bytes).");
        return;
    }
    PGresult *res = NULL;
    if (!tx_begin(r)) return;
    if (subir(r, id, &res) != 0) {
        db_rollback(r->w->db);
        return;
    }
    if (!tx_commit(r)) return;
    jw *w = jw_new(r->a);
    if (!w) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    jw_obj(w);
    jw_kstr(w, "tipo", "VINCULO_LABORAL");
    jw_kint(w, "tamano", (long long)r->body_len);
    jw_kstr(w, "sha256", db_field(res, 0, "sha256"));
    jw_end_obj(w);
    http_send_json(r, db_field(res, 0, "previo") ? 200 : 201, w);
}

static void vinculo_leer(req *r)
{
    const char *id = route_param(&r->params, "id");
    insc_fila f;
    if (insc_cargar_lectura(r, id, &f) != 0) return;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_vinculo_leer, 1, (const char *[]){id});
    if (!res) {
        problema_bd(r);
        return;
    }
    if (PQntuples(res) == 0) {
        problema(r, P_DOCUMENTO_NO_ENCONTRADO, "No se acreditó un vínculo laboral.");
        return;
    }
    size_t len;
    unsigned char *pdf = PQunescapeBytea((const unsigned char *)db_field(res, 0, "contenido"), &len);
    if (!pdf || arena_defer(r->a, PQfreemem, pdf) != 0) {
        if (pdf) PQfreemem(pdf);
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    http_set_header(r, "ETag", arena_printf(r->a, "\"%s\"", db_field(res, 0, "sha256")));
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"vinculo-laboral-%s.pdf\"", id));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "application/pdf", (const char *)pdf, len);
}

const route vinculo_laboral_routes[] = {
    {"PUT", "/v1/inscripciones/{id}/vinculo-laboral", vinculo_subir, ROLE_POSTULANTE, BODY_PDF, 0},
    {"GET", "/v1/inscripciones/{id}/vinculo-laboral", vinculo_leer, ROLES_ANY, BODY_NONE, 0},
};
const size_t vinculo_laboral_routes_n = ROUTES_N(vinculo_laboral_routes);
