/* catalogos.c - (to be written) */
#include "api.h"

const route catalogos_routes[] = {{0}};
const size_t catalogos_routes_n = 0;

int catalogos_seed(const config *cfg, PGconn *c) { (void)cfg; (void)c; return 0; }
