/* documentos.c - (to be written) */
#include "api.h"

const route documentos_routes[] = {{0}};
const size_t documentos_routes_n = 0;
