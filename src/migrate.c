/* migrate.c - plain-SQL migrations with checksums, applied under
 * pg_advisory_xact_lock so concurrent `serumsd migrate` runs serialize. */
#include "migrate.h"
#include "archivo.h"
#include <libpq-fe.h>
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATE_LOCK_KEY "7715301"
#define MAX_MIGRATIONS 512

static int is_migration(const char *name)
{
    size_t n = strlen(name);
    return n > 9 && name[0] >= '0' && name[0] <= '9' && !strcmp(name + n - 4, ".sql") && n < 128;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted list of migration file names (malloc'ed); returns count or -1. */
static int list_migrations(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **names = calloc(MAX_MIGRATIONS, sizeof *names);
    int n = 0;
    struct dirent *e;
    while (names && (e = readdir(d)) && n < MAX_MIGRATIONS)
        if (is_migration(e->d_name)) names[n++] = strdup(e->d_name);
    closedir(d);
    if (!names) return -1;
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    *out = names;
    return n;
}

static void free_list(char **names, int n)
{
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

int migrate_expected(const char *dir, migrate_state *out)
{
    memset(out, 0, sizeof *out);
    char **names;
    int n = list_migrations(dir, &names);
    if (n < 0) return -1;
    out->count = n;
    if (n) snprintf(out->latest, sizeof out->latest, "%s", names[n - 1]);
    free_list(names, n);
    return 0;
}

static void sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static int exec_ok(PGconn *c, const char *sql, const char *what)
{
    PGresult *r = PQexec(c, sql);
    int ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
    if (!ok) fprintf(stderr, "migrate: %s failed: %s", what, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

/* 0 = already applied (same checksum), 1 = pending, -1 = edited or error */
static int applied_state(PGconn *c, const char *name, const char *sum)
{
    const char *p[] = {name};
    PGresult *r = PQexecParams(c, "select checksum from schema_migrations where version = $1", 1, NULL, p,
                               NULL, NULL, 0);
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "migrate: cannot read schema_migrations: %s", PQerrorMessage(c));
        PQclear(r);
        return -1;
    }
    int state = 1;
    if (PQntuples(r) == 1) {
        if (strcmp(PQgetvalue(r, 0, 0), sum) != 0) {
            fprintf(stderr,
                    "migrate: %s was edited after it was applied (checksum %s, applied %s); "
                    "write a new migration instead\n",
                    name, sum, PQgetvalue(r, 0, 0));
            state = -1;
        } else {
            state = 0;
        }
    }
    PQclear(r);
    return state;
}

static int apply_one(PGconn *c, const char *dir, const char *name, int *applied)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *sql = archivo_leer(path, (size_t)1 << 30, &len);
    if (!sql) {
        fprintf(stderr, "migrate: cannot read %s\n", path);
        return -1;
    }
    char sum[65];
    sha256_hex(sql, len, sum);
    int st = applied_state(c, name, sum);
    if (st == 1) {
        if (exec_ok(c, sql, name) != 0) st = -1;
        else {
            const char *p[] = {name, sum};
            PGresult *r = PQexecParams(c, "insert into schema_migrations(version, checksum) values ($1, $2)",
                                       2, NULL, p, NULL, NULL, 0);
            if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) st = -1;
            PQclear(r);
            if (st == 1) {
                printf("migrate: applied %s\n", name);
                (*applied)++;
            }
        }
    }
    free(sql);
    return st < 0 ? -1 : 0;
}

int migrate_run(const char *conninfo, const char *dir)
{
    char **names;
    int n = list_migrations(dir, &names);
    if (n < 0) {
        fprintf(stderr, "migrate: cannot read directory %s\n", dir);
        return -1;
    }
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "migrate: cannot connect: %s", PQerrorMessage(c));
        PQfinish(c);
        free_list(names, n);
        return -1;
    }
    int rc = exec_ok(c,
                     "set client_min_messages = warning; begin; "
                     "select pg_advisory_xact_lock(" MIGRATE_LOCK_KEY "); "
                     "create table if not exists schema_migrations ("
                     " version text primary key, checksum text not null,"
                     " applied_at timestamptz not null default now())",
                     "lock");
    int applied = 0;
    for (int i = 0; rc == 0 && i < n; i++) rc = apply_one(c, dir, names[i], &applied);
    if (rc == 0) rc = exec_ok(c, "commit", "commit");
    else exec_ok(c, "rollback", "rollback");
    if (rc == 0) printf("migrate: %d applied, %d total\n", applied, n);
    PQfinish(c);
    free_list(names, n);
    return rc;
}
