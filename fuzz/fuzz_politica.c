/* fuzz_politica.c - libFuzzer target: any JSON body read as a score policy;
 * an accepted policy is written back, read again to the same text, and scores
 * a fixed inscription without overflow surprises. */
#include "politica.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 4096);
    jv *root = NULL;
    char err[160];
    if (json_parse(&a, (const char *)data, size, &JSON_BODY_LIMITS, &root, err, sizeof err) == 0) {
        verr e;
        verr_init(&e, &a);
        politica p;
        if (politica_leer(&a, root, &e, &p)) {
            const char *t = politica_json(&a, &p);
            if (!t) abort();
            jv *r2;
            verr e2;
            verr_init(&e2, &a);
            politica q;
            if (json_parse(&a, t, strlen(t), &JSON_BODY_LIMITS, &r2, err, sizeof err) || !politica_leer(&a, r2, &e2, &q))
                abort();
            if (strcmp(politica_json(&a, &q), t)) abort();
            pol_notas n;
            memset(&n, 0, sizeof n);
            for (int i = 0; i < NOTA_N; i++) { n.nota[i] = (dec){200000, 4}; n.tiene[i] = true; }
            n.condicion[BONO_DISCAPACIDAD] = n.condicion[BONO_FFAA] = true;
            dec out;
            const char *falta;
            if (politica_puntaje(&p, &n, &out, &falta) && falta) abort();
        }
    }
    arena_free(&a);
    return 0;
}
