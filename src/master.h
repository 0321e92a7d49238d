/* master.h - `serumsd serve`: opens the FastCGI socket, pre-forks the workers
 * (and the mailer), respawns the dead, drains on SIGTERM, replaces on SIGHUP. */
#ifndef SERUMS_MASTER_H
#define SERUMS_MASTER_H
#include "app.h"
#include "config.h"

int master_serve(const config *cfg, const server_app *app);
#endif
