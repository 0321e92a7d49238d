/* test_validacion.c - the official validation file reader (header,
 * delimiters, every bad line listed, repeated documents) and the comparison
 * CONFORME / DISCREPANCIA / NO_ENCONTRADO; a file built from the real 2024
 * grades (shared/data/notas-2024) reads whole. */
#include "validacion.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <libgen.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 1 << 16); }
static void teardown(void) { arena_free(&A); }
TestSuite(validacion, .init = setup, .fini = teardown);

static val_archivo lee(const char *s, val_fuente f)
{
    val_archivo v;
    cr_assert_eq(val_archivo_leer(&A, s, strlen(s), f, &v), 0);
    return v;
}

Test(validacion, reads_header_and_rows_sorted)
{
    val_archivo v = lee("tipo_documento,numero_documento,valor\r\nDNI,45678912,14.5\nCE,00123456A,12\n\n"
                        "DNI,10117410,\"13,25\"\n", VAL_ENAM);
    cr_expect_eq(v.n_errores, 0);
    cr_assert_eq(v.n, 3);
    cr_expect_str_eq(v.filas[0].tipo_documento, "CE");
    const val_fila *f = val_archivo_buscar(&v, "DNI", "10117410");
    cr_assert_not_null(f);
    cr_expect_eq(f->clave, 1325);
    cr_expect_eq(f->linea, 5);
    cr_expect_null(val_archivo_buscar(&v, "DNI", "99999999"));
}

Test(validacion, semicolon_files_and_no_header)
{
    val_archivo v = lee("DNI;45678912;000123\n", VAL_COLEGIATURA);
    cr_assert_eq(v.n, 1);
    cr_expect_eq(v.filas[0].clave, 123);
}

Test(validacion, every_bad_line_listed)
{
    val_archivo v = lee("tipo_documento,numero_documento,valor\n"
                        "DNI,1234567,12\n"          /* 2: 7 digits */
                        "PASAPORTE,12345678,12\n"   /* 3: tipo */
                        "DNI,12345678,20.5\n"       /* 4: over 20 */
                        "DNI,12345678\n"            /* 5: 2 cells */
                        "DNI,87654321,12.345\n"     /* 6: 3 decimals */
                        "DNI,11111111,15\n"
                        "DNI,11111111,16\n"         /* 8: repeated */
                        "CE,ab12,10\n",             /* 9: CE format */
                        VAL_PPP);
    cr_assert_eq(v.n_errores, 7);
    long lineas[] = {2, 3, 4, 5, 6, 8, 9};
    for (size_t i = 0; i < 7; i++) cr_expect_eq(v.errores[i].linea, lineas[i], "error %zu", i);
    cr_expect(strstr(v.errores[5].motivo, "línea 7") != NULL);
    cr_expect_eq(v.n, 1);
}

Test(validacion, unterminated_quote_and_empty_file)
{
    val_archivo v = lee("DNI,12345678,12\nDNI,\"87654321,13\n", VAL_ENAM);
    cr_expect_eq(v.n_errores, 1);
    cr_expect_eq(v.errores[0].linea, 2);
    v = lee("tipo_documento,numero_documento,valor\n", VAL_ENAM);
    cr_expect_eq(v.n_errores, 1);
    v = lee("", VAL_ENAM);
    cr_expect_eq(v.n_errores, 1);
}

Test(validacion, colegiatura_values)
{
    long c;
    cr_expect(val_clave(VAL_COLEGIATURA, "0045123", &c));
    cr_expect_eq(c, 45123);
    cr_expect_not(val_clave(VAL_COLEGIATURA, "45A", &c));
    cr_expect_not(val_clave(VAL_COLEGIATURA, "12345678901", &c));
    cr_expect_not(val_clave(VAL_COLEGIATURA, "", &c));
}

Test(validacion, comparisons)
{
    val_archivo v = lee("DNI,45678912,14.5\nDNI,10117410,0045123\n", VAL_ENAM);
    const val_fila *f = val_archivo_buscar(&v, "DNI", "45678912");
    cr_expect_eq(val_comparar(VAL_ENAM, "14.50", f), VAL_CONFORME);
    cr_expect_eq(val_comparar(VAL_ENAM, "14.5", f), VAL_CONFORME);
    cr_expect_eq(val_comparar(VAL_ENAM, "15.5", f), VAL_DISCREPANCIA);
    cr_expect_eq(val_comparar(VAL_ENAM, NULL, f), VAL_DISCREPANCIA);
    cr_expect_eq(val_comparar(VAL_ENAM, "15", NULL), VAL_NO_ENCONTRADO);
    cr_expect_eq(val_comparar(VAL_ENAM, NULL, NULL), VAL_NO_APLICA);
    val_archivo c = lee("DNI,10117410,0045123\n", VAL_COLEGIATURA);
    cr_expect_eq(val_comparar(VAL_COLEGIATURA, "45123", val_archivo_buscar(&c, "DNI", "10117410")), VAL_CONFORME);
    cr_expect_str_eq(val_resultado_nombre(VAL_DISCREPANCIA), "DISCREPANCIA");
}

Test(validacion, fuente_names)
{
    cr_expect_eq(val_fuente_desde_nombre("EVALUACION_SERUMS"), VAL_EVALUACION_SERUMS);
    cr_expect_eq(val_fuente_desde_nombre("SUNEDU"), -1);
    cr_expect_str_eq(val_fuente_campo(VAL_PPP), "nota_ppp");
    cr_expect_eq(val_fuente_requisito(VAL_COLEGIATURA), REQ_COLEGIATURA);
}

/* shared/data beside the checkout, or SERUMS_DATA_DIR */
static const char *notas_medicina(void)
{
    const char *env = getenv("SERUMS_DATA_DIR");
    if (env) return arena_printf(&A, "%s/notas-2024/medicina.csv", env);
    char *here = arena_strdup(&A, __FILE__);   /* .../tests/unit/test_validacion.c */
    return arena_printf(&A, "%s/../shared/data/notas-2024/medicina.csv", dirname(dirname(dirname(here))));
}

/* The real 2024 grades: one row per graded applicant, a made-up DNI each. */
Test(validacion, real_grades_file_reads_whole)
{
    FILE *in = fopen(notas_medicina(), "r");
    cr_assert_not_null(in);
    sbuf b;
    sbuf_init(&b, &A, 1 << 16);
    sbuf_adds(&b, "tipo_documento,numero_documento,valor\n");
    char line[256];
    long n = 0, dni = 40000000;
    fgets(line, sizeof line, in);
    while (fgets(line, sizeof line, in)) {
        char *nota = strrchr(line, ',');
        if (!nota) continue;
        nota[strcspn(nota, "\r\n")] = '\0';
        if (!strcmp(nota + 1, "NA")) continue;
        sbuf_addf(&b, "DNI,%08ld,%s\n", dni++, nota + 1);
        n++;
    }
    fclose(in);
    val_archivo v;
    cr_assert_eq(val_archivo_leer(&A, b.p, b.len, VAL_EVALUACION_SERUMS, &v), 0);
    cr_expect_eq(v.n_errores, 0);
    cr_expect_eq((long)v.n, n);
    cr_expect_gt(n, 2000);
}
