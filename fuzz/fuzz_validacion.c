/* fuzz_validacion.c - libFuzzer target: the official validation file reader
 * for every fuente on arbitrary bytes, the lookups of every row read, and the
 * comparison of each row's value with itself. */
#include "validacion.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 1 << 16);
    for (int f = 0; f < VAL_FUENTE_N; f++) {
        val_archivo v;
        if (val_archivo_leer(&a, (const char *)data, size, (val_fuente)f, &v)) continue;
        for (size_t i = 0; i < v.n; i++) {
            const val_fila *r = val_archivo_buscar(&v, v.filas[i].tipo_documento, v.filas[i].numero_documento);
            if (r != &v.filas[i]) abort();
            if (val_comparar((val_fuente)f, r->valor, r) != VAL_CONFORME) abort();
        }
        for (size_t i = 1; i < v.n_errores; i++)
            if (v.errores[i].linea < v.errores[i - 1].linea) abort();
    }
    arena_free(&a);
    return 0;
}
