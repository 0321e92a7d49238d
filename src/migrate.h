/* migrate.h - applies db/migrations/NNNN_name.sql in order, once each, inside
 * one transaction under an advisory lock; refuses a migration whose file
 * changed after it was applied (sha256 checksum). */
#ifndef SERUMS_MIGRATE_H
#define SERUMS_MIGRATE_H

typedef struct migrate_state {
    int count;        /* migrations found on disk */
    char latest[128]; /* name of the newest */
} migrate_state;

/* Reads the directory only (used by /readyz to know what "current" means). */
int migrate_expected(const char *dir, migrate_state *out);
/* Applies pending migrations; 0 ok, -1 error (printed to stderr). */
int migrate_run(const char *conninfo, const char *dir);
#endif
