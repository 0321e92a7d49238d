/* fuzz_router.c - libFuzzer target: the real route table against any
 * method/path. Input: "METHOD path". */
#include "routes.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static router *rt;
    if (!rt) rt = routes_build();
    arena a;
    arena_init(&a, 4096);
    char *s = arena_strndup(&a, (const char *)data, size);
    char *sp = s ? strchr(s, ' ') : NULL;
    if (sp) {
        *sp = '\0';
        const route *r;
        route_params p;
        const char *allow;
        router_match(rt, &a, s, sp + 1, &r, &p, &allow);
    }
    arena_free(&a);
    return 0;
}
