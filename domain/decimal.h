/* decimal.h - exact decimals for scores (design/orden-adjudicacion.md): a
 * scaled 64-bit integer (value = v / 10^e), never a float. Parsing, sum,
 * product, comparison, half-up rounding and canonical text; every operation
 * that could overflow reports it instead. */
#ifndef SERUMS_DECIMAL_H
#define SERUMS_DECIMAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEC_MAX_ESCALA 18
#define DEC_TEXTO 48 /* enough for any formatted dec */

typedef struct dec {
    int64_t v; /* unscaled value */
    int e;     /* decimals, 0..DEC_MAX_ESCALA */
} dec;

/* "12", "12.5", "0.70", "-3.25": optional '-', digits, optional '.' and up to
 * max_decimales digits; nothing else (no exponent, no '+', no spaces).
 * 0 ok, -1 malformed or out of range. */
int dec_parse(const char *s, size_t len, int max_decimales, dec *out);
int dec_parse_cstr(const char *s, int max_decimales, dec *out);
dec dec_int(int64_t v);
int dec_add(dec a, dec b, dec *out); /* 0 ok, -1 overflow */
int dec_mul(dec a, dec b, dec *out); /* 0 ok, -1 overflow or scale > max */
int dec_cmp(dec a, dec b);           /* -1, 0, 1 (exact, any scales) */
/* Rounds half away from zero (half-up for the nonnegative scores) to escala
 * decimals; a value with fewer decimals is padded. 0 ok, -1 overflow. */
int dec_round(dec a, int escala, dec *out);
/* Writes exactly a.e decimals ("16.625000"); returns buf. */
char *dec_format(dec a, char *buf, size_t n);
bool dec_is_zero(dec a);
#endif
