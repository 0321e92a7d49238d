/* test_config.c - environment configuration: defaults, production refusals,
 * and the test-only clock override. */
#include "config.h"
#include "timeutil.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void clean_env(void)
{
    unsetenv("SERUMS_ENV");
    unsetenv("SERUMS_JWT_SECRET");
    unsetenv("SERUMS_NOW");
    unsetenv("SERUMS_APP_URL");
    unsetenv("SERUMS_WORKERS");
    unsetenv("SERUMS_WORKERS_APP");
    unsetenv("SERUMS_WORKERS_PUBLIC");
    unsetenv("SERUMS_WORKERS_AUTH");
    unsetenv("SERUMS_WORKERS_AUTH_NICE");
    unsetenv("SERUMS_CAPTCHA_VERIFY_URL");
}
TestSuite(config, .init = clean_env);

#define SECRET "0123456789abcdef0123456789abcdef-prod"

Test(config, development_defaults)
{
    setenv("SERUMS_ENV", "development", 1);
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0, "%s", err);
    cr_expect_eq(c.env, ENV_DEVELOPMENT);
    cr_expect_gt(c.workers, 0);
    cr_expect_gt(c.workers_public, 0);
    cr_expect_gt(c.workers_auth, 0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cr_expect_eq(c.workers_auth, cores > 1 ? cores - 1 : 1, "hashing leaves one core to the other pools");
    cr_expect_eq(c.workers_auth_nice, 10);
    cr_expect_eq(c.access_ttl, 900);
}

Test(config, pool_sizes_from_the_environment)
{
    setenv("SERUMS_ENV", "test", 1);
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
    setenv("SERUMS_WORKERS_APP", "3", 1);
    setenv("SERUMS_WORKERS_PUBLIC", "5", 1);
    setenv("SERUMS_WORKERS_AUTH", "1", 1);
    setenv("SERUMS_WORKERS_AUTH_NICE", "0", 1);
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0, "%s", err);
    cr_expect_eq(c.workers, 3);
    cr_expect_eq(c.workers_public, 5);
    cr_expect_eq(c.workers_auth, 1);
    cr_expect_eq(c.workers_auth_nice, 0);
}

Test(config, unset_environment_is_production)
{
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
    setenv("SERUMS_APP_URL", "https://serums.minsa.gob.pe", 1);
    setenv("SERUMS_CAPTCHA_VERIFY_URL", "https://www.google.com/recaptcha/api/siteverify", 1);
    config c;
    char err[256];
    cr_assert_eq(config_load(&c, err, sizeof err), 0, "%s", err);
    cr_expect_eq(c.env, ENV_PRODUCTION);
    cr_expect_str_eq(c.env_name, "production");
}

Test(config, no_environment_runs_without_a_real_secret)
{
    const char *envs[] = {"development", "test", "production", NULL};
    setenv("SERUMS_APP_URL", "https://serums.minsa.gob.pe", 1);
    setenv("SERUMS_CAPTCHA_VERIFY_URL", "https://www.google.com/recaptcha/api/siteverify", 1);
    for (int i = 0; i < 4; i++) {
        if (envs[i]) setenv("SERUMS_ENV", envs[i], 1); else unsetenv("SERUMS_ENV");
        config c;
        char err[256];
        unsetenv("SERUMS_JWT_SECRET");
        cr_expect_neq(config_load(&c, err, sizeof err), 0, "no secret under %s", envs[i] ? envs[i] : "(unset)");
        setenv("SERUMS_JWT_SECRET", "short", 1);
        cr_expect_neq(config_load(&c, err, sizeof err), 0, "short secret under %s", envs[i] ? envs[i] : "(unset)");
        setenv("SERUMS_JWT_SECRET", SECRET, 1);
        cr_expect_eq(config_load(&c, err, sizeof err), 0, "%s", err);
    }
}

Test(config, production_refuses_an_empty_captcha_url)
{
    setenv("SERUMS_ENV", "production", 1);
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
    setenv("SERUMS_APP_URL", "https://serums.minsa.gob.pe", 1);
    config c;
    char err[256];
    cr_expect_neq(config_load(&c, err, sizeof err), 0);
    cr_expect(strstr(err, "CAPTCHA"), "%s", err);
    setenv("SERUMS_CAPTCHA_VERIFY_URL", "", 1);
    cr_expect_neq(config_load(&c, err, sizeof err), 0);
}

Test(config, production_app_url_is_https_and_not_loopback)
{
    const char *bad[] = {"http://serums.minsa.gob.pe", "https://localhost:5173", "https://127.0.0.1",
                         "https://127.8.9.10/app", "https://[::1]:8443/", "https://app.localhost",
                         "https://0.0.0.0", "https://user@localhost/", "https://", "ftp://serums.minsa.gob.pe"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect(!config_url_is_public_https(bad[i]), "%s refused", bad[i]);
    cr_expect(config_url_is_public_https("https://serums.minsa.gob.pe"));
    cr_expect(config_url_is_public_https("https://serums.minsa.gob.pe:8443/app/"));
}

Test(config, production_refuses_clock_override_and_dev_urls)
{
    setenv("SERUMS_ENV", "production", 1);
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
    setenv("SERUMS_CAPTCHA_VERIFY_URL", "https://www.google.com/recaptcha/api/siteverify", 1);
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
    setenv("SERUMS_ENV", "development", 1);
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
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
    setenv("SERUMS_JWT_SECRET", SECRET, 1);
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
