/* test_json.c - the strict JSON parser, field reader and writer. */
#include "json.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(json, .init = setup, .fini = teardown);

static int parse(const char *s, jv **out)
{
    char err[160];
    return json_parse(&A, s, strlen(s), &JSON_BODY_LIMITS, out, err, sizeof err);
}

Test(json, parses_nested_values)
{
    jv *v;
    cr_assert_eq(parse("{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"c\":\"ñ\"}}", &v), 0);
    cr_assert_eq(v->t, JV_OBJECT);
    const jv *a = jv_get(v, "a");
    cr_assert_eq(a->n, 5);
    cr_expect(a->items[0]->is_int);
    cr_expect(!a->items[1]->is_int);
    cr_expect_str_eq(jv_get(jv_get(v, "b"), "c")->s, "ñ");
}

Test(json, refuses_malformed_and_trailing_garbage)
{
    jv *v;
    cr_expect_neq(parse("{\"a\":", &v), 0);
    cr_expect_neq(parse("{} {}", &v), 0);
    cr_expect_neq(parse("{'a':1}", &v), 0);
    cr_expect_neq(parse("", &v), 0);
    cr_expect_neq(parse("{\"a\":1,}", &v), 0);
    cr_expect_neq(parse("/*c*/{}", &v), 0);
}

Test(json, refuses_duplicate_keys)
{
    jv *v;
    cr_expect_neq(parse("{\"a\":1,\"a\":2}", &v), 0);
}

Test(json, refuses_invalid_utf8_and_nul)
{
    jv *v;
    cr_expect_neq(parse("{\"a\":\"\xff\"}", &v), 0);
    cr_expect_neq(parse("{\"a\":\"x\\u0000y\"}", &v), 0);
}

/* yajl lets these byte patterns through; the reader must not. */
Test(json, refuses_overlong_surrogate_and_out_of_range_utf8)
{
    jv *v;
    cr_expect_neq(parse("{\"a\":\"\xC0\xAF\"}", &v), 0, "overlong C0 AF");
    cr_expect_neq(parse("{\"a\":\"\xED\xA0\x80\"}", &v), 0, "surrogate ED A0 80");
    cr_expect_neq(parse("{\"a\":\"\xF4\x90\x80\x80\"}", &v), 0, "above U+10FFFF");
    cr_expect_neq(parse("{\"\xED\xA0\x80\":1}", &v), 0, "surrogate in a key");
    cr_expect_eq(parse("{\"a\":\"\xF4\x8F\xBF\xBF \xE2\x82\xAC\"}", &v), 0, "U+10FFFF and the euro sign are valid");
}

Test(json, depth_limit)
{
    char deep[200] = "";
    for (int i = 0; i < 33; i++) strcat(deep, "[");
    for (int i = 0; i < 33; i++) strcat(deep, "]");
    jv *v;
    cr_expect_neq(parse(deep, &v), 0);
    deep[0] = '\0';
    for (int i = 0; i < 32; i++) strcat(deep, "[");
    for (int i = 0; i < 32; i++) strcat(deep, "]");
    cr_expect_eq(parse(deep, &v), 0);
}

Test(json, size_limit)
{
    size_t n = 64 * 1024 + 1;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    big[n] = '\0';
    jv *v;
    char err[160];
    cr_expect_neq(json_parse(&A, big, n, &JSON_BODY_LIMITS, &v, err, sizeof err), 0);
    free(big);
}

Test(json, reader_reports_each_field_and_unknown_ones)
{
    jv *v;
    cr_assert_eq(parse("{\"email\":5,\"n\":3.5,\"extra\":1,\"d\":\"2024-02-30\",\"e\":\"X\"}", &v), 0);
    verr e;
    verr_init(&e, &A);
    jr r;
    cr_assert(jr_open(&r, &A, v, &e, NULL));
    static const char *const opts[] = {"A", "B", NULL};
    long n;
    cr_expect_null(jr_str(&r, "email", JR_REQUIRED, 3, 254));
    cr_expect(!jr_int(&r, "n", JR_REQUIRED, 0, 10, &n));
    cr_expect_null(jr_date(&r, "d", JR_REQUIRED));
    cr_expect_null(jr_enum(&r, "e", JR_REQUIRED, opts));
    cr_expect_null(jr_str(&r, "falta", JR_REQUIRED, 1, 10));
    jr_close(&r);
    cr_expect_eq(e.n, 6);
    cr_expect(verr_has(&e, "extra"));
    cr_expect(verr_has(&e, "falta"));
}

Test(json, reader_accepts_good_values)
{
    jv *v;
    cr_assert_eq(parse("{\"s\":\"hola\",\"b\":true,\"i\":7,\"d\":\"2024-02-29\",\"x\":15.25,\"o\":null}", &v), 0);
    verr e;
    verr_init(&e, &A);
    jr r;
    jr_open(&r, &A, v, &e, NULL);
    bool b = false;
    long i = 0;
    cr_expect_str_eq(jr_str(&r, "s", JR_REQUIRED, 1, 10), "hola");
    cr_expect(jr_bool(&r, "b", JR_REQUIRED, &b) && b);
    cr_expect(jr_int(&r, "i", JR_REQUIRED, 0, 10, &i) && i == 7);
    cr_expect_str_eq(jr_date(&r, "d", JR_REQUIRED), "2024-02-29");
    cr_expect_str_eq(jr_decimal(&r, "x", JR_REQUIRED, 0, 20, 2), "15.25");
    cr_expect_null(jr_take(&r, "o", JR_OPTIONAL));
    jr_close(&r);
    cr_expect_eq(e.n, 0);
}

Test(json, decimal_precision_and_range)
{
    jv *v;
    cr_assert_eq(parse("{\"a\":15.255,\"b\":20.5,\"c\":1e1}", &v), 0);
    verr e;
    verr_init(&e, &A);
    jr r;
    jr_open(&r, &A, v, &e, NULL);
    cr_expect_null(jr_decimal(&r, "a", JR_REQUIRED, 0, 20, 2));
    cr_expect_null(jr_decimal(&r, "b", JR_REQUIRED, 0, 20, 2));
    cr_expect_null(jr_decimal(&r, "c", JR_REQUIRED, 0, 20, 2));
    cr_expect_eq(e.n, 3);
}

Test(json, writer_escapes_strings)
{
    jw *w = jw_new(&A);
    jw_obj(w);
    jw_kstr(w, "a", "comillas \" y \\ y\nsalto");
    jw_kint(w, "n", -5);
    jw_kstr(w, "z", NULL);
    jw_end_obj(w);
    size_t len;
    const char *s = jw_finish(w, &len);
    cr_expect_str_eq(s, "{\"a\":\"comillas \\\" y \\\\ y\\nsalto\",\"n\":-5,\"z\":null}");
}
