/* cmd.h - the serumsd subcommands that work on the database (seed, user,
 * import) and what they share: a session of their own (connection, memory,
 * a service context acting as the system). Each prints what happened and
 * returns the process exit code. */
#ifndef SERUMS_CMD_H
#define SERUMS_CMD_H
#include "config.h"
#include "servicio.h"

int cmd_seed(const config *cfg);                          /* seed.c */
int cmd_user(const config *cfg, int argc, char **argv);   /* user.c */
int cmd_import(const config *cfg, int argc, char **argv); /* import.c */
/* The informe final demo (seed_informe.c), run by cmd_seed; 0 ok. */
int seed_informes(const servicio *s);

typedef struct cmd_sesion {
    db db;
    arena a;
    servicio s;
} cmd_sesion;

/* The review stage's demo data (seed_revision.c), run by cmd_seed; 0 ok. */
int seed_revision(const servicio *sistema);

/* Connects (printing "<who>: cannot connect: ..." on failure); false then. */
bool cmd_abrir(cmd_sesion *c, const config *cfg, const char *who);
void cmd_cerrar(cmd_sesion *c);
#endif
