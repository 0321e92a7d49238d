/* pgcopy.c - COPY FROM STDIN from a file, and script execution with checks. */
#include "pgcopy.h"
#include <stdio.h>

int pg_exec_script(PGconn *c, const char *sql, const char *what)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) fprintf(stderr, "%s: %s", what, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

int pg_copy_file(PGconn *c, const char *copy_sql, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    PGresult *r = PQexec(c, copy_sql);
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
        fprintf(stderr, "%s: %s", path, PQerrorMessage(c));
        PQclear(r);
        fclose(f);
        return -1;
    }
    PQclear(r);
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (PQputCopyData(c, buf, (int)n) != 1) {
            rc = -1;
            break;
        }
    fclose(f);
    if (PQputCopyEnd(c, rc ? "read error" : NULL) != 1) rc = -1;
    while ((r = PQgetResult(c))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            fprintf(stderr, "%s: %s", path, PQerrorMessage(c));
            rc = -1;
        }
        PQclear(r);
    }
    return rc;
}
