/* pdf_check.h - is this upload a PDF? A bounded structural check of
 * untrusted bytes, no rendering: the %PDF-x.y header, a final %%EOF, a
 * startxref that points at a well-formed cross-reference table (or stream),
 * a trailer naming the document catalog (/Root), and that catalog present
 * as an object with its /Pages. Pure and fuzzed (fuzz/fuzz_pdf.c). */
#ifndef SERUMS_PDF_CHECK_H
#define SERUMS_PDF_CHECK_H
#include <stddef.h>

typedef enum {
    PDF_OK = 0,
    PDF_VACIO,
    PDF_SIN_CABECERA,
    PDF_SIN_EOF,
    PDF_SIN_STARTXREF,
    PDF_XREF_INVALIDA,
    PDF_SIN_CATALOGO,
} pdf_resultado;

pdf_resultado pdf_check(const unsigned char *buf, size_t len);
/* Spanish, for the 415 problem's detail. */
const char *pdf_check_mensaje(pdf_resultado r);
#endif
