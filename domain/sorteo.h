/* sorteo.h - the verifiable lottery (design/orden-adjudicacion.md "Verifiable
 * sorteo"): the pool text and H_pool, the commitment check SHA-256(s) = C,
 * seed_input, seed = SHA-256(seed_input), key(id) = HMAC-SHA256(seed, id as
 * decimal text), and the order by key then id. libsodium only; no clock, no I/O. */
#ifndef SERUMS_SORTEO_H
#define SERUMS_SORTEO_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SORTEO_HEX 65 /* 64 hex digits + NUL */

typedef struct sorteo_item {
    int64_t id; /* inscription id */
    unsigned char clave[32];
    int posicion; /* 1-based */
} sorteo_item;

typedef struct sorteo_datos {
    const char *convocatoria; /* codigo, e.g. "2026-I" */
    const char *modalidad, *profesion;
    const char *h_pool;     /* 64 lowercase hex */
    const char *beacon_hex; /* lowercase hex as entered */
    const char *s_hex;      /* the revealed secret, 64 lowercase hex */
} sorteo_datos;

void sorteo_hex(const unsigned char *b, size_t n, char *out); /* out: 2n+1 bytes, lowercase */
/* Lowercase copy of a hex string of even length in [min,max] digits; NULL when not hex. */
char *sorteo_hex_normal(arena *a, const char *s, size_t min, size_t max);
void sorteo_sha256_hex(const void *data, size_t n, char out[SORTEO_HEX]);
/* The pool text: the ids sorted ascending, duplicates refused, each followed by LF.
 * 0 ok, -1 duplicate id or out of memory. */
int sorteo_pool(arena *a, const int64_t *ids, size_t n, char **texto, size_t *len);
/* true when s_hex is 64 hex digits and SHA-256(its 32 bytes) = c_hex. */
bool sorteo_compromiso_valido(const char *s_hex, const char *c_hex);
char *sorteo_seed_input(arena *a, const sorteo_datos *d);
void sorteo_seed(const char *seed_input, unsigned char seed[32]);
void sorteo_clave(const unsigned char seed[32], int64_t id, unsigned char clave[32]);
/* Every id's key and position (ordered by key ascending, then id). NULL on OOM. */
sorteo_item *sorteo_ordenar(arena *a, const unsigned char seed[32], const int64_t *ids, size_t n);
#endif
