/* test_password.c - the password policy and argon2id hashing (src/password.c). */
#include "password.h"
#include <criterion/criterion.h>
#include <string.h>

static void init(void) { cr_assert(sodium_init() >= 0); }
TestSuite(password, .init = init);

static const char *code(const char *pw, const char *email, const char *doc)
{
    const char *msg;
    const char *c = password_policy(pw, email, doc, &msg);
    if (c) cr_expect(msg && *msg, "a Spanish message comes with %s", c);
    return c ? c : "OK";
}

Test(password, length_eight_to_128_characters)
{
    cr_expect_str_eq(code("corto7!", NULL, NULL), "LONGITUD_INVALIDA");
    cr_expect_str_eq(code("ocho-ok!", NULL, NULL), "OK");
    char big[200];
    memset(big, 'x', 128);
    big[0] = 'Q';
    big[128] = '\0';
    cr_expect_str_eq(code(big, NULL, NULL), "OK");
    big[128] = 'y';
    big[129] = '\0';
    cr_expect_str_eq(code(big, NULL, NULL), "LONGITUD_INVALIDA");
    /* characters, not bytes: 8 two-byte letters are 8 characters */
    cr_expect_str_eq(code("ñññññññá", NULL, NULL), "OK");
    cr_expect_str_eq(code("ñññññññ", NULL, NULL), "LONGITUD_INVALIDA");
}

Test(password, common_passwords_refused_ignoring_case)
{
    cr_expect_str_eq(code("password123", NULL, NULL), "PASSWORD_COMUN");
    cr_expect_str_eq(code("PassWord123", NULL, NULL), "PASSWORD_COMUN");
    cr_expect_str_eq(code("123456789", NULL, NULL), "PASSWORD_COMUN");
    cr_expect_str_eq(code("contraseña", NULL, NULL), "PASSWORD_COMUN");
    cr_expect_str_eq(code("Peru2025", NULL, NULL), "PASSWORD_COMUN");
    cr_expect(!password_is_common("tres-llamas-del-sur"));
}

Test(password, not_the_email_or_the_document)
{
    cr_expect_str_eq(code("ana.quispe@prueba.pe", "ana.quispe@prueba.pe", NULL), "PASSWORD_IGUAL_EMAIL");
    cr_expect_str_eq(code("ANA.QUISPE@prueba.pe", "ana.quispe@prueba.pe", NULL), "PASSWORD_IGUAL_EMAIL");
    cr_expect_str_eq(code("ana.quispe", "ana.quispe@prueba.pe", NULL), "PASSWORD_IGUAL_EMAIL");
    cr_expect_str_eq(code("001234567", NULL, "001234567"), "PASSWORD_IGUAL_DOCUMENTO");
    cr_expect_str_eq(code("ana.quispe-2026", "ana.quispe@prueba.pe", "001234567"), "OK");
}

Test(password, argon2id_hash_and_verify)
{
    password_cost cheap = {1, 8192 * 1024};
    char h[PASSWORD_HASH_MAX];
    cr_assert_eq(password_hash("tres-llamas-del-sur", cheap, h), 0);
    cr_expect(!strncmp(h, "$argon2id$", 10), "%s", h);
    cr_expect(password_verify(h, "tres-llamas-del-sur"));
    cr_expect(!password_verify(h, "tres-llamas-del-Sur"));
    cr_expect(!password_verify("$2y$10$notargon", "x"));
    cr_expect(!password_verify(NULL, "x"));
    cr_expect(!password_needs_rehash(h, cheap));
    cr_expect(password_needs_rehash(h, PASSWORD_COST_DEFAULT));
    password_dummy_verify("anything", cheap);
}
