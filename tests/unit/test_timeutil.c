/* test_timeutil.c - RFC 3339 and calendar dates. */
#include "timeutil.h"
#include <criterion/criterion.h>

Test(timeutil, parses_utc_and_offsets)
{
    time_t t;
    cr_assert_eq(time_parse_rfc3339("2026-01-15T09:00:00-05:00", &t), 0);
    char buf[32];
    time_format_rfc3339(t, buf);
    cr_expect_str_eq(buf, "2026-01-15T14:00:00Z");
    cr_assert_eq(time_parse_rfc3339("2026-01-15T14:00:00.250Z", &t), 0);
    time_format_rfc3339(t, buf);
    cr_expect_str_eq(buf, "2026-01-15T14:00:00Z");
}

Test(timeutil, refuses_bad_instants)
{
    time_t t;
    cr_expect_neq(time_parse_rfc3339("2026-01-15 09:00:00Z", &t), 0);
    cr_expect_neq(time_parse_rfc3339("2026-01-15T09:00:00", &t), 0);
    cr_expect_neq(time_parse_rfc3339("2026-02-30T09:00:00Z", &t), 0);
    cr_expect_neq(time_parse_rfc3339("2026-01-15T24:00:00Z", &t), 0);
    cr_expect_neq(time_parse_rfc3339("2026-01-15T09:00:00+5:00", &t), 0);
    cr_expect_neq(time_parse_rfc3339("2026-01-15T09:00:00Zjunk", &t), 0);
}

Test(timeutil, dates_are_real_days)
{
    cr_expect(date_valid("2024-02-29"));
    cr_expect(!date_valid("2023-02-29"));
    cr_expect(!date_valid("2024-13-01"));
    cr_expect(!date_valid("2024-1-01"));
    cr_expect(!date_valid("24-01-01"));
    cr_expect_eq(days_from_civil(1970, 1, 1), 0);
    cr_expect_eq(days_from_civil(2000, 3, 1), 11017);
}
