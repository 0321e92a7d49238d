/* test_query.c - query strings and percent decoding. */
#include "query.h"
#include <criterion/criterion.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(query, .init = setup, .fini = teardown);

Test(query, parses_pairs_and_decodes)
{
    query q;
    cr_assert_eq(query_parse(&A, "a=1&b=hola+mundo&c=%C3%B1&d&&e=", 64, &q), 0);
    cr_expect_str_eq(query_get(&q, "a"), "1");
    cr_expect_str_eq(query_get(&q, "b"), "hola mundo");
    cr_expect_str_eq(query_get(&q, "c"), "ñ");
    cr_expect_str_eq(query_get(&q, "d"), "");
    cr_expect_str_eq(query_get(&q, "e"), "");
    cr_expect_null(query_get(&q, "z"));
}

Test(query, repeated_keys_counted)
{
    query q;
    cr_assert_eq(query_parse(&A, "x=1&x=2", 64, &q), 0);
    cr_expect_eq(query_count(&q, "x"), 2);
    cr_expect_str_eq(query_get(&q, "x"), "1");
}

Test(query, refuses_bad_escapes_nul_and_too_many)
{
    query q;
    cr_expect_neq(query_parse(&A, "a=%G1", 64, &q), 0);
    cr_expect_neq(query_parse(&A, "a=%4", 64, &q), 0);
    cr_expect_neq(query_parse(&A, "a=%00", 64, &q), 0);
    cr_expect_neq(query_parse(&A, "a&b&c", 2, &q), 0);
}

Test(query, empty_is_fine)
{
    query q;
    cr_expect_eq(query_parse(&A, NULL, 64, &q), 0);
    cr_expect_eq(q.n, 0);
    cr_expect_eq(query_parse(&A, "", 64, &q), 0);
}

Test(query, utf8_validation)
{
    cr_expect(utf8_valid("hola ñandú €"));
    cr_expect(!utf8_valid("\xff\xfe"));
    cr_expect(!utf8_valid("\xc0\xaf"));          /* overlong */
    cr_expect(!utf8_valid("\xed\xa0\x80"));      /* surrogate */
    cr_expect(!utf8_valid("\xf4\x90\x80\x80"));  /* past U+10FFFF */
    cr_expect(!utf8_valid("\xe2\x82"));          /* truncated */
    query q;
    cr_assert_eq(query_parse(&A, "cursor=%ff%fe", 64, &q), 0);
    cr_expect(!query_utf8_valid(&q));
}
