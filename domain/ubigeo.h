/* ubigeo.h - finds the INEI code of a place named the way the MINSA offer
 * files name it: departamento, then provincia within it, then distrito
 * within that. Tries, in order: the same letters (accents, case, spaces,
 * hyphens and line breaks ignored; FCO/STA/STO/... expanded), a known alias,
 * the part outside or inside parentheses, a unique truncation ("CORONEL
 * GREGORIO ALBARRACIN L."), and a unique spelling at most two letters away
 * ("PICHANAKI" -> PICHANAQUI). Pure: the catalog is passed in. */
#ifndef SERUMS_UBIGEO_H
#define SERUMS_UBIGEO_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum { UBIGEO_DEPARTAMENTO = 1, UBIGEO_PROVINCIA = 2, UBIGEO_DISTRITO = 3 } ubigeo_nivel;

typedef struct ubigeo_lugar {
    ubigeo_nivel nivel;
    const char *codigo; /* INEI, 6 digits */
    const char *padre;  /* parent's code ("" for a departamento) */
    const char *nombre;
    const char *clave; /* filled by ubigeo_catalogo_listo */
    bool tiene_coord;
    double lat, lon; /* distritos: centroid */
} ubigeo_lugar;

typedef struct ubigeo_alias {
    ubigeo_nivel nivel;
    const char *padre;  /* where the alias applies */
    const char *nombre; /* as the files write it */
    const char *codigo; /* what it means */
    const char *clave;
} ubigeo_alias;

typedef struct ubigeo_catalogo {
    ubigeo_lugar *lugares; /* any order; sorted by ubigeo_catalogo_listo */
    size_t n;
    ubigeo_alias *alias;
    size_t nalias;
} ubigeo_catalogo;

/* Computes keys and sorts; call once before ubigeo_ubica. 0 ok, -1 no memory. */
int ubigeo_catalogo_listo(ubigeo_catalogo *c, arena *a);

typedef enum { UBIGEO_EXACTO, UBIGEO_APROXIMADO, UBIGEO_NO_ENCONTRADO } ubigeo_calidad;

typedef struct ubigeo_resultado {
    const ubigeo_lugar *lugar[4]; /* [nivel]; NULL when not found */
    ubigeo_calidad calidad[4];
} ubigeo_resultado;

/* Locates the three names (any may be NULL or empty). A provincia that is not
 * found does not stop the distrito search: a unique distrito of that name in
 * the departamento also gives its provincia. */
void ubigeo_ubica(const ubigeo_catalogo *c, arena *a, const char *dep, const char *prov, const char *dist,
                  ubigeo_resultado *out);
/* One level: the child of `padre` ("" for departamentos) named `nombre`. */
const ubigeo_lugar *ubigeo_busca(const ubigeo_catalogo *c, arena *a, ubigeo_nivel nivel, const char *padre,
                                 const char *nombre, ubigeo_calidad *calidad);
const char *ubigeo_nivel_nombre(ubigeo_nivel n);
#endif
