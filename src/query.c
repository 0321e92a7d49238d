/* query.c - query-string parsing into an arena array of key/value pairs. */
#include "query.h"
#include "texto.h"
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *url_decode(arena *a, const char *s, size_t len, int plus_is_space)
{
    char *out = arena_alloc(a, len + 1);
    if (!out) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= len) return NULL;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0) return NULL;
            c = (char)(h * 16 + l);
            if (c == '\0') return NULL;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        } else if (c == '\0') {
            return NULL;
        }
        out[j++] = c;
    }
    out[j] = '\0';
    return out;
}

int query_parse(arena *a, const char *qs, size_t max_params, query *out)
{
    out->items = NULL;
    out->n = 0;
    if (!qs || !*qs) return 0;
    size_t count = 1;
    for (const char *p = qs; *p; p++) count += *p == '&';
    if (count > max_params) return -1;
    out->items = arena_alloc(a, count * sizeof *out->items);
    if (!out->items) return -1;
    const char *p = qs;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len) {
            const char *eq = memchr(p, '=', len);
            size_t klen = eq ? (size_t)(eq - p) : len;
            char *k = url_decode(a, p, klen, 1);
            char *v = eq ? url_decode(a, eq + 1, len - klen - 1, 1) : arena_strdup(a, "");
            if (!k || !v) return -1;
            out->items[out->n].key = k;
            out->items[out->n].value = v;
            out->n++;
        }
        if (!amp) break;
        p = amp + 1;
    }
    return 0;
}

const char *query_get(const query *q, const char *key)
{
    for (size_t i = 0; i < q->n; i++)
        if (!strcmp(q->items[i].key, key)) return q->items[i].value;
    return NULL;
}

size_t query_count(const query *q, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n; i++) n += !strcmp(q->items[i].key, key);
    return n;
}

int utf8_valid(const char *s) { return texto_utf8_valido(s, strlen(s)); }

int query_utf8_valid(const query *q)
{
    for (size_t i = 0; i < q->n; i++)
        if (!utf8_valid(q->items[i].key) || !utf8_valid(q->items[i].value)) return 0;
    return 1;
}
