/* test_config.c - environment configuration: defaults, production refusals,
 * and the test-only clock override. */
#include "config.h"
#include "timeutil.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void clean_env(void)
{
    unsetenv("SERUMS_ENV");
    unsetenv("SERUMS_JWT_SECRET");
    unsetenv("SERUMS_NOW");
    unsetenv("SERUMS_APP_URL");
    unsetenv("SERUMS_WORKERS");
}
TestSuite(config, .init = clean_env);

Test(config, development_defaults)
{
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0, "%s", err);
    cr_expect_eq(c.env, ENV_DEVELOPMENT);
    cr_expect_gt(c.workers, 0);
    cr_expect_eq(c.access_ttl, 900);
}

Test(config, production_refuses_development_secret)
{
    setenv("SERUMS_ENV", "production", 1);
    setenv("SERUMS_APP_URL", "https://serums.minsa.gob.pe", 1);
    config c;
    char err[256];
    cr_expect_neq(config_load(&c, err, sizeof err), 0);
    setenv("SERUMS_JWT_SECRET", "short", 1);
    cr_expect_neq(config_load(&c, err, sizeof err), 0);
    setenv("SERUMS_JWT_SECRET", "0123456789abcdef0123456789abcdef-prod", 1);
    cr_expect_eq(config_load(&c, err, sizeof err), 0, "%s", err);
}

Test(config, production_refuses_clock_override_and_dev_urls)
{
    setenv("SERUMS_ENV", "production", 1);
    setenv("SERUMS_JWT_SECRET", "0123456789abcdef0123456789abcdef-prod", 1);
    config c;
    char err[256];
    cr_expect_neq(config_load(&c, err, sizeof err), 0, "localhost app URL refused");
    setenv("SERUMS_APP_URL", "https://serums.minsa.gob.pe", 1);
    setenv("SERUMS_NOW", "2026-01-01T00:00:00Z", 1);
    cr_expect_neq(config_load(&c, err, sizeof err), 0, "SERUMS_NOW refused");
}

Test(config, unknown_environment_refused)
{
    setenv("SERUMS_ENV", "staging", 1);
    config c;
    char err[256];
    cr_expect_neq(config_load(&c, err, sizeof err), 0);
}

Test(config, clock_override_only_under_test)
{
    setenv("SERUMS_NOW", "2026-03-01T09:00:00-05:00", 1);
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0);
    cr_expect_neq(config_now(&c), (time_t)1772373600, "ignored in development");
    setenv("SERUMS_ENV", "test", 1);
    cr_assert_eq(config_load(&c, err, sizeof err), 0);
    cr_expect_eq(config_now(&c), (time_t)1772373600);
}

Test(config, clock_override_from_file)
{
    char path[] = "/tmp/serums-now-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("2026-03-01T14:00:00Z\n", f);
    fclose(f);
    char spec[64];
    snprintf(spec, sizeof spec, "@%s", path);
    setenv("SERUMS_ENV", "test", 1);
    setenv("SERUMS_NOW", spec, 1);
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0);
    cr_expect_eq(config_now(&c), (time_t)1772373600);
    f = fopen(path, "w");          /* an empty file restores the real clock */
    fclose(f);
    time_t real = time(NULL);
    cr_expect_geq(config_now(&c), real);
    unlink(path);
}
