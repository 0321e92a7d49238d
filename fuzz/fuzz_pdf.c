/* fuzz_pdf.c - libFuzzer target: the structural PDF check on arbitrary
 * bytes (libFuzzer hands an exact-size heap buffer, so ASan sees any read
 * past the end). Seeds: fuzz/corpus/pdf (classic, xref stream, incremental,
 * libhpdf output, broken files); dictionary: fuzz/dict/pdf.dict. */
#include "pdf_check.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pdf_resultado r = pdf_check(data, size);
    return pdf_check_mensaje(r) ? 0 : 0;
}
