/* fuzz_query.c - libFuzzer target: query strings and percent decoding. */
#include "query.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 4096);
    char *s = arena_strndup(&a, (const char *)data, size);
    query q;
    if (s && query_parse(&a, s, 64, &q) == 0) {
        query_get(&q, "limit");
        query_count(&q, "q");
    }
    url_decode(&a, (const char *)data, size, 0);
    arena_free(&a);
    return 0;
}
