/* test_revocation.c - the revoked-session set of src/revocation.c: entries
 * expire, a later add extends, growth keeps every live entry, expired ones
 * are dropped when the table grows, bad ids are refused. */
#include "revocation.h"
#include <criterion/criterion.h>
#include <stdio.h>

Test(revocation, contains_until_expiry)
{
    revocation_set *s = revocation_set_new();
    cr_assert(revocation_set_add(s, "familia-a", 1000, 0));
    cr_assert(revocation_set_contains(s, "familia-a", 999));
    cr_assert_not(revocation_set_contains(s, "familia-a", 1000));
    cr_assert_not(revocation_set_contains(s, "familia-b", 10));
    revocation_set_free(s);
}

Test(revocation, later_add_extends_never_shortens)
{
    revocation_set *s = revocation_set_new();
    cr_assert(revocation_set_add(s, "f", 100, 0));
    cr_assert(revocation_set_add(s, "f", 50, 0));
    cr_assert(revocation_set_contains(s, "f", 80));
    cr_assert(revocation_set_add(s, "f", 200, 0));
    cr_assert(revocation_set_contains(s, "f", 150));
    cr_assert_eq(revocation_set_count(s), 1);
    revocation_set_free(s);
}

Test(revocation, grows_keeping_live_entries)
{
    revocation_set *s = revocation_set_new();
    char sid[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(sid, sizeof sid, "sesion-%d", i);
        cr_assert(revocation_set_add(s, sid, 10000, 0));
    }
    for (int i = 0; i < 5000; i++) {
        snprintf(sid, sizeof sid, "sesion-%d", i);
        cr_assert(revocation_set_contains(s, sid, 1), "lost %s", sid);
    }
    cr_assert_eq(revocation_set_count(s), 5000);
    revocation_set_free(s);
}

Test(revocation, expired_entries_dropped_on_growth)
{
    revocation_set *s = revocation_set_new();
    char sid[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(sid, sizeof sid, "vieja-%d", i);
        cr_assert(revocation_set_add(s, sid, 100, 0));
    }
    for (int i = 0; i < 3000; i++) {
        snprintf(sid, sizeof sid, "nueva-%d", i);
        cr_assert(revocation_set_add(s, sid, 10000, 500));
    }
    cr_assert_eq(revocation_set_count(s), 3000);   /* the 1000 expired ones went at a growth */
    cr_assert(revocation_set_contains(s, "nueva-2999", 600));
    cr_assert(revocation_set_contains(s, "nueva-0", 600));
    cr_assert_not(revocation_set_contains(s, "vieja-5", 600));
    revocation_set_free(s);
}

Test(revocation, refuses_empty_and_long_ids)
{
    revocation_set *s = revocation_set_new();
    char big[REVOCATION_SID_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_assert_not(revocation_set_add(s, "", 10, 0));
    cr_assert_not(revocation_set_add(s, NULL, 10, 0));
    cr_assert_not(revocation_set_add(s, big, 10, 0));
    cr_assert_not(revocation_set_contains(s, "", 0));
    cr_assert_not(revocation_set_contains(s, big, 0));
    cr_assert_eq(revocation_set_count(s), 0);
    revocation_set_free(s);
}
