/* test_decimal.c - exact decimals: parsing, arithmetic, half-up rounding, text. */
#include "decimal.h"
#include <criterion/criterion.h>
#include <string.h>

static char B[DEC_TEXTO];
static dec D(const char *s)
{
    dec d;
    cr_assert_eq(dec_parse_cstr(s, 18, &d), 0, "%s", s);
    return d;
}

Test(decimal, parses_and_formats_canonically)
{
    cr_expect_str_eq(dec_format(D("12"), B, sizeof B), "12");
    cr_expect_str_eq(dec_format(D("0.70"), B, sizeof B), "0.70");
    cr_expect_str_eq(dec_format(D("-3.05"), B, sizeof B), "-3.05");
    cr_expect_str_eq(dec_format(D("007.5"), B, sizeof B), "7.5");
}

Test(decimal, refuses_what_is_not_a_plain_decimal)
{
    dec d;
    const char *bad[] = {"", ".5", "5.", "1e3", "+1", " 1", "1,5", "1.2.3", "-", "abc", "99999999999999999999", NULL};
    for (int i = 0; bad[i]; i++) cr_expect_neq(dec_parse_cstr(bad[i], 18, &d), 0, "%s", bad[i]);
    cr_expect_neq(dec_parse_cstr("1.12345", 4, &d), 0);
    cr_expect_eq(dec_parse_cstr("1.1234", 4, &d), 0);
}

Test(decimal, compares_exactly_across_scales)
{
    cr_expect_eq(dec_cmp(D("1.50"), D("1.5")), 0);
    cr_expect_eq(dec_cmp(D("1.499999999"), D("1.5")), -1);
    cr_expect_eq(dec_cmp(D("2"), D("1.999999999999999999")), 1);
    cr_expect_eq(dec_cmp(D("-1"), D("0")), -1);
}

Test(decimal, rounds_half_up_at_the_scale)
{
    dec r;
    cr_assert_eq(dec_round(D("16.6250005"), 6, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "16.625001");
    cr_assert_eq(dec_round(D("16.6250004999"), 6, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "16.625000");
    cr_assert_eq(dec_round(D("2.5"), 0, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "3");
    cr_assert_eq(dec_round(D("-2.5"), 0, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "-3");
    cr_assert_eq(dec_round(D("1.2"), 3, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "1.200");
}

Test(decimal, the_2026_formula_is_exact_where_floats_are_not)
{
    /* 0.7 × 14.35 + 0.3 × 15.21 = 14.608 exactly; in binary floating point it is 14.607999… */
    dec a, b, s, r;
    cr_assert_eq(dec_mul(D("0.7"), D("14.35"), &a), 0);
    cr_assert_eq(dec_mul(D("0.3"), D("15.21"), &b), 0);
    cr_assert_eq(dec_add(a, b, &s), 0);
    cr_assert_eq(dec_round(s, 2, &r), 0);
    cr_expect_str_eq(dec_format(r, B, sizeof B), "14.61");
    cr_expect_eq(dec_cmp(s, D("14.608")), 0);
}

Test(decimal, overflow_is_reported_not_wrapped)
{
    dec r;
    cr_expect_neq(dec_mul(D("9999999999"), D("9999999999"), &r), 0);
    cr_expect_neq(dec_mul(D("0.000000001"), D("0.0000000001"), &r), 0);  /* scale 19 */
    cr_expect_neq(dec_add(D("9223372036854775807"), D("1"), &r), 0);
    cr_expect_neq(dec_round(D("9223372036854775807"), 2, &r), 0);
}
