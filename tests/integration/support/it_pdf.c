/* it_pdf.c - builds the exact-size PDFs of it_pdf.h: catalog, pages, one
 * page, a padding stream, a classic xref table with real offsets, trailer,
 * startxref, %%EOF. The padding length is solved so the total is exact. */
#include "it_pdf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the PDF with `pad` padding bytes into out (when not NULL); returns its length. */
static size_t build(unsigned char *out, size_t pad, unsigned seed)
{
    char head[1024];
    size_t off[5];
    int n = 0;
    n += snprintf(head + n, sizeof head - (size_t)n, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
    off[1] = (size_t)n;
    n += snprintf(head + n, sizeof head - (size_t)n, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = (size_t)n;
    n += snprintf(head + n, sizeof head - (size_t)n, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    off[3] = (size_t)n;
    n += snprintf(head + n, sizeof head - (size_t)n,
                  "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");
    off[4] = (size_t)n;
    n += snprintf(head + n, sizeof head - (size_t)n, "4 0 obj\n<< /Length %zu >>\nstream\n", pad);
    const char *mid = "\nendstream\nendobj\n";
    size_t xref_at = (size_t)n + pad + strlen(mid);
    char tail[1024];
    int t = snprintf(tail, sizeof tail, "xref\n0 5\n0000000000 65535 f \n");
    for (int i = 1; i <= 4; i++) t += snprintf(tail + t, sizeof tail - (size_t)t, "%010zu 00000 n \n", off[i]);
    t += snprintf(tail + t, sizeof tail - (size_t)t, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                  xref_at);
    size_t total = (size_t)n + pad + strlen(mid) + (size_t)t;
    if (out) {
        unsigned char *p = out;
        memcpy(p, head, (size_t)n);
        p += n;
        unsigned x = seed * 2654435761u + 1;
        for (size_t i = 0; i < pad; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            *p++ = (unsigned char)(x >> 3);
        }
        memcpy(p, mid, strlen(mid));
        p += strlen(mid);
        memcpy(p, tail, (size_t)t);
    }
    return total;
}

unsigned char *it_pdf_make(size_t size, unsigned seed)
{
    if (size < IT_PDF_MIN_SIZE) return NULL;
    size_t pad = size - build(NULL, 0, seed);
    /* the digits of /Length and startxref grow with pad: settle in a few steps */
    for (int i = 0; i < 8; i++) {
        size_t got = build(NULL, pad, seed);
        if (got == size) break;
        pad = got > size ? pad - (got - size) : pad + (size - got);
    }
    if (build(NULL, pad, seed) != size) return NULL;
    unsigned char *out = malloc(size);
    if (out) build(out, pad, seed);
    return out;
}
