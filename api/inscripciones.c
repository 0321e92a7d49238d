/* inscripciones.c - (to be written) */
#include "api.h"

const route inscripciones_routes[] = {{0}};
const size_t inscripciones_routes_n = 0;
