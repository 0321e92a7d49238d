/* sesion.c - a subcommand's database session (cmd.h). */
#include "cmd.h"
#include <stdio.h>

bool cmd_abrir(cmd_sesion *c, const config *cfg, const char *who)
{
    db_init(&c->db, cfg->database_url);
    arena_init(&c->a, 1 << 20);
    c->s = (servicio){&c->db, &c->a, cfg, NULL, who};
    if (db_ensure(&c->db)) return true;
    fprintf(stderr, "%s: cannot connect to the database (SERUMS_DATABASE_URL)\n", who);
    cmd_cerrar(c);
    return false;
}

void cmd_cerrar(cmd_sesion *c)
{
    db_close(&c->db);
    arena_free(&c->a);
}
