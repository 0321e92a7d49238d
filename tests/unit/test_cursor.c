/* test_cursor.c - sealed page cursors: a round trip, and every way a cursor
 * can be wrong (altered, another context, another key, another field count,
 * not base64url) fails to open. */
#include "cursor.h"
#include <criterion/criterion.h>
#include <string.h>

static arena a;
static void setup(void) { arena_init(&a, 1 << 16); }
static void teardown(void) { arena_free(&a); }
TestSuite(cursor, .init = setup, .fini = teardown);

static const char *const F[] = {"establecimiento", "CENTRODESALUDSANJUAN", "1841", "37"};

Test(cursor, round_trip_gives_the_fields_back)
{
    const char *c = cursor_seal(&a, "secreto", "plazas|1|MEDICINA", F, 4);
    cr_assert(c);
    cr_expect_leq(strlen(c), 200);
    const char *out[4];
    cr_assert(cursor_open(&a, "secreto", "plazas|1|MEDICINA", c, out, 4));
    for (int i = 0; i < 4; i++) cr_expect_str_eq(out[i], F[i]);
}

Test(cursor, empty_fields_survive)
{
    const char *const g[] = {"id", "", "5", "9"};
    const char *c = cursor_seal(&a, "s", "ctx", g, 4);
    const char *out[4];
    cr_assert(cursor_open(&a, "s", "ctx", c, out, 4));
    cr_expect_str_eq(out[1], "");
    cr_expect_str_eq(out[3], "9");
}

Test(cursor, another_context_key_or_count_does_not_open)
{
    const char *c = cursor_seal(&a, "secreto", "ctx-a", F, 4);
    const char *out[4];
    cr_expect_not(cursor_open(&a, "secreto", "ctx-b", c, out, 4));
    cr_expect_not(cursor_open(&a, "otro", "ctx-a", c, out, 4));
    cr_expect_not(cursor_open(&a, "secreto", "ctx-a", c, out, 3));
}

Test(cursor, every_altered_character_is_refused)
{
    const char *c = cursor_seal(&a, "secreto", "ctx", F, 4);
    size_t n = strlen(c);
    const char *out[4];
    for (size_t i = 0; i < n; i++) {
        char *t = arena_strdup(&a, c);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        cr_expect_not(cursor_open(&a, "secreto", "ctx", t, out, 4), "position %zu", i);
    }
    cr_expect_not(cursor_open(&a, "secreto", "ctx", "%%", out, 4));
    cr_expect_not(cursor_open(&a, "secreto", "ctx", "", out, 4));
    cr_expect_not(cursor_open(&a, "secreto", "ctx", "aWQfHzE4NDE", out, 4), "an unsealed old cursor");
}

Test(cursor, fields_with_the_separator_are_not_sealed)
{
    const char *const g[] = {"a\x1f"
                             "b"};
    cr_expect_null(cursor_seal(&a, "s", "ctx", g, 1));
}
