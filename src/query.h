/* query.h - application/x-www-form-urlencoded query strings and percent
 * decoding. Pure: fuzzed and unit-tested. */
#ifndef SERUMS_QUERY_H
#define SERUMS_QUERY_H
#include "arena.h"
#include <stddef.h>

typedef struct query_param {
    const char *key, *value;
} query_param;
typedef struct query {
    query_param *items;
    size_t n;
} query;

/* Decodes %XX and '+' (when plus_is_space). NULL on a malformed escape or an
 * embedded NUL. */
char *url_decode(arena *a, const char *s, size_t len, int plus_is_space);
/* Parses "a=1&b=x%20y". -1 on malformed input (bad escape, > max_params). */
int query_parse(arena *a, const char *qs, size_t max_params, query *out);
const char *query_get(const query *q, const char *key); /* first value or NULL */
/* Strict UTF-8 (no overlongs, no surrogates, no code points past U+10FFFF). */
int utf8_valid(const char *s);
/* 1 when every key and value is valid UTF-8. */
int query_utf8_valid(const query *q);
size_t query_count(const query *q, const char *key);
#endif
