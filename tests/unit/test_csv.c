/* test_csv.c - the CSV reader (quotes, line breaks inside cells, BOM, line
 * numbers, limits), delimiter sniffing and the writer. */
#include "csv.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(csv, .init = setup, .fini = teardown);

static int next(csv_reader *r, csv_record *rec) { return csv_next(r, &A, rec); }

Test(csv, reads_plain_records_and_line_numbers)
{
    const char *s = "a;b;c\r\n1;2;3\n\nx;;z";
    csv_reader r;
    csv_init(&r, s, strlen(s), ';');
    csv_record rec;
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_eq(rec.n, 3);
    cr_expect_str_eq(rec.cells[2], "c");
    cr_expect_eq(rec.line, 1);
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_eq(rec.line, 2);
    cr_expect_str_eq(rec.cells[0], "1");
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect(csv_record_blank(&rec));
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_eq(rec.line, 4);
    cr_expect_str_eq(rec.cells[1], "");
    cr_expect_str_eq(rec.cells[2], "z");
    cr_expect_eq(next(&r, &rec), 0);
}

Test(csv, quoted_cells_keep_delimiters_quotes_and_line_breaks)
{
    const char *s = "\xEF\xBB\xBF\"SEDE\r\nCENTRAL\";\"a;b\";\"dice \"\"hola\"\"\"\nsiguiente;2;3\n";
    csv_reader r;
    csv_init(&r, s, strlen(s), ';');
    csv_record rec;
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_str_eq(rec.cells[0], "SEDE\nCENTRAL");
    cr_expect_str_eq(rec.cells[1], "a;b");
    cr_expect_str_eq(rec.cells[2], "dice \"hola\"");
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_eq(rec.line, 3, "the record after a two-line cell starts on line 3");
    cr_expect_str_eq(rec.cells[0], "siguiente");
}

Test(csv, unterminated_quote_is_an_error_with_its_line)
{
    const char *s = "a;b\n1;\"abierta\n2;3\n";
    csv_reader r;
    csv_init(&r, s, strlen(s), ';');
    csv_record rec;
    cr_assert_eq(next(&r, &rec), 1);
    cr_expect_eq(next(&r, &rec), -1);
    cr_expect_eq(r.error_line, 2);
    cr_expect_not_null(r.error);
    cr_expect_eq(next(&r, &rec), 0, "nothing after an error");
}

Test(csv, too_many_fields_is_an_error)
{
    char s[CSV_MAX_FIELDS * 2 + 8];
    memset(s, ';', CSV_MAX_FIELDS + 1);
    s[CSV_MAX_FIELDS + 1] = '\0';
    csv_reader r;
    csv_init(&r, s, strlen(s), ';');
    csv_record rec;
    cr_expect_eq(next(&r, &rec), -1);
}

Test(csv, sniffs_the_delimiter_outside_quotes)
{
    cr_expect_eq(csv_sniff("a;b;c\n", 6), ';');
    cr_expect_eq(csv_sniff("\"x;y;z\",b,c\n", 12), ',');
    cr_expect_eq(csv_sniff("\n\na\tb\tc", 7), '\t');
    cr_expect_eq(csv_sniff("solo texto\n", 11), '\0');
}

Test(csv, writer_quotes_only_when_needed)
{
    sbuf b;
    sbuf_init(&b, &A, 16);
    csv_write_cell(&b, "simple", ',');
    sbuf_adds(&b, "|");
    csv_write_cell(&b, "con, coma", ',');
    sbuf_adds(&b, "|");
    csv_write_cell(&b, "dice \"no\"\nfin", ',');
    cr_expect_str_eq(sbuf_cstr(&b), "simple|\"con, coma\"|\"dice \"\"no\"\"\nfin\"");
}
