/* test_csv_formula.c - issue 9, probe 11: cells a spreadsheet would evaluate
 * (= + - @, tab, CR first) are written as text with a leading quote; plain
 * numbers, negative ones included, stay numbers. */
#include "arena.h"
#include "csv.h"
#include <criterion/criterion.h>

static const char *cell(arena *a, const char *v)
{
    sbuf b;
    sbuf_init(&b, a, 64);
    csv_write_cell(&b, v, ',');
    return sbuf_cstr(&b);
}

Test(csv_formula, formula_cells_become_text)
{
    arena a;
    arena_init(&a, 4096);
    cr_expect_str_eq(cell(&a, "=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    cr_expect_str_eq(cell(&a, "+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
    cr_expect_str_eq(cell(&a, "-2+3"), "\"'-2+3\"");
    cr_expect_str_eq(cell(&a, "@SUM(A1)"), "\"'@SUM(A1)\"");
    cr_expect_str_eq(cell(&a, "\tx"), "\"'\tx\"");
    cr_expect_str_eq(cell(&a, "\r=1"), "\"'\r=1\"");
    arena_free(&a);
}

Test(csv_formula, numbers_and_ordinary_text_unchanged)
{
    arena a;
    arena_init(&a, 4096);
    cr_expect_str_eq(cell(&a, "-71.9675"), "-71.9675");
    cr_expect_str_eq(cell(&a, "+51"), "+51");
    cr_expect_str_eq(cell(&a, "-3"), "-3");
    cr_expect_str_eq(cell(&a, "HOSPITAL ANTONIO LORENA"), "HOSPITAL ANTONIO LORENA");
    cr_expect_str_eq(cell(&a, "C.S. = SANTIAGO"), "C.S. = SANTIAGO");
    cr_expect_str_eq(cell(&a, ""), "");
    cr_expect(csv_cell_is_formula("-"));
    cr_expect(csv_cell_is_formula("-1."));
    cr_expect_not(csv_cell_is_formula(NULL));
    arena_free(&a);
}
