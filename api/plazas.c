/* plazas.c - (to be written) */
#include "api.h"

const route plazas_routes[] = {{0}};
const size_t plazas_routes_n = 0;

int plazas_cli(const config *cfg, int argc, char **argv) { (void)cfg; (void)argc; (void)argv; return 2; }
