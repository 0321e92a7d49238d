/* db.h - the worker's one libpq connection: lazily prepared statements,
 * checked results released with the request arena, transactions, and
 * reconnection after the database comes back. */
#ifndef SERUMS_DB_H
#define SERUMS_DB_H
#include "arena.h"
#include <libpq-fe.h>
#include <stdbool.h>

/* A statement is declared once, statically, next to the code that uses it:
 *   static const db_stmt Q_FIND = {"item_find", "select ... where id = $1"};
 * It is prepared on a connection the first time it runs there. */
typedef struct db_stmt {
    const char *name;
    const char *sql;
} db_stmt;

#define DB_MAX_PREPARED 512

typedef struct db {
    PGconn *conn;
    const char *conninfo;
    const db_stmt *prepared[DB_MAX_PREPARED];
    int nprepared;
    bool down;                 /* last attempt found it unreachable */
    char sqlstate[6];          /* of the last failed statement */
    char constraint[64];       /* constraint name, when the error has one */
    unsigned long long errors; /* count of failed statements (metrics) */
    int lock_timeout_ms;       /* 0 = server default; set on every (re)connect */
    int statement_timeout_ms;
} db;

void db_init(db *d, const char *conninfo);
/* Bounded waits: lock_timeout and statement_timeout for this connection,
 * applied now and after every reconnection. */
void db_set_timeouts(db *d, int lock_timeout_ms, int statement_timeout_ms);
void db_close(db *d);
/* Makes sure the connection is up (reconnects if needed). */
bool db_ensure(db *d);
bool db_is_down(const db *d);
/* Whether the session is still open as far as its socket tells, without a
 * round trip: pending input is read, so a server that closed the connection
 * (shut down, backend terminated) shows here. Never reconnects. */
bool db_session_open(db *d);

/* Executes a prepared statement with text parameters (NULL = SQL NULL).
 * Returns a result with TUPLES_OK or COMMAND_OK that is cleared when the
 * arena resets, or NULL on failure (sqlstate set, error logged). */
PGresult *db_exec(db *d, arena *a, const db_stmt *s, int n, const char *const *vals);
/* Same, with per-parameter lengths and formats (1 = binary, for bytea). */
PGresult *db_exec_bin(db *d, arena *a, const db_stmt *s, int n, const char *const *vals, const int *lens,
                      const int *fmts);
/* Runs a fixed SQL command without parameters (BEGIN, COMMIT...). */
bool db_command(db *d, const char *sql);
bool db_begin(db *d);
bool db_commit(db *d);
void db_rollback(db *d);
bool db_unique_violation(const db *d); /* 23505 */
bool db_sqlstate_is(const db *d, const char *state);

/* Convenience getters: NULL for SQL NULL. */
const char *db_val(const PGresult *res, int row, int col);
const char *db_field(const PGresult *res, int row, const char *name);
#endif
