/* test_token.c - access JWTs (HS256 pinned, claims checked) and opaque
 * secrets (src/token.c). */
#include "token.h"
#include <criterion/criterion.h>
#include <jwt.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static arena A;
/* The roles a test application declares: one of them scoped. */
static const token_role ROLES[] = {{"postulante", 1, false}, {"diresa", 2, true}, {"admin", 4, false}, {NULL, 0, false}};
static const token_keys K = {"a-test-secret-of-enough-length-0123456789", "serums-api", "serums-app", ROLES};
static void setup(void) { cr_assert(sodium_init() >= 0); arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(token, .init = setup, .fini = teardown);

#define NOW ((time_t)1767225600)

static char *issue(const char *rol, const char *scope)
{
    token_claims c;
    memset(&c, 0, sizeof c);
    c.sub = 42;
    strcpy(c.rol, rol);
    strcpy(c.scope, scope);
    return token_access_issue(&A, &K, &c, NOW, 900);
}

/* Signs arbitrary claims with libjwt (for forged tokens). */
static char *sign(const char *claims_json, jwt_alg_t alg, const char *key)
{
    jwt_t *j;
    cr_assert_eq(jwt_new(&j), 0);
    cr_assert_eq(jwt_add_grants_json(j, claims_json), 0);
    cr_assert_eq(jwt_set_alg(j, alg, key ? (const unsigned char *)key : NULL, key ? (int)strlen(key) : 0), 0);
    char *s = jwt_encode_str(j);
    jwt_free(j);
    char *out = arena_strdup(&A, s);
    free(s);
    return out;
}

static const char *claims(const char *iss, const char *aud, long iat, long exp)
{
    return arena_printf(&A, "{\"sub\":\"42\",\"rol\":\"postulante\",\"scope\":null,\"iat\":%ld,\"exp\":%ld,"
                            "\"iss\":\"%s\",\"aud\":\"%s\",\"jti\":\"abc\"}", iat, exp, iss, aud);
}

Test(token, issued_token_verifies_with_every_claim)
{
    char *t = issue("diresa", "CUSCO");
    cr_assert(t);
    token_claims c;
    cr_assert_eq(token_access_verify(&K, t, NOW + 10, &c), TOKEN_OK);
    cr_expect_eq(c.sub, 42);
    cr_expect_str_eq(c.rol, "diresa");
    cr_expect_str_eq(c.scope, "CUSCO");
    cr_expect_eq(c.exp - c.iat, 900);
    cr_expect_eq(strlen(c.jti), 32);
}

Test(token, expired_and_future_tokens_refused)
{
    char *t = issue("postulante", "");
    token_claims c;
    cr_expect_eq(token_access_verify(&K, t, NOW + 900, &c), TOKEN_EXPIRED);
    cr_expect_eq(token_access_verify(&K, t, NOW - 3600, &c), TOKEN_BAD_CLAIMS, "issued in the future");
}

Test(token, tampered_payload_or_signature_refused)
{
    char *t = issue("postulante", "");
    token_claims c;
    char *admin = issue("admin", "");
    /* header.payload of the admin token with the postulante's signature */
    char *dot = strrchr(admin, '.');
    char *mix = arena_printf(&A, "%.*s%s", (int)(dot - admin), admin, strrchr(t, '.'));
    cr_expect_eq(token_access_verify(&K, mix, NOW, &c), TOKEN_BAD_SIGNATURE);
    char *flip = arena_strdup(&A, t);
    flip[strlen(flip) - 2] = flip[strlen(flip) - 2] == 'A' ? 'B' : 'A';
    cr_expect_neq(token_access_verify(&K, flip, NOW, &c), TOKEN_OK);
    token_keys other = {"another-secret-0123456789-0123456789", "serums-api", "serums-app", ROLES};
    cr_expect_eq(token_access_verify(&other, t, NOW, &c), TOKEN_BAD_SIGNATURE);
}

Test(token, alg_none_and_other_algorithms_refused)
{
    char *none = sign(claims("serums-api", "serums-app", NOW, NOW + 900), JWT_ALG_NONE, NULL);
    token_claims c;
    cr_expect_neq(token_access_verify(&K, none, NOW, &c), TOKEN_OK, "%s", none);
    char *with_sig = arena_printf(&A, "%sAAAA", none);
    cr_expect_neq(token_access_verify(&K, with_sig, NOW, &c), TOKEN_OK);
    char *hs512 = sign(claims("serums-api", "serums-app", NOW, NOW + 900), JWT_ALG_HS512, K.secret);
    cr_expect_neq(token_access_verify(&K, hs512, NOW, &c), TOKEN_OK);
}

Test(token, wrong_issuer_or_audience_refused)
{
    token_claims c;
    char *t = sign(claims("serums-api", "otra-app", NOW, NOW + 900), JWT_ALG_HS256, K.secret);
    cr_expect_eq(token_access_verify(&K, t, NOW, &c), TOKEN_BAD_CLAIMS);
    t = sign(claims("otro", "serums-app", NOW, NOW + 900), JWT_ALG_HS256, K.secret);
    cr_expect_eq(token_access_verify(&K, t, NOW, &c), TOKEN_BAD_CLAIMS);
    t = sign(claims("serums-api", "serums-app", NOW, NOW + 900), JWT_ALG_HS256, K.secret);
    cr_expect_eq(token_access_verify(&K, t, NOW, &c), TOKEN_OK);
}

Test(token, missing_or_inconsistent_claims_refused)
{
    token_claims c;
    const char *bad[] = {
        "{\"rol\":\"postulante\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\"}",
        "{\"sub\":\"42\",\"rol\":\"rey\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\"}",
        "{\"sub\":\"42\",\"rol\":\"diresa\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\"}",
        "{\"sub\":\"42\",\"rol\":\"admin\",\"scope\":\"CUSCO\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\"}",
        "{\"sub\":\"-1\",\"rol\":\"admin\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\"}",
        "{\"sub\":\"42\",\"rol\":\"admin\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\"}",
        "{\"sub\":\"42\",\"rol\":\"admin\",\"iat\":%ld,\"iss\":\"serums-api\",\"aud\":\"serums-app\",\"jti\":\"a\",\"x\":%ld}",
        "{\"sub\":\"42\",\"rol\":\"admin\",\"iat\":%ld,\"exp\":%ld,\"iss\":\"serums-api\",\"aud\":[\"serums-app\"],\"jti\":\"a\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *t = sign(arena_printf(&A, bad[i], (long)NOW, (long)NOW + 900), JWT_ALG_HS256, K.secret);
        cr_expect_eq(token_access_verify(&K, t, NOW, &c), TOKEN_BAD_CLAIMS, "case %zu", i);
    }
}

Test(token, malformed_input_never_verifies)
{
    token_claims c;
    const char *bad[] = {"", "a", "a.b", "a.b.c.d", "..", "a..c", "eyJ.eyJ.sig", "\xff\xfe.\x01.\x02"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_neq(token_access_verify(&K, bad[i], NOW, &c), TOKEN_OK, "case %zu", i);
    cr_expect_eq(token_access_verify(&K, NULL, NOW, &c), TOKEN_MALFORMED);
    char *huge = arena_alloc(&A, TOKEN_MAX_LEN + 2);
    memset(huge, 'a', TOKEN_MAX_LEN + 1);
    huge[TOKEN_MAX_LEN + 1] = '\0';
    cr_expect_eq(token_access_verify(&K, huge, NOW, &c), TOKEN_MALFORMED);
}

Test(token, opaque_secrets_and_keyed_hashes)
{
    char *a = token_random(&A), *b = token_random(&A);
    cr_expect_eq(strlen(a), 43);
    cr_expect_str_neq(a, b);
    char d[13];
    token_digits(d, 6);
    cr_expect_eq(strlen(d), 6);
    cr_expect_eq(strspn(d, "0123456789"), 6);
    char h1[TOKEN_HASH_HEX], h2[TOKEN_HASH_HEX], h3[TOKEN_HASH_HEX], h4[TOKEN_HASH_HEX];
    token_hash(K.secret, "refresh", a, h1);
    token_hash(K.secret, "refresh", a, h2);
    token_hash(K.secret, "reset", a, h3);
    token_hash("other-secret", "refresh", a, h4);
    cr_expect(token_hash_equal(h1, h2));
    cr_expect(!token_hash_equal(h1, h3), "purpose separates hashes");
    cr_expect(!token_hash_equal(h1, h4), "the key separates hashes");
    cr_expect(!token_hash_equal(h1, "abc"));
    cr_expect(!token_hash_equal(NULL, h1));
}
