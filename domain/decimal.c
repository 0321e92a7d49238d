/* decimal.c - exact scaled-integer decimals (see decimal.h). */
#include "decimal.h"
#include <stdio.h>
#include <string.h>

static const int64_t POW10[DEC_MAX_ESCALA + 1] = {1LL,
                                                  10LL,
                                                  100LL,
                                                  1000LL,
                                                  10000LL,
                                                  100000LL,
                                                  1000000LL,
                                                  10000000LL,
                                                  100000000LL,
                                                  1000000000LL,
                                                  10000000000LL,
                                                  100000000000LL,
                                                  1000000000000LL,
                                                  10000000000000LL,
                                                  100000000000000LL,
                                                  1000000000000000LL,
                                                  10000000000000000LL,
                                                  100000000000000000LL,
                                                  1000000000000000000LL};

int dec_parse(const char *s, size_t len, int max_decimales, dec *out)
{
    if (!s || len == 0 || max_decimales < 0 || max_decimales > DEC_MAX_ESCALA) return -1;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-') {
        neg = true;
        i = 1;
    }
    int64_t v = 0;
    int e = 0, digits = 0;
    bool dot = false;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (dot || digits == 0) return -1;
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return -1;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v)) return -1;
        digits++;
        if (dot && ++e > max_decimales) return -1;
    }
    if (digits == 0 || (dot && e == 0)) return -1;
    out->v = neg ? -v : v;
    out->e = e;
    return 0;
}

int dec_parse_cstr(const char *s, int max_decimales, dec *out)
{
    return s ? dec_parse(s, strlen(s), max_decimales, out) : -1;
}

dec dec_int(int64_t v) { return (dec){v, 0}; }

bool dec_is_zero(dec a) { return a.v == 0; }

/* a rescaled up to e decimals (e >= a.e). */
static int rescale(dec a, int e, int64_t *v)
{
    if (e < a.e || e > DEC_MAX_ESCALA) return -1;
    return __builtin_mul_overflow(a.v, POW10[e - a.e], v) ? -1 : 0;
}

int dec_add(dec a, dec b, dec *out)
{
    int e = a.e > b.e ? a.e : b.e;
    int64_t x, y, s;
    if (rescale(a, e, &x) || rescale(b, e, &y) || __builtin_add_overflow(x, y, &s)) return -1;
    out->v = s;
    out->e = e;
    return 0;
}

int dec_mul(dec a, dec b, dec *out)
{
    int64_t p;
    if (a.e + b.e > DEC_MAX_ESCALA || __builtin_mul_overflow(a.v, b.v, &p)) return -1;
    out->v = p;
    out->e = a.e + b.e;
    return 0;
}

int dec_cmp(dec a, dec b)
{
    /* 128-bit so any two in-range values compare exactly. */
    int e = a.e > b.e ? a.e : b.e;
    __int128 x = (__int128)a.v * POW10[e - a.e];
    __int128 y = (__int128)b.v * POW10[e - b.e];
    return x < y ? -1 : x > y ? 1 : 0;
}

int dec_round(dec a, int escala, dec *out)
{
    if (escala < 0 || escala > DEC_MAX_ESCALA) return -1;
    if (escala >= a.e) {
        int64_t v;
        if (rescale(a, escala, &v)) return -1;
        out->v = v;
        out->e = escala;
        return 0;
    }
    int64_t d = POW10[a.e - escala];
    int64_t q = a.v / d, r = a.v % d; /* r has a.v's sign */
    int64_t ar = r < 0 ? -r : r;      /* |r| < d <= 10^18: 2|r| fits */
    if (2 * ar >= d) q += a.v >= 0 ? 1 : -1;
    out->v = q;
    out->e = escala;
    return 0;
}

char *dec_format(dec a, char *buf, size_t n)
{
    uint64_t m = a.v < 0 ? (uint64_t)0 - (uint64_t)a.v : (uint64_t)a.v;
    uint64_t p = (uint64_t)POW10[a.e];
    if (a.e == 0) snprintf(buf, n, "%s%llu", a.v < 0 ? "-" : "", (unsigned long long)m);
    else
        snprintf(buf, n, "%s%llu.%0*llu", a.v < 0 ? "-" : "", (unsigned long long)(m / p), a.e,
                 (unsigned long long)(m % p));
    return buf;
}
