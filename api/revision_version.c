/* revision_version.c - the inscription's version as GET's ETag (see
 * revision_version.h). SQL: sql/revision.sql (revision_version), used
 * only while inscripcion_vista does not carry the column. */
#include "revision_version.h"
#include "db.h"
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"

int revision_version(req *r, insc_fila *f)
{
    if (!f->version) {
        PGresult *res = db_exec(r->w->db, r->a, &SQL_revision_version, 1, (const char *[]){f->id});
        if (!res || PQntuples(res) != 1) {
            problema_bd(r);
            return -1;
        }
        f->version = db_field(res, 0, "version");
    }
    http_set_header(r, "ETag", arena_printf(r->a, "\"%s\"", f->version));
    return 0;
}
