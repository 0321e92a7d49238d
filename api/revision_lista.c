/* revision_lista.c - the reviewers' list of a convocatoria's finalized
 * inscriptions: filters estado, profesion, modalidad, diresa and q, the
 * caller's DIRESA scope (admin: all), counts by estado, cursor pages in one
 * query whatever the page size, and the same list as CSV (UTF-8 with BOM,
 * ';') for the reviewer's office. SQL: sql/revision.sql. */
#include "revision_lista.h"
#include "csv.h"
#include "db.h"
#include "problemas.h"
#include "routes.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <string.h>

static const char *const ESTADOS[] = {"INSCRITO", "APTO",       "OBSERVADO", "SUBSANADO",
                                      "NO_APTO",  "ADJUDICADO", "ANULADO",   NULL};
static const char *const MODALIDADES[] = {"REMUNERADA", "EQUIVALENTE", NULL};
#define CODIGO "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

typedef struct filtros {
    const char *estado, *profesion, *modalidad, *diresa, *q, *scope;
} filtros;

static bool en(const char *const *valores, const char *s)
{
    for (; *valores; valores++)
        if (!strcmp(*valores, s)) return true;
    return false;
}

static bool codigo_valido(const char *s) { return strlen(s) <= 40 && *s && strspn(s, CODIGO) == strlen(s); }

/* Reads the filters; answers 400 and returns false on a bad one. */
static bool leer_filtros(req *r, filtros *f)
{
    f->estado = http_query(r, "estado");
    f->profesion = http_query(r, "profesion");
    f->modalidad = http_query(r, "modalidad");
    f->diresa = http_query(r, "diresa");
    f->q = http_query(r, "q");
    f->scope = r->user->rol == ROLE_DIRESA ? r->user->scope : NULL;
    const char *malo = NULL;
    if (f->estado && !en(ESTADOS, f->estado))
        malo = "estado: INSCRITO, APTO, OBSERVADO, SUBSANADO, NO_APTO, ADJUDICADO o ANULADO.";
    else if (f->modalidad && !en(MODALIDADES, f->modalidad)) malo = "modalidad: REMUNERADA o EQUIVALENTE.";
    else if (f->profesion && !codigo_valido(f->profesion))
        malo = "profesion: un código del catálogo (MEDICINA...).";
    else if (f->diresa && !codigo_valido(f->diresa)) malo = "diresa: un código del catálogo (CUSCO...).";
    else if (f->q && (strlen(f->q) < 2 || strlen(f->q) > 100)) malo = "q: de 2 a 100 caracteres.";
    if (malo) problema(r, P_PARAMETRO_INVALIDO, malo);
    return !malo;
}

static bool quiere_csv(req *r)
{
    const char *formato = http_query(r, "formato");
    if (formato) return !strcmp(formato, "csv");
    return http_accepts(r, "text/csv");
}

static void pagina_json(req *r, const char *conv, const filtros *f)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (cursor && !texto_id_decimal(cursor)) {
        problema(r, P_PARAMETRO_INVALIDO, "cursor inválido.");
        return;
    }
    const char *p[] = {conv,         f->scope,     f->estado,
                       f->profesion, f->modalidad, f->diresa,
                       f->q,         cursor,       arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_revision_lista, 9, p);
    if (!res) {
        problema_bd(r);
        return;
    }
    if (strcmp(db_field(res, 0, "existe"), "t")) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send_json_text(r, 200, db_field(res, 0, "pagina"));
}

static const char *const COLUMNAS[] = {
    "id",        "estado",    "tipo_documento", "numero_documento", "apellidos_nombres",
    "profesion", "modalidad", "diresa",         "finalizado_at",    "revisado_at",
    NULL};

static void lista_csv(req *r, const char *conv, const filtros *f)
{
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    PGresult *existe = db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3,
                               (const char *[]){conv, "REVISION", now});
    if (!existe) {
        problema_bd(r);
        return;
    }
    if (PQntuples(existe) == 0) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const char *p[] = {conv, f->scope, f->estado, f->profesion, f->modalidad, f->diresa, f->q};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_revision_lista_csv, 7, p);
    if (!res) {
        problema_bd(r);
        return;
    }
    sbuf b;
    sbuf_init(&b, r->a, 256 + (size_t)PQntuples(res) * 160);
    sbuf_add(&b, "\xEF\xBB\xBF", 3);
    for (int row = -1; row < PQntuples(res); row++) {
        for (int c = 0; COLUMNAS[c]; c++) {
            if (c) sbuf_add(&b, ";", 1);
            const char *v = row < 0 ? COLUMNAS[c] : db_field(res, row, COLUMNAS[c]);
            csv_write_cell(&b, v ? v : "", ';');
        }
        sbuf_add(&b, "\r\n", 2);
    }
    if (r->a->failed) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    http_set_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"inscripciones-%s.csv\"", conv));
    http_set_header(r, "Cache-Control", "private, no-store");
    http_send(r, 200, "text/csv; charset=utf-8", b.p, b.len);
}

void revision_lista(req *r)
{
    const char *conv = route_param(&r->params, "id");
    if (!texto_id_decimal(conv)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    filtros f;
    if (!leer_filtros(r, &f)) return;
    const char *formato = http_query(r, "formato");
    if (formato && strcmp(formato, "csv") && strcmp(formato, "json")) {
        problema(r, P_PARAMETRO_INVALIDO, "formato: csv o json.");
        return;
    }
    if (quiere_csv(r)) lista_csv(r, conv, &f);
    else pagina_json(r, conv, &f);
}
