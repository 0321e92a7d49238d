/* config.c - reads SERUMS_* variables, applies defaults, refuses unsafe
 * production settings, and owns the (test-overridable) clock. */
#include "config.h"
#include "timeutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *env_or(const char *name, const char *def)
{
    const char *v = getenv(name);
    return (v && *v) ? v : def;
}

static int env_int(const char *name, int def, int min, int max)
{
    const char *v = getenv(name);
    if (!v || !*v) return def;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < min || n > max) return def;
    return (int)n;
}

int config_load(config *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->env_name = env_or("SERUMS_ENV", "development");
    if (!strcmp(cfg->env_name, "production")) cfg->env = ENV_PRODUCTION;
    else if (!strcmp(cfg->env_name, "test")) cfg->env = ENV_TEST;
    else if (!strcmp(cfg->env_name, "development")) cfg->env = ENV_DEVELOPMENT;
    else { snprintf(err, errlen, "SERUMS_ENV must be development, test or production"); return -1; }

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    cfg->socket_path = env_or("SERUMS_SOCKET", "var/run/serumsd.sock");
    cfg->workers = env_int("SERUMS_WORKERS", (int)(2 * cores), 1, 256);
    cfg->socket_backlog = env_int("SERUMS_BACKLOG", 1024, 16, 65535);
    cfg->database_url = env_or("SERUMS_DATABASE_URL", "dbname=serums");
    cfg->migrations_dir = env_or("SERUMS_MIGRATIONS_DIR", "db/migrations");
    cfg->data_dir = env_or("SERUMS_DATA_DIR", "../shared/data");
    cfg->jwt_secret = env_or("SERUMS_JWT_SECRET", SERUMS_DEV_JWT_SECRET);
    cfg->jwt_iss = env_or("SERUMS_JWT_ISS", "serums-api");
    cfg->jwt_aud = env_or("SERUMS_JWT_AUD", "serums-app");
    cfg->access_ttl = env_int("SERUMS_ACCESS_TTL", 900, 30, 86400);
    cfg->refresh_ttl_days = env_int("SERUMS_REFRESH_TTL_DAYS", 30, 1, 365);
    cfg->app_url = env_or("SERUMS_APP_URL", "http://localhost:5173");
    cfg->smtp_url = env_or("SERUMS_SMTP_URL", "smtp://127.0.0.1:2525");
    cfg->mail_from = env_or("SERUMS_MAIL_FROM", "no-responder@serums.minsa.gob.pe");
    cfg->mailer = env_int("SERUMS_MAILER", 1, 0, 1) == 1;
    cfg->captcha_verify_url = env_or("SERUMS_CAPTCHA_VERIFY_URL", NULL);
    cfg->captcha_secret = env_or("SERUMS_CAPTCHA_SECRET", "");
    cfg->identity_verify_url = env_or("SERUMS_IDENTITY_VERIFY_URL", NULL);
    cfg->identity_token = env_or("SERUMS_IDENTITY_TOKEN", "");
    cfg->codes_per_ip_hour = env_int("SERUMS_CODES_PER_IP_HOUR", 60, 1, 1000000);
    cfg->pwhash_ops = env_int("SERUMS_PWHASH_OPS", 2, 1, 20);
    cfg->pwhash_mem_kib = env_int("SERUMS_PWHASH_MEM_KIB", 19456, 1024, 4194304);
    cfg->drain_seconds = env_int("SERUMS_DRAIN_SECONDS", 10, 1, 300);
    cfg->now_override = cfg->env == ENV_TEST ? env_or("SERUMS_NOW", NULL) : NULL;
    cfg->version = SERUMS_VERSION;

    if (cfg->env == ENV_PRODUCTION) {
        if (!strcmp(cfg->jwt_secret, SERUMS_DEV_JWT_SECRET) || strlen(cfg->jwt_secret) < 32) {
            snprintf(err, errlen, "refusing to start: SERUMS_JWT_SECRET is the development secret "
                                  "or shorter than 32 bytes under SERUMS_ENV=production");
            return -1;
        }
        if (getenv("SERUMS_NOW")) {
            snprintf(err, errlen, "refusing to start: SERUMS_NOW is only allowed under SERUMS_ENV=test");
            return -1;
        }
        if (!strncmp(cfg->app_url, "http://localhost", 16)) {
            snprintf(err, errlen, "refusing to start: SERUMS_APP_URL is a development URL under SERUMS_ENV=production");
            return -1;
        }
    }
    return 0;
}

time_t config_now(const config *cfg)
{
    if (!cfg || !cfg->now_override) return time(NULL);
    char buf[64];
    const char *text = cfg->now_override;
    if (text[0] == '@') {
        FILE *f = fopen(text + 1, "r");
        if (!f) return time(NULL);
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';
        text = buf;
    }
    time_t t;
    return (*text && time_parse_rfc3339(text, &t) == 0) ? t : time(NULL);
}
