/* test_pdf_check.c - the structural PDF check: real layouts pass (classic
 * xref, xref stream, incremental update, libhpdf output, exact 1 MiB), and
 * fakes, truncations and corruptions fail with the right reason, never a
 * crash. */
#include "pdf_check.h"
#include "it_pdf.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pdf_resultado check_str(const char *s) { return pdf_check((const unsigned char *)s, strlen(s)); }

/* A small classic PDF with correct offsets, written with snprintf. */
static size_t classic(char *buf, size_t cap, const char *catalog_dict, const char *trailer_dict)
{
    size_t off[3];
    int n = snprintf(buf, cap, "%%PDF-1.7\n");
    off[1] = (size_t)n;
    n += snprintf(buf + n, cap - (size_t)n, "1 0 obj\n%s\nendobj\n", catalog_dict);
    off[2] = (size_t)n;
    n += snprintf(buf + n, cap - (size_t)n, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    size_t xref = (size_t)n;
    n += snprintf(buf + n, cap - (size_t)n, "xref\n0 3\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n",
                  off[1], off[2]);
    n += snprintf(buf + n, cap - (size_t)n, "trailer\n%s\nstartxref\n%zu\n%%%%EOF\n", trailer_dict, xref);
    return (size_t)n;
}

Test(pdf_check, accepts_a_classic_file)
{
    char b[2048];
    size_t n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 3 /Root 1 0 R >>");
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_OK);
}

Test(pdf_check, accepts_crlf_and_trailing_whitespace_after_eof)
{
    char b[2048];
    size_t n = classic(b, sizeof b, "<</Type/Catalog/Pages 2 0 R>>", "<</Size 3/Root 1 0 R/Info 9 0 R>>");
    memcpy(b + n, "\r\n\r\n", 4);
    cr_expect_eq(pdf_check((unsigned char *)b, n + 4), PDF_OK);
}

Test(pdf_check, accepts_the_exact_size_fixture_up_to_one_mebibyte)
{
    size_t sizes[] = {IT_PDF_MIN_SIZE, 4096, 200 * 1024, 1048576};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = it_pdf_make(sizes[i], (unsigned)i);
        cr_assert(p, "fixture of %zu bytes", sizes[i]);
        cr_expect_eq(pdf_check(p, sizes[i]), PDF_OK, "%zu bytes", sizes[i]);
        free(p);
    }
}

Test(pdf_check, accepts_a_cross_reference_stream)
{
    char b[2048];
    int n = snprintf(b, sizeof b, "%%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                  "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    int x = n;
    n += snprintf(b + n, sizeof b - (size_t)n,
                  "3 0 obj\n<< /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R /Length 4 >>\nstream\nABCD\nendstream\n"
                  "endobj\nstartxref\n%d\n%%%%EOF\n", x);
    cr_expect_eq(pdf_check((unsigned char *)b, (size_t)n), PDF_OK);
}

Test(pdf_check, accepts_an_incremental_update_that_does_not_list_the_catalog)
{
    char b[4096];
    size_t n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 3 /Root 1 0 R >>");
    const char *needle = "startxref\n";
    char *sx = strstr(b, needle);
    long first_xref = strtol(sx + strlen(needle), NULL, 10);
    size_t obj = n;
    n += (size_t)snprintf(b + n, sizeof b - n, "4 0 obj\n(nuevo)\nendobj\n");
    size_t xref = n;
    n += (size_t)snprintf(b + n, sizeof b - n,
                          "xref\n4 1\n%010zu 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev %ld >>\nstartxref\n%zu\n%%%%EOF\n",
                          obj, first_xref, xref);
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_OK);
}

Test(pdf_check, refuses_what_is_not_a_pdf)
{
    cr_expect_eq(pdf_check(NULL, 0), PDF_VACIO);
    cr_expect_eq(check_str(""), PDF_VACIO);
    cr_expect_eq(check_str("hola, esto es texto"), PDF_SIN_CABECERA);
    cr_expect_eq(check_str("\xff\xd8\xff\xe0JFIF renamed.pdf"), PDF_SIN_CABECERA);
    cr_expect_eq(check_str(" %PDF-1.4\n"), PDF_SIN_CABECERA);
    cr_expect_eq(check_str("%PDF-x.4\n%%EOF"), PDF_SIN_CABECERA);
    cr_expect_eq(check_str("%PDF-1.4\nhola\n"), PDF_SIN_EOF);
    cr_expect_eq(check_str("%PDF-1.4\nhola\n%%EOF\n"), PDF_SIN_STARTXREF, "magic bytes alone are not a PDF");
    cr_expect_eq(check_str("%PDF-1.4\nstartxref\nabc\n%%EOF"), PDF_SIN_STARTXREF);
    cr_expect_eq(check_str("%PDF-1.4\nstartxref\n9\n%%EOF"), PDF_XREF_INVALIDA);
    cr_expect_eq(check_str("%PDF-1.4\nstartxref\n999999\n%%EOF"), PDF_XREF_INVALIDA);
    cr_expect_eq(check_str("%PDF-1.4\nstartxref\n99999999999999999999\n%%EOF"), PDF_SIN_STARTXREF);
}

Test(pdf_check, refuses_broken_tables_and_missing_catalogs)
{
    char b[2048];
    size_t n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 3 >>");
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_SIN_CATALOGO, "trailer without /Root");
    n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 3 /Root 7 0 R >>");
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_SIN_CATALOGO, "root object missing");
    n = classic(b, sizeof b, "<< /Type /Catalog >>", "<< /Size 3 /Root 1 0 R >>");
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_SIN_CATALOGO, "catalog without /Pages");
    n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Root 1 0 R >>");
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_XREF_INVALIDA, "trailer without /Size");
    n = classic(b, sizeof b, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 3 /Root 1 0 R >>");
    char *entry = strstr(b, "00000 n");
    entry[6] = 'x';
    cr_expect_eq(pdf_check((unsigned char *)b, n), PDF_XREF_INVALIDA, "bad entry type");
}

Test(pdf_check, every_truncation_fails_cleanly)
{
    unsigned char *p = it_pdf_make(2048, 7);
    cr_assert(p);
    for (size_t len = 0; len < 2048; len++) {
        pdf_resultado r = pdf_check(p, len);
        if (len < 2048 - 8) cr_expect_neq(r, PDF_OK, "prefix of %zu bytes accepted", len);
    }
    free(p);
}

Test(pdf_check, single_byte_corruptions_never_crash)
{
    unsigned char *p = it_pdf_make(IT_PDF_MIN_SIZE, 3);
    cr_assert(p);
    for (size_t i = 0; i < IT_PDF_MIN_SIZE; i++) {
        unsigned char keep = p[i];
        for (int v = 0; v < 256; v += 37) {
            p[i] = (unsigned char)v;
            (void)pdf_check(p, IT_PDF_MIN_SIZE);
        }
        p[i] = keep;
    }
    cr_expect_eq(pdf_check(p, IT_PDF_MIN_SIZE), PDF_OK);
    free(p);
}

Test(pdf_check, messages_are_spanish)
{
    cr_expect(strstr(pdf_check_mensaje(PDF_SIN_CABECERA), "no es un PDF"));
    cr_expect(strstr(pdf_check_mensaje(PDF_SIN_EOF), "incompleto"));
}
