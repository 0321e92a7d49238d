/* pais.h - ISO 3166-1 alpha-2 country codes (the 249 officially assigned),
 * for the countries of birth and of the university. Pure. */
#ifndef SERUMS_PAIS_H
#define SERUMS_PAIS_H
#include <stdbool.h>

/* True for an assigned upper-case alpha-2 code ("PE", "AR"...). */
bool pais_iso_valido(const char *codigo);
#endif
