/* db.c - libpq wrapper. Statements are prepared lazily per connection (the
 * list resets on reconnect); failures record SQLSTATE for the caller to map to
 * a problem (409 for unique violations, 503 when the database is gone). */
#include "db.h"
#include "log.h"
#include <poll.h>
#include <stdio.h>
#include <string.h>

void db_init(db *d, const char *conninfo)
{
    memset(d, 0, sizeof *d);
    d->conninfo = conninfo;
}

void db_close(db *d)
{
    if (d->conn) PQfinish(d->conn);
    d->conn = NULL;
    d->nprepared = 0;
}

bool db_is_down(const db *d) { return d->down; }

bool db_session_open(db *d)
{
    if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) return false;
    /* A closing server sends its FATAL message, then EOF: each read takes one. */
    for (int i = 0; i < 4; i++) {
        struct pollfd p = {.fd = PQsocket(d->conn), .events = POLLIN};
        if (poll(&p, 1, 0) <= 0 || !PQconsumeInput(d->conn)) break;
    }
    return PQstatus(d->conn) == CONNECTION_OK;
}

void db_set_timeouts(db *d, int lock_timeout_ms, int statement_timeout_ms)
{
    d->lock_timeout_ms = lock_timeout_ms;
    d->statement_timeout_ms = statement_timeout_ms;
    db_close(d); /* the next db_ensure applies them */
}

bool db_ensure(db *d)
{
    if (d->conn && PQstatus(d->conn) == CONNECTION_OK) {
        d->down = false;
        return true;
    }
    db_close(d);
    d->conn = PQconnectdb(d->conninfo);
    if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
        if (!d->down) {
            char msg[256];
            log_escape(d->conn ? PQerrorMessage(d->conn) : "out of memory", msg, sizeof msg);
            log_error("db_connect_failed", "\"error\":\"%s\"", msg);
        }
        db_close(d);
        d->down = true;
        return false;
    }
    if (d->down) log_info("db_reconnected", "%s", "");
    d->down = false;
    char sql[192];
    snprintf(sql, sizeof sql,
             "set application_name = 'serumsd'; set timezone = 'UTC'; "
             "set lock_timeout = %d; set statement_timeout = %d",
             d->lock_timeout_ms, d->statement_timeout_ms);
    PGresult *r = PQexec(d->conn, sql);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        log_error("db_session_setup_failed", "%s", "");
        db_close(d);
        d->down = true;
        return false;
    }
    return true;
}

static void clear_result(void *p) { PQclear(p); }

static void record_error(db *d, PGresult *res, const char *what)
{
    d->errors++;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *cons = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL;
    snprintf(d->sqlstate, sizeof d->sqlstate, "%s", state ? state : "");
    snprintf(d->constraint, sizeof d->constraint, "%s", cons ? cons : "");
    if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
        d->down = true;
        db_close(d);
        log_error("db_connection_lost", "\"statement\":\"%s\"", what);
        return;
    }
    /* Constraint violations are expected answers, not faults. */
    if (state && state[0] == '2' && state[1] == '3') return;
    char msg[512];
    log_escape(res ? PQresultErrorMessage(res) : PQerrorMessage(d->conn), msg, sizeof msg);
    log_error("db_error", "\"statement\":\"%s\",\"sqlstate\":\"%s\",\"error\":\"%s\"", what, d->sqlstate,
              msg);
}

static bool is_prepared(db *d, const db_stmt *s)
{
    for (int i = 0; i < d->nprepared; i++)
        if (d->prepared[i] == s) return true;
    return false;
}

static bool prepare(db *d, const db_stmt *s)
{
    if (is_prepared(d, s)) return true;
    if (d->nprepared == DB_MAX_PREPARED) { /* serumsd checks SQL_COUNT at start; never silent */
        log_error("db_too_many_statements", "\"statement\":\"%s\",\"max\":%d", s->name, DB_MAX_PREPARED);
        d->errors++;
        return false;
    }
    PGresult *res = PQprepare(d->conn, s->name, s->sql, 0, NULL);
    bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) record_error(d, res, s->name);
    PQclear(res);
    if (ok) d->prepared[d->nprepared++] = s;
    return ok;
}

PGresult *db_exec_bin(db *d, arena *a, const db_stmt *s, int n, const char *const *vals, const int *lens,
                      const int *fmts)
{
    d->sqlstate[0] = '\0';
    d->constraint[0] = '\0';
    if (!db_ensure(d)) {
        d->errors++;
        return NULL;
    }
    if (!prepare(d, s)) return NULL;
    PGresult *res = PQexecPrepared(d->conn, s->name, n, vals, lens, fmts, 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        record_error(d, res, s->name);
        PQclear(res);
        return NULL;
    }
    if (arena_defer(a, clear_result, res) != 0) {
        PQclear(res);
        return NULL;
    }
    return res;
}

PGresult *db_exec(db *d, arena *a, const db_stmt *s, int n, const char *const *vals)
{
    return db_exec_bin(d, a, s, n, vals, NULL, NULL);
}

bool db_command(db *d, const char *sql)
{
    if (!db_ensure(d)) {
        d->errors++;
        return false;
    }
    PGresult *res = PQexec(d->conn, sql);
    bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) record_error(d, res, sql);
    PQclear(res);
    return ok;
}

bool db_begin(db *d) { return db_command(d, "begin"); }
bool db_commit(db *d) { return db_command(d, "commit"); }

void db_rollback(db *d)
{
    if (d->conn && PQstatus(d->conn) == CONNECTION_OK) {
        PGresult *res = PQexec(d->conn, "rollback");
        PQclear(res);
    }
}

bool db_sqlstate_is(const db *d, const char *state) { return !strcmp(d->sqlstate, state); }
bool db_unique_violation(const db *d) { return db_sqlstate_is(d, "23505"); }

const char *db_val(const PGresult *res, int row, int col)
{
    if (!res || row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col)) return NULL;
    return PQgetvalue(res, row, col);
}

const char *db_field(const PGresult *res, int row, const char *name)
{
    int col = res ? PQfnumber(res, name) : -1;
    return col < 0 ? NULL : db_val(res, row, col);
}
