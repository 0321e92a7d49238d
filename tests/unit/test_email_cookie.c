/* test_email_cookie.c - email normalization (src/email.c) and the refresh
 * cookie (src/cookie.c). */
#include "cookie.h"
#include "email.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(email, .init = setup, .fini = teardown);

Test(email, normalized_to_trimmed_lower_case)
{
    cr_expect_str_eq(email_normalizar(&A, "  Ana.Quispe@Prueba.PE "), "ana.quispe@prueba.pe");
    cr_expect_str_eq(email_normalizar(&A, "a+b_c-d@sub.dominio.edu.pe"), "a+b_c-d@sub.dominio.edu.pe");
}

Test(email, malformed_addresses_refused)
{
    const char *bad[] = {"", "ana", "ana@", "@prueba.pe", "ana@prueba", "ana@@prueba.pe", "ana@pru eba.pe",
                         "ana..q@prueba.pe", ".ana@prueba.pe", "ana.@prueba.pe", "ana@-prueba.pe",
                         "ana@prueba-.pe", "ana@prueba..pe", "ana@prueba.p3", "añá@prueba.pe", "ana@prueba.pe\n",
                         "a@b.c@d.pe", NULL};
    for (size_t i = 0; bad[i]; i++) cr_expect_null(email_normalizar(&A, bad[i]), "%s", bad[i]);
    cr_expect_null(email_normalizar(&A, NULL));
    char long_local[80];
    memset(long_local, 'a', 65);
    strcpy(long_local + 65, "@prueba.pe");
    cr_expect_null(email_normalizar(&A, long_local));
}

Test(email, cookie_read_among_others)
{
    cr_expect_str_eq(cookie_get(&A, "a=1; serums_refresh=XYZ-_1; b=2", "serums_refresh"), "XYZ-_1");
    cr_expect_str_eq(cookie_get(&A, "serums_refresh=abc", "serums_refresh"), "abc");
    cr_expect_null(cookie_get(&A, "xserums_refresh=abc", "serums_refresh"));
    cr_expect_null(cookie_get(&A, "serums_refresh=", "serums_refresh"));
    cr_expect_null(cookie_get(&A, NULL, "serums_refresh"));
    cr_expect_null(cookie_get(&A, ";;; ;", "serums_refresh"));
}

Test(email, refresh_cookie_attributes)
{
    const char *v = cookie_set_value(&A, "serums_refresh", "tok", "/v1/auth", 2592000, true);
    cr_expect_str_eq(v, "serums_refresh=tok; Path=/v1/auth; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure");
    v = cookie_set_value(&A, "serums_refresh", NULL, "/v1/auth", 10, false);
    cr_expect_str_eq(v, "serums_refresh=; Path=/v1/auth; Max-Age=0; HttpOnly; SameSite=Strict");
}
