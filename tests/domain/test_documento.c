/* test_documento.c - DNI check digit, Carné de Extranjería and the date rules
 * of registration (src/documento.c). */
#include "documento.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(documento, .init = setup, .fini = teardown);

Test(documento, dni_check_digit_of_the_manual_example)
{
    char n, l;
    cr_assert(dni_digitos_verificacion("10117410", &n, &l));
    cr_expect_eq(n, '2');
    cr_expect_eq(l, 'G');
    cr_expect(dni_digito_valido("10117410", "2"));
    cr_expect(dni_digito_valido("10117410", "G"));
    cr_expect(dni_digito_valido("10117410", "g"));
    cr_expect(!dni_digito_valido("10117410", "3"));
    cr_expect(!dni_digito_valido("10117410", "K"));
    cr_expect(!dni_digito_valido("10117410", "22"));
    cr_expect(!dni_digito_valido("10117410", ""));
    cr_expect(!dni_digito_valido("10117410", NULL));
}

Test(documento, dni_check_digit_covers_every_remainder)
{
    /* weights 3,2,7,6,5,4,3,2: a single non-zero digit d at the last place gives 2d */
    char n, l;
    cr_assert(dni_digitos_verificacion("00000000", &n, &l));
    cr_expect_eq(n, '6');
    cr_expect_eq(l, 'K');
    cr_assert(dni_digitos_verificacion("00000005", &n, &l));   /* 10 % 11 = 10 */
    cr_expect_eq(n, '7');
    cr_expect_eq(l, 'A');
    cr_assert(dni_digitos_verificacion("00000003", &n, &l));   /* 6 */
    cr_expect_eq(n, '1');
    cr_expect_eq(l, 'E');
}

Test(documento, dni_number_must_be_eight_digits)
{
    char n, l;
    cr_expect(!dni_digitos_verificacion("1011741", &n, &l));
    cr_expect(!dni_digitos_verificacion("101174100", &n, &l));
    cr_expect(!dni_digitos_verificacion("1011741a", &n, &l));
    cr_expect(!dni_digitos_verificacion("", &n, &l));
    cr_expect(!dni_digitos_verificacion(NULL, &n, &l));
}

static verr check(const char *tipo, const char *numero, const char *digito, const char *nac, const char *emi,
                  const char *sunedu)
{
    verr e;
    verr_init(&e, &A);
    documento_datos d = {tipo, numero, digito, nac, emi, sunedu};
    documento_validar(&d, "2026-03-15", &e);
    return e;
}

Test(documento, a_valid_dni_passes)
{
    verr e = check("DNI", "10117410", "2", "1990-01-01", "2010-05-05", NULL);
    cr_expect_eq(e.n, 0);
}

Test(documento, each_wrong_dni_field_is_reported_once)
{
    verr e = check("DNI", "10117410", "5", "1990-01-01", "2010-05-05", NULL);
    cr_expect(verr_has(&e, "digito_verificacion"));
    cr_expect_eq(e.n, 1);
    e = check("DNI", "1011741", "2", "1990-01-01", "2010-05-05", NULL);
    cr_expect(verr_has(&e, "numero_documento"));
    e = check("DNI", "10117410", NULL, "1990-01-01", "2010-05-05", NULL);
    cr_expect(verr_has(&e, "digito_verificacion"));
    e = check("DNI", "10117410", "2", "1990-01-01", NULL, NULL);
    cr_expect(verr_has(&e, "fecha_emision"));
    e = check("DNI", "10117410", "2", "1990-01-01", "2010-05-05", "X12345");
    cr_expect(verr_has(&e, "numero_documento_sunedu"));
}

Test(documento, dates_that_make_sense)
{
    verr e = check("DNI", "10117410", "2", "2027-01-01", "2010-05-05", NULL);
    cr_expect(verr_has(&e, "fecha_nacimiento"), "birth in the future");
    e = check("DNI", "10117410", "2", "1990-01-01", "2026-03-16", NULL);
    cr_expect(verr_has(&e, "fecha_emision"), "issue in the future");
    e = check("DNI", "10117410", "2", "1990-01-01", "1989-12-31", NULL);
    cr_expect(verr_has(&e, "fecha_emision"), "issue before birth");
    e = check("DNI", "10117410", "2", "1990-01-01", "1990-01-01", NULL);
    cr_expect(verr_has(&e, "fecha_emision"), "issue on the birth day");
    e = check("DNI", "10117410", "2", "1890-01-01", "2010-01-01", NULL);
    cr_expect(verr_has(&e, "fecha_nacimiento"), "implausible birth");
}

Test(documento, eighteen_years_or_older_on_the_day)
{
    verr e = check("DNI", "10117410", "2", "2008-03-15", "2024-01-01", NULL);
    cr_expect_eq(e.n, 0, "18 today");
    e = check("DNI", "10117410", "2", "2008-03-16", "2024-01-01", NULL);
    cr_expect(verr_has(&e, "fecha_nacimiento"), "18 tomorrow");
    cr_expect_str_eq(e.head->code, "MENOR_DE_EDAD");
    cr_expect_eq(documento_edad("2000-02-29", "2018-02-28"), 17);
    cr_expect_eq(documento_edad("2000-02-29", "2018-03-01"), 18);
}

Test(documento, carne_de_extranjeria)
{
    verr e = check("CE", "001234567", NULL, "1990-01-01", NULL, NULL);
    cr_expect_eq(e.n, 0);
    e = check("CE", "001234567", NULL, "1990-01-01", NULL, "P1234567");
    cr_expect_eq(e.n, 0);
    e = check("CE", "12345", NULL, "1990-01-01", NULL, NULL);
    cr_expect(verr_has(&e, "numero_documento"));
    e = check("CE", "00123-4567", NULL, "1990-01-01", NULL, NULL);
    cr_expect(verr_has(&e, "numero_documento"));
    e = check("CE", "001234567", "2", "1990-01-01", NULL, NULL);
    cr_expect(verr_has(&e, "digito_verificacion"));
    e = check("CE", "001234567", NULL, "1990-01-01", NULL, "P-1");
    cr_expect(verr_has(&e, "numero_documento_sunedu"));
    e = check("CE", "001234567", NULL, "2010-01-01", NULL, NULL);
    cr_expect(verr_has(&e, "fecha_nacimiento"));
}

Test(documento, today_in_lima_is_utc_minus_five)
{
    char out[11];
    documento_hoy_lima(1767240000, out);   /* 2026-01-01T04:00:00Z = 2025-12-31 23:00 in Lima */
    cr_expect_str_eq(out, "2025-12-31");
    documento_hoy_lima(1767243600, out);   /* 05:00Z = midnight in Lima */
    cr_expect_str_eq(out, "2026-01-01");
}
