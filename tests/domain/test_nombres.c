/* test_nombres.c - the name validator (domain/nombres.c): accented and
 * compound names pass; CR/LF, other controls, bidi overrides and invisible
 * characters, invalid UTF-8, blank and over-long names are refused. */
#include "nombres.h"
#include <criterion/criterion.h>

Test(nombres, real_names_pass)
{
    const char *ok[] = {"Ana Lucía", "María José", "Ñahui", "D'Alessandro", "Quispe-Mamani", "Ü", "Ramírez de la Cruz",
                        "O’Brien", "Zoë", "Nguyễn", NULL};
    for (const char *const *n = ok; *n; n++) cr_expect_eq(nombre_validar(*n, 100), NOMBRE_OK, "%s", *n);
}

Test(nombres, line_breaks_and_controls_refused)
{
    cr_expect_eq(nombre_validar("Ana\r\nX-Inyectado: 1", 100), NOMBRE_CARACTER_CONTROL);
    cr_expect_eq(nombre_validar("Ana\nLucía", 100), NOMBRE_CARACTER_CONTROL);
    cr_expect_eq(nombre_validar("Ana\tLucía", 100), NOMBRE_CARACTER_CONTROL);
    cr_expect_eq(nombre_validar("Ana\x7f", 100), NOMBRE_CARACTER_CONTROL);
    cr_expect_eq(nombre_validar("Ana\xc2\x85", 100), NOMBRE_CARACTER_CONTROL);        /* U+0085 NEL */
    cr_expect_eq(nombre_validar("Ana\xe2\x80\xa8", 100), NOMBRE_CARACTER_CONTROL);    /* U+2028 */
    cr_expect_str_eq(nombre_resultado_codigo(NOMBRE_CARACTER_CONTROL), "CARACTER_NO_PERMITIDO");
}

Test(nombres, bidi_and_invisible_refused)
{
    cr_expect_eq(nombre_validar("Ana\xe2\x80\xaeodaloc", 100), NOMBRE_CARACTER_INVISIBLE);  /* U+202E RLO */
    cr_expect_eq(nombre_validar("\xe2\x80\xaaAna", 100), NOMBRE_CARACTER_INVISIBLE);        /* U+202A LRE */
    cr_expect_eq(nombre_validar("Ana\xe2\x81\xa6", 100), NOMBRE_CARACTER_INVISIBLE);        /* U+2066 LRI */
    cr_expect_eq(nombre_validar("Ana\xe2\x80\x8f", 100), NOMBRE_CARACTER_INVISIBLE);        /* U+200F RLM */
    cr_expect_eq(nombre_validar("A\xe2\x80\x8bna", 100), NOMBRE_CARACTER_INVISIBLE);        /* U+200B ZWSP */
    cr_expect_eq(nombre_validar("\xef\xbb\xbf" "Ana", 100), NOMBRE_CARACTER_INVISIBLE);     /* BOM */
    cr_expect_str_eq(nombre_resultado_codigo(NOMBRE_CARACTER_INVISIBLE), "CARACTER_NO_PERMITIDO");
}

Test(nombres, malformed_blank_and_long)
{
    cr_expect_eq(nombre_validar("Ana\xc0\xaf", 100), NOMBRE_UTF8_INVALIDO);            /* overlong */
    cr_expect_eq(nombre_validar("Ana\xed\xa0\x80", 100), NOMBRE_UTF8_INVALIDO);        /* surrogate */
    cr_expect_eq(nombre_validar("Ana\xf4\x90\x80\x80", 100), NOMBRE_UTF8_INVALIDO);    /* > U+10FFFF */
    cr_expect_eq(nombre_validar("", 100), NOMBRE_VACIO);
    cr_expect_eq(nombre_validar("   ", 100), NOMBRE_VACIO);
    cr_expect_eq(nombre_validar(NULL, 100), NOMBRE_VACIO);
    cr_expect_eq(nombre_validar("Ñañañaña", 8), NOMBRE_OK, "characters, not bytes");
    cr_expect_eq(nombre_validar("Ñañañañaa", 8), NOMBRE_LARGO);
}
