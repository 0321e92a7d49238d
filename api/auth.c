/* auth.c - (to be written) */
#include "api.h"

const route auth_routes[] = {{0}};
const size_t auth_routes_n = 0;

int auth_seed(const config *cfg, PGconn *c) { (void)cfg; (void)c; return 0; }
int auth_cli(const config *cfg, int argc, char **argv) { (void)cfg; (void)argc; (void)argv; return 2; }
