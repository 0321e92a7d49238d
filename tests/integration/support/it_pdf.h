/* it_pdf.h - test and benchmark PDFs of an exact size: a valid one-page
 * document whose padding stream holds pseudo-random bytes (so each seed
 * gives a distinct, incompressible file). Plain C, no Criterion: the unit
 * tests, the integration tests and bench/ link it. */
#ifndef SERUMS_IT_PDF_H
#define SERUMS_IT_PDF_H
#include <stddef.h>

#define IT_PDF_MIN_SIZE 600
/* malloc'ed PDF of exactly `size` bytes (>= IT_PDF_MIN_SIZE), or NULL. */
unsigned char *it_pdf_make(size_t size, unsigned seed);
#endif
