/* test_token_successor.c - the rotation successor of a refresh token
 * (token_successor): the same for the same token and secret, different for
 * another token or secret, in the form of token_random, and never the hash
 * that is stored. */
#include "token.h"
#include <criterion/criterion.h>
#include <sodium.h>
#include <string.h>

Test(token_successor, deterministic_and_keyed)
{
    cr_assert(sodium_init() >= 0);
    arena a;
    arena_init(&a, 4096);
    const char *t = token_random(&a);
    const char *s1 = token_successor(&a, "secreto-uno", t), *s2 = token_successor(&a, "secreto-uno", t);
    cr_expect_str_eq(s1, s2);
    cr_expect_eq(strlen(s1), strlen(t));
    cr_expect_eq(strspn(s1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), strlen(s1));
    cr_expect_str_neq(s1, token_successor(&a, "secreto-dos", t));
    cr_expect_str_neq(s1, token_successor(&a, "secreto-uno", token_random(&a)));
    cr_expect_str_neq(s1, t);
    arena_free(&a);
}
