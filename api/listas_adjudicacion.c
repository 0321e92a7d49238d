/* listas_adjudicacion.c - builds the adjudication lists from one query each
 * and writes them as numbered versions (see listas_adjudicacion.h). The JSON
 * and the CSV come from the same rows: column names are keys and header,
 * integer and boolean columns stay numbers and booleans in JSON. sha256 is
 * the SHA-256 of the CSV file (BOM included). SQL: sql/listas.sql. */
#include "listas_adjudicacion.h"
#include "comun.h"
#include "csv.h"
#include "db.h"
#include "log.h"
#include "sorteo.h"
#include "sql_gen.h"
#include "worker.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23 };

static void items_json(jw *w, PGresult *res)
{
    jw_arr(w);
    for (int i = 0; i < PQntuples(res); i++) {
        jw_obj(w);
        for (int c = 0; c < PQnfields(res); c++) {
            jw_key(w, PQfname(res, c));
            Oid t = PQftype(res, c);
            if (PQgetisnull(res, i, c)) jw_null(w);
            else if (t == OID_BOOL) jw_bool(w, PQgetvalue(res, i, c)[0] == 't');
            else if (t == OID_INT8 || t == OID_INT2 || t == OID_INT4) jw_raw_number(w, PQgetvalue(res, i, c));
            else jw_str(w, PQgetvalue(res, i, c));
        }
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

static void items_csv(sbuf *b, PGresult *res)
{
    sbuf_adds(b, "\xEF\xBB\xBF");
    for (int c = 0; c < PQnfields(res); c++) {
        if (c) sbuf_adds(b, ";");
        csv_write_cell(b, PQfname(res, c), ';');
    }
    sbuf_adds(b, "\r\n");
    for (int i = 0; i < PQntuples(res); i++) {
        for (int c = 0; c < PQnfields(res); c++) {
            if (c) sbuf_adds(b, ";");
            if (!PQgetisnull(res, i, c)) csv_write_cell(b, PQgetvalue(res, i, c), ';');
        }
        sbuf_adds(b, "\r\n");
    }
}

static bool escribir(const char *path, const char *data, size_t len)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path)) {
        remove(tmp);
        return false;
    }
    return true;
}

static bool mkdirs(arena *a, const char *var, const char *conv, const char *tipo, const char **dir)
{
    const char *d[] = {arena_printf(a, "%s/publicaciones", var),
                       arena_printf(a, "%s/publicaciones/%s", var, conv),
                       arena_printf(a, "%s/publicaciones/%s/%s", var, conv, tipo)};
    for (int i = 0; i < 3; i++)
        if (mkdir(d[i], 0755) && errno != EEXIST) return false;
    *dir = d[2];
    return true;
}

/* The one writer: a new version of `tipo` from the rows of res. */
static bool publicar_local(req *r, const char *convocatoria_id, const char *codigo, const char *tipo,
                           PGresult *res)
{
    const char *var = getenv("SERUMS_VAR"), *dir;
    if (!var || !mkdirs(r->a, var, convocatoria_id, tipo, &dir)) return false;
    int version = 1;
    struct stat st;
    while (stat(arena_printf(r->a, "%s/v%d.json", dir, version), &st) == 0) version++;
    sbuf csv;
    sbuf_init(&csv, r->a, 4096);
    items_csv(&csv, res);
    char sha[SORTEO_HEX];
    sorteo_sha256_hex(csv.p, csv.len, sha);
    jw *w = jw_new(r->a);
    if (!w) return false;
    jw_obj(w);
    jw_kstr(w, "convocatoria", codigo);
    jw_kstr(w, "tipo", tipo);
    jw_kint(w, "version", version);
    jw_kstr(w, "publicado_at", api_ahora(r));
    jw_kstr(w, "sha256", sha);
    jw_kint(w, "filas", PQntuples(res));
    jw_key(w, "items");
    items_json(w, res);
    jw_end_obj(w);
    size_t len;
    const char *json = jw_finish(w, &len);
    return json && escribir(arena_printf(r->a, "%s/v%d.csv", dir, version), csv.p, csv.len) &&
           escribir(arena_printf(r->a, "%s/v%d.json", dir, version), json, len);
}

void listas_publicar(req *r, const char *cid, const char *modalidad, bool anulaciones)
{
    db *d = r->w->db;
    PGresult *c = db_exec(d, r->a, &SQL_lista_convocatoria, 1, (const char *[]){cid});
    PGresult *adj = c ? db_exec(d, r->a, &SQL_lista_adjudicados, 2, (const char *[]){cid, modalidad}) : NULL;
    PGresult *anu = adj && anulaciones ? db_exec(d, r->a, &SQL_lista_anulaciones, 1, (const char *[]){cid})
                                       : NULL;
    const char *codigo = c && PQntuples(c) ? db_field(c, 0, "codigo") : NULL;
    bool ok = codigo && adj &&
              publicar_local(r, cid, codigo, arena_printf(r->a, "ADJUDICADOS_%s", modalidad), adj);
    if (ok && anulaciones) ok = anu && publicar_local(r, cid, codigo, "ANULACIONES", anu);
    if (!ok) log_error("listas_publicar failed", "\"convocatoria\":%s,\"errno\":%d", cid, errno);
}
