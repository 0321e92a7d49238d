/* test_sorteo.c - the verifiable lottery: pool text, H_pool, commitment,
 * seed_input, seed and keys, recomputed here with the openssl command line
 * (the two commands the README shows), and the order by key then id. */
#include "sorteo.h"
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(sorteo, .init = setup, .fini = teardown);

static const char *S_HEX = "8f2b6c1d9e0a4f3b7c5d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d";

/* runs a shell command, returns its first output line */
static char *sh(const char *cmd)
{
    FILE *f = popen(cmd, "r");
    cr_assert_not_null(f);
    static char line[512];
    line[0] = 0;
    cr_assert_not_null(fgets(line, sizeof line, f), "%s", cmd);
    pclose(f);
    line[strcspn(line, "\n")] = 0;
    char *sp = strrchr(line, ' ');                /* "SHA2-256(stdin)= <hex>" */
    return sp ? sp + 1 : line;
}

Test(sorteo, pool_text_is_sorted_ids_each_ending_in_lf)
{
    int64_t ids[] = {30, 4, 1000, 7};
    char *t;
    size_t n;
    cr_assert_eq(sorteo_pool(&A, ids, 4, &t, &n), 0);
    cr_expect_str_eq(t, "4\n7\n30\n1000\n");
    cr_expect_eq(n, strlen(t));
    int64_t dup[] = {3, 5, 3};
    cr_expect_neq(sorteo_pool(&A, dup, 3, &t, &n), 0);
}

Test(sorteo, commitment_is_sha256_of_the_secret_bytes)
{
    unsigned char s[32], c[32];
    cr_assert_eq(sodium_hex2bin(s, 32, S_HEX, 64, NULL, NULL, NULL), 0);
    crypto_hash_sha256(c, s, 32);
    char c_hex[65];
    sorteo_hex(c, 32, c_hex);
    cr_expect(sorteo_compromiso_valido(S_HEX, c_hex));
    char otro[65];
    strcpy(otro, S_HEX);
    otro[0] = '9';
    cr_expect_not(sorteo_compromiso_valido(otro, c_hex));
    cr_expect_not(sorteo_compromiso_valido("abc", c_hex));
    cr_expect_not(sorteo_compromiso_valido(S_HEX, "zz"));
    /* openssl agrees: xxd -r -p turns the hex into the 32 bytes */
    char *o = sh(arena_printf(&A, "printf %%s %s | xxd -r -p | openssl dgst -sha256", S_HEX));
    cr_expect_str_eq(o, c_hex);
}

Test(sorteo, hex_is_normalized_to_lowercase)
{
    cr_expect_str_eq(sorteo_hex_normal(&A, "ABcd09", 2, 10), "abcd09");
    cr_expect_null(sorteo_hex_normal(&A, "abc", 2, 10));
    cr_expect_null(sorteo_hex_normal(&A, "zz", 2, 10));
    cr_expect_null(sorteo_hex_normal(&A, "", 2, 10));
}

Test(sorteo, seed_and_keys_match_the_two_openssl_commands)
{
    int64_t ids[] = {101, 7, 5003, 42, 9};
    char *pool;
    size_t n;
    cr_assert_eq(sorteo_pool(&A, ids, 5, &pool, &n), 0);
    char h_pool[65];
    sorteo_sha256_hex(pool, n, h_pool);
    cr_expect_str_eq(sh(arena_printf(&A, "printf '%s' | openssl dgst -sha256", "7\\n9\\n42\\n101\\n5003\\n")), h_pool);
    sorteo_datos d = {"2026-I", "REMUNERADA", "BIOLOGIA", h_pool,
                      "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", S_HEX};
    char *si = sorteo_seed_input(&A, &d);
    cr_expect_str_eq(si, arena_printf(&A, "SERUMS-SORTEO-v1\n2026-I\nREMUNERADA\nBIOLOGIA\n%s\n%s\n%s\n", h_pool,
                                      d.beacon_hex, S_HEX));
    unsigned char seed[32];
    sorteo_seed(si, seed);
    char seed_hex[65];
    sorteo_hex(seed, 32, seed_hex);
    /* command 1: seed = SHA-256(seed_input) */
    FILE *f = fopen("build-sorteo-seed-input.txt", "w");
    cr_assert_not_null(f);
    fputs(si, f);
    fclose(f);
    cr_expect_str_eq(sh("openssl dgst -sha256 build-sorteo-seed-input.txt"), seed_hex);
    remove("build-sorteo-seed-input.txt");
    /* command 2: key(id) = HMAC-SHA256(key = the seed's bytes, id as decimal text) */
    sorteo_item *it = sorteo_ordenar(&A, seed, ids, 5);
    cr_assert_not_null(it);
    for (int i = 0; i < 5; i++) {
        char k[65];
        sorteo_hex(it[i].clave, 32, k);
        char *o = sh(arena_printf(&A, "printf %%s %lld | openssl dgst -sha256 -mac HMAC -macopt hexkey:%s",
                                  (long long)it[i].id, seed_hex));
        cr_expect_str_eq(o, k, "id %lld", (long long)it[i].id);
        cr_expect_eq(it[i].posicion, i + 1);
        if (i) cr_expect_lt(memcmp(it[i - 1].clave, it[i].clave, 32), 0);
    }
}

Test(sorteo, a_redraw_gives_the_same_order_and_another_secret_another)
{
    int64_t ids[200];
    for (int i = 0; i < 200; i++) ids[i] = 1000 + i * 3;
    unsigned char s1[32], s2[32];
    sorteo_seed("SERUMS-SORTEO-v1\nx\n", s1);
    sorteo_seed("SERUMS-SORTEO-v1\ny\n", s2);
    sorteo_item *a = sorteo_ordenar(&A, s1, ids, 200), *b = sorteo_ordenar(&A, s1, ids, 200),
                *c = sorteo_ordenar(&A, s2, ids, 200);
    int iguales = 0;
    for (int i = 0; i < 200; i++) {
        cr_expect_eq(a[i].id, b[i].id);
        iguales += a[i].id == c[i].id;
    }
    cr_expect_lt(iguales, 20);
}
