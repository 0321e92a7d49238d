/* test_arena.c - the per-request allocator and its cleanups. */
#include "arena.h"
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

static int cleaned;
static void count_cleanup(void *p) { cleaned += *(int *)p; }

Test(arena, allocates_aligned_and_large_blocks)
{
    arena a;
    arena_init(&a, 1024);
    for (int i = 0; i < 100; i++) {
        char *p = arena_alloc(&a, 37);
        cr_assert_not_null(p);
        cr_expect_eq((uintptr_t)p % 16, 0);
        memset(p, 'x', 37);
    }
    char *big = arena_alloc(&a, 100000);
    cr_assert_not_null(big);
    memset(big, 0, 100000);
    arena_reset(&a);
    cr_expect_eq(a.used_total, 0);
    arena_free(&a);
}

Test(arena, cleanups_run_on_reset)
{
    arena a;
    arena_init(&a, 1024);
    int one = 1;
    cleaned = 0;
    arena_defer(&a, count_cleanup, &one);
    arena_defer(&a, count_cleanup, &one);
    arena_reset(&a);
    cr_expect_eq(cleaned, 2);
    arena_reset(&a);
    cr_expect_eq(cleaned, 2);
    arena_free(&a);
}

Test(arena, string_buffer_grows)
{
    arena a;
    arena_init(&a, 256);
    sbuf b;
    sbuf_init(&b, &a, 4);
    for (int i = 0; i < 1000; i++) sbuf_addf(&b, "%d,", i);
    cr_expect_eq(strncmp(sbuf_cstr(&b), "0,1,2,", 6), 0);
    cr_expect_eq(b.len, strlen(b.p));
    char *s = arena_printf(&a, "%s-%d", "x", 5);
    cr_expect_str_eq(s, "x-5");
    arena_free(&a);
}
