/* fuzz_json.c - libFuzzer target: the JSON body parser and the strict reader. */
#include "json.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 4096);
    jv *root = NULL;
    char err[160];
    if (json_parse(&a, (const char *)data, size, &JSON_BODY_LIMITS, &root, err, sizeof err) == 0) {
        verr e;
        verr_init(&e, &a);
        jr r;
        if (jr_open(&r, &a, root, &e, NULL)) {
            static const char *const opts[] = {"A", "B", NULL};
            bool b;
            long n;
            jr_str(&r, "email", JR_REQUIRED, 3, 254);
            jr_enum(&r, "tipo", JR_OPTIONAL, opts);
            jr_date(&r, "fecha", JR_OPTIONAL);
            jr_bool(&r, "acepta", JR_OPTIONAL, &b);
            jr_int(&r, "n", JR_OPTIONAL, -5, 5, &n);
            jr_decimal(&r, "nota", JR_OPTIONAL, 0, 20, 2);
            jr_close(&r);
        }
    }
    arena_free(&a);
    return 0;
}
