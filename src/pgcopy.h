/* pgcopy.h - streams a file into PostgreSQL with COPY ... FROM STDIN, for
 * seeds and bulk loads run from the command line (not from requests). */
#ifndef SERUMS_PGCOPY_H
#define SERUMS_PGCOPY_H
#include <libpq-fe.h>

/* Runs copy_sql (a COPY ... FROM STDIN) feeding it the file; 0 ok, -1 error (printed). */
int pg_copy_file(PGconn *c, const char *copy_sql, const char *path);
/* Runs a parameterless SQL script; 0 ok, -1 error (printed). */
int pg_exec_script(PGconn *c, const char *sql, const char *what);
#endif
