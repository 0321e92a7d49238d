/* cp1252.c - UTF-8 decoding (rejecting overlong forms and surrogates) and
 * the Windows-1252 mapping: Latin-1 for U+00A0..U+00FF, a table for the 27
 * characters CP1252 places at 0x80..0x9F. */
#include "cp1252.h"
#include <string.h>

/* Unicode code points of CP1252 bytes 0x80..0x9F (0 = unassigned). */
static const unsigned short ALTOS[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Decodes one UTF-8 sequence; returns its length (>= 1) and the code point,
 * or 0xFFFD for an invalid sequence (consuming one byte). */
static size_t utf8_next(const unsigned char *s, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned long v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    static const unsigned long MIN[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < MIN[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

static unsigned char to_cp1252(unsigned long cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return (unsigned char)cp;
    for (int i = 0; i < 32; i++)
        if (ALTOS[i] && ALTOS[i] == cp) return (unsigned char)(0x80 + i);
    return '?';
}

char *cp1252_desde_utf8(arena *a, const char *utf8)
{
    if (!utf8) utf8 = "";
    size_t len = strlen(utf8);
    char *out = arena_alloc(a, len + 1);
    if (!out) return NULL;
    const unsigned char *s = (const unsigned char *)utf8;
    size_t o = 0;
    while (*s) {
        unsigned long cp;
        s += utf8_next(s, &cp);
        out[o++] = (char)to_cp1252(cp);
    }
    out[o] = '\0';
    return out;
}
