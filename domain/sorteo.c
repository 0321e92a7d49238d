/* sorteo.c - the verifiable lottery (see sorteo.h). */
#include "sorteo.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sorteo_hex(const unsigned char *b, size_t n, char *out)
{
    static const char H[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = H[b[i] >> 4];
        out[2 * i + 1] = H[b[i] & 15];
    }
    out[2 * n] = 0;
}

char *sorteo_hex_normal(arena *a, const char *s, size_t min, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n < min || n > max || n % 2) return NULL;
    char *o = arena_alloc(a, n + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'F') c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return NULL;
        o[i] = c;
    }
    o[n] = 0;
    return o;
}

void sorteo_sha256_hex(const void *data, size_t n, char out[SORTEO_HEX])
{
    unsigned char h[32];
    crypto_hash_sha256(h, data, n);
    sorteo_hex(h, 32, out);
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

int sorteo_pool(arena *a, const int64_t *ids, size_t n, char **texto, size_t *len)
{
    int64_t *s = arena_alloc(a, (n ? n : 1) * sizeof *s);
    if (!s) return -1;
    memcpy(s, ids, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_id);
    sbuf b;
    sbuf_init(&b, a, n * 8 + 1);
    for (size_t i = 0; i < n; i++) {
        if (i && s[i] == s[i - 1]) return -1;
        if (sbuf_addf(&b, "%lld\n", (long long)s[i])) return -1;
    }
    *texto = (char *)sbuf_cstr(&b);
    *len = b.len;
    return *texto ? 0 : -1;
}

bool sorteo_compromiso_valido(const char *s_hex, const char *c_hex)
{
    unsigned char s[32], h[32], c[32];
    size_t n = 0;
    if (!s_hex || !c_hex || strlen(s_hex) != 64 || strlen(c_hex) != 64) return false;
    if (sodium_hex2bin(s, 32, s_hex, 64, NULL, &n, NULL) || n != 32) return false;
    if (sodium_hex2bin(c, 32, c_hex, 64, NULL, &n, NULL) || n != 32) return false;
    crypto_hash_sha256(h, s, 32);
    return sodium_memcmp(h, c, 32) == 0;
}

char *sorteo_seed_input(arena *a, const sorteo_datos *d)
{
    return arena_printf(a, "SERUMS-SORTEO-v1\n%s\n%s\n%s\n%s\n%s\n%s\n", d->convocatoria, d->modalidad,
                        d->profesion, d->h_pool, d->beacon_hex, d->s_hex);
}

void sorteo_seed(const char *seed_input, unsigned char seed[32])
{
    crypto_hash_sha256(seed, (const unsigned char *)seed_input, strlen(seed_input));
}

void sorteo_clave(const unsigned char seed[32], int64_t id, unsigned char clave[32])
{
    char m[24];
    int n = snprintf(m, sizeof m, "%lld", (long long)id);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, seed, 32);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)m, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&st, clave);
}

static int cmp_item(const void *x, const void *y)
{
    const sorteo_item *a = x, *b = y;
    int c = memcmp(a->clave, b->clave, 32);
    return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

sorteo_item *sorteo_ordenar(arena *a, const unsigned char seed[32], const int64_t *ids, size_t n)
{
    sorteo_item *it = arena_alloc(a, (n ? n : 1) * sizeof *it);
    if (!it) return NULL;
    for (size_t i = 0; i < n; i++) {
        it[i].id = ids[i];
        sorteo_clave(seed, ids[i], it[i].clave);
    }
    qsort(it, n, sizeof *it, cmp_item);
    for (size_t i = 0; i < n; i++) it[i].posicion = (int)i + 1;
    return it;
}
