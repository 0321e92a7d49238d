/* convocatorias.c - (to be written) */
#include "api.h"

const route convocatorias_routes[] = {{0}};
const size_t convocatorias_routes_n = 0;

int convocatorias_seed(const config *cfg, PGconn *c) { (void)cfg; (void)c; return 0; }
