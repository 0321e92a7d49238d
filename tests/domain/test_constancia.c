/* test_constancia.c - the constancia PDF (libhpdf) read back with pdftotext,
 * Spanish accents through WinAnsiEncoding, and the UTF-8 -> CP1252 mapping. */
#include "constancia.h"
#include "cp1252.h"
#include "pdf_check.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(constancia, .init = setup, .fini = teardown);

Test(constancia, cp1252_maps_latin1_and_the_0x80_block)
{
    cr_expect_str_eq(cp1252_desde_utf8(&A, "Inscripción"), "Inscripci\xf3n");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "ÑAHUI Güemes"), "\xd1" "AHUI G\xfc" "emes");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "€ “x” – …"), "\x80 \x93x\x94 \x96 \x85");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "日本"), "??");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "a\xff" "b\xc3"), "a?b?");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "\xc0\xaf"), "??", "overlong form refused");
    cr_expect_str_eq(cp1252_desde_utf8(&A, "\xed\xa0\x80"), "???", "surrogate refused");
    cr_expect_str_eq(cp1252_desde_utf8(&A, NULL), "");
}

static const constancia_documento DOCS[] = {
    {"PPP", "aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233"},
    {"COMPROBANTE", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
};

static constancia_datos sample(void)
{
    constancia_datos d = {
        .convocatoria = "2026-I (ORDINARIO)",
        .nombres = "PÉREZ ÑAHUI, María José",
        .documento = "DNI 10117410",
        .profesion = "Obstetricia",
        .universidad = "Universidad Nacional Mayor de San Marcos, Facultad de Medicina San Fernando, "
                       "Escuela Profesional de Obstetricia (Lima, Perú)",
        .diresa = "GERESA Cusco",
        .modalidad = "REMUNERADA",
        .fecha_hora = "2026-03-02 09:15:07 (hora de Lima)",
        .codigo_verificacion = "K7QF-3MZ9-XW2D",
        .sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        .documentos = DOCS,
        .ndocumentos = 2,
    };
    return d;
}

static char *pdftotext(const unsigned char *pdf, size_t len)
{
    char in[] = "/tmp/constancia-XXXXXX";
    int fd = mkstemp(in);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>/dev/null", in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    static char out[16384];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    pclose(p);
    unlink(in);
    return out;
}

Test(constancia, is_a_pdf_that_passes_our_own_check)
{
    constancia_datos d = sample();
    unsigned char *pdf = NULL;
    size_t len = 0;
    cr_assert_eq(constancia_pdf(&A, &d, &pdf, &len), 0);
    cr_expect_gt(len, 500);
    cr_expect_eq(memcmp(pdf, "%PDF-", 5), 0);
    cr_expect_eq(pdf_check(pdf, len), PDF_OK, "%s", pdf_check_mensaje(pdf_check(pdf, len)));
}

Test(constancia, reads_back_with_accents_and_every_datum)
{
    constancia_datos d = sample();
    unsigned char *pdf = NULL;
    size_t len = 0;
    cr_assert_eq(constancia_pdf(&A, &d, &pdf, &len), 0);
    const char *t = pdftotext(pdf, len);
    const char *want[] = {"CONSTANCIA DE INSCRIPCIÓN", "2026-I (ORDINARIO)", "PÉREZ ÑAHUI, María José", "DNI 10117410",
                          "Obstetricia", "San Marcos", "GERESA Cusco", "REMUNERADA", "INSCRITO",
                          "2026-03-02 09:15:07", "K7QF-3MZ9-XW2D", d.sha256, DOCS[0].sha256, "COMPROBANTE",
                          "Profesión:", "inscripción:"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_expect(strstr(t, want[i]), "missing \"%s\" in:\n%s", want[i], t);
}

Test(constancia, long_values_wrap_and_empty_values_print_a_dash)
{
    constancia_datos d = sample();
    char largo[400];
    memset(largo, 'x', sizeof largo - 1);
    largo[sizeof largo - 1] = '\0';
    d.universidad = largo;     /* one unbreakable word */
    d.diresa = "";
    d.ndocumentos = 0;
    unsigned char *pdf = NULL;
    size_t len = 0;
    cr_assert_eq(constancia_pdf(&A, &d, &pdf, &len), 0);
    cr_expect_eq(pdf_check(pdf, len), PDF_OK);
}
