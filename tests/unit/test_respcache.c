/* test_respcache.c - lookups, TTL, groups, the byte budget and LRU order. */
#include "respcache.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static respcache_resp body(const char *s)
{
    respcache_resp r = {.type = "application/json", .body = s, .len = strlen(s), .etag = "\"e\"",
                        .cache_control = "public, max-age=60"};
    return r;
}

Test(respcache, stores_and_returns_copies)
{
    respcache *c = respcache_new(1 << 20, 30, 7);
    char buf[] = "{\"a\":1}";
    respcache_resp in = body(buf);
    respcache_put(c, "k", "g", 100, &in);
    buf[0] = 'X';
    respcache_resp out;
    cr_assert(respcache_get(c, "k", 101, &out));
    cr_expect_str_eq(out.body, "{\"a\":1}");
    cr_expect_eq(out.len, 7);
    cr_expect_str_eq(out.etag, "\"e\"");
    cr_expect_null(out.disposition);
    cr_expect(!respcache_get(c, "otra", 101, &out));
    respcache_free(c);
}

Test(respcache, expires_within_the_ttl)
{
    respcache *c = respcache_new(1 << 20, 30, 7);
    respcache_resp in = body("x");
    respcache_put(c, "k", "g", 100, &in);
    respcache_resp out;
    cr_expect(respcache_get(c, "k", 114, &out));
    cr_expect(!respcache_get(c, "k", 130, &out));
    cr_expect_eq(respcache_count(c), 0);
    respcache_free(c);
}

/* Entries stored in the same second expire over ttl/2..ttl, not all at once,
 * and another seed (another worker) spreads the same keys differently. */
static int expired_by(uint64_t seed, time_t when, int *differs_from_seed_1)
{
    respcache *c = respcache_new(1 << 20, 30, seed), *other = respcache_new(1 << 20, 30, 1);
    respcache_resp in = body("x"), out;
    char key[32];
    int gone = 0;
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "/v1/plazas?page=%d", i);
        respcache_put(c, key, "g", 100, &in);
        respcache_put(other, key, "g", 100, &in);
        bool a = respcache_get(c, key, when, &out), b = respcache_get(other, key, when, &out);
        gone += !a;
        *differs_from_seed_1 += a != b;
    }
    respcache_free(c);
    respcache_free(other);
    return gone;
}

Test(respcache, spreads_expiry_over_the_second_half_of_the_ttl)
{
    int differs = 0;
    cr_expect_eq(expired_by(7, 114, &differs), 0, "none before ttl/2");
    cr_expect_eq(expired_by(7, 130, &differs), 100, "all at the ttl");
    int half = expired_by(7, 122, &differs);
    cr_expect(half > 20 && half < 80, "%d of 100 expired at 22 s of 30", half);
    cr_expect_gt(differs, 10, "another seed expires other keys (%d differ)", differs);
}

Test(respcache, invalidates_a_group_or_everything)
{
    respcache *c = respcache_new(1 << 20, 30, 7);
    respcache_resp in = body("x");
    respcache_put(c, "a1", "oferta:1", 0, &in);
    respcache_put(c, "a2", "oferta:1", 0, &in);
    respcache_put(c, "b", "oferta:2", 0, &in);
    respcache_invalidate(c, "oferta:1");
    respcache_resp out;
    cr_expect(!respcache_get(c, "a1", 1, &out));
    cr_expect(!respcache_get(c, "a2", 1, &out));
    cr_expect(respcache_get(c, "b", 1, &out));
    respcache_invalidate(c, NULL);
    cr_expect_eq(respcache_count(c), 0);
    cr_expect_eq(respcache_bytes(c), 0);
    respcache_free(c);
}

Test(respcache, evicts_least_recently_used_within_the_budget)
{
    char big[3000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    respcache *c = respcache_new(16384, 30, 7); /* room for about four */
    respcache_resp in = body(big);
    const char *keys[] = {"k1", "k2", "k3", "k4", "k5", "k6"};
    for (int i = 0; i < 4; i++) respcache_put(c, keys[i], "g", 0, &in);
    respcache_resp out;
    cr_assert(respcache_get(c, "k1", 0, &out), "k1 becomes the most recent");
    respcache_put(c, "k5", "g", 0, &in);
    respcache_put(c, "k6", "g", 0, &in);
    cr_expect(respcache_bytes(c) <= 16384);
    cr_expect(respcache_get(c, "k1", 0, &out));
    cr_expect(!respcache_get(c, "k2", 0, &out), "the least recent went first");
    cr_expect(respcache_get(c, "k6", 0, &out));
    respcache_free(c);
}

Test(respcache, oversized_answers_are_not_kept_and_replacing_a_key_works)
{
    respcache *c = respcache_new(4096, 30, 7);
    char big[2000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    respcache_resp in = body(big);
    respcache_put(c, "k", "g", 0, &in);
    cr_expect_eq(respcache_count(c), 0);
    respcache_resp a = body("uno"), b = body("dos"), out;
    respcache_put(c, "k", "g", 0, &a);
    respcache_put(c, "k", "g", 0, &b);
    cr_expect_eq(respcache_count(c), 1);
    cr_assert(respcache_get(c, "k", 0, &out));
    cr_expect_str_eq(out.body, "dos");
    respcache_free(c);
}
