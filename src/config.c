/* config.c - reads SERUMS_* variables, applies defaults, refuses unsafe
 * production settings, and owns the (test-overridable) clock. It fails
 * closed: without SERUMS_ENV=development|test it is production, and no
 * environment has a secret compiled in. */
#include "config.h"
#include "timeutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* "dir/serumsd.sock" -> "dir/serumsd-<pool>.sock" (the scripts use the same rule). */
static const char *pool_socket(const char *base, const char *pool, char *buf)
{
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".sock")) n -= 5;
    snprintf(buf, CONFIG_PATH_MAX, "%.*s-%s.sock", (int)n, base, pool);
    return buf;
}

bool config_url_is_public_https(const char *url)
{
    if (!url || strncmp(url, "https://", 8) != 0) return false;
    const char *host = url + 8;
    size_t n = strcspn(host, "/?#");
    char h[256];
    if (n == 0 || n >= sizeof h) return false;
    memcpy(h, host, n);
    h[n] = '\0';
    char *at = strrchr(h, '@');
    char *name = at ? at + 1 : h;
    if (name[0] == '[') { /* IPv6 literal */
        return strncasecmp(name, "[::1]", 5) != 0 && strncasecmp(name, "[::]", 4) != 0 &&
               strncasecmp(name, "[::ffff:127.", 12) != 0;
    }
    char *colon = strchr(name, ':');
    if (colon) *colon = '\0';
    size_t len = strlen(name);
    if (!len) return false;
    if (!strcasecmp(name, "localhost") || (len > 10 && !strcasecmp(name + len - 10, ".localhost")))
        return false;
    if (!strncmp(name, "127.", 4) || !strcmp(name, "0.0.0.0") || !strcmp(name, "0")) return false;
    return true;
}

static int refuse(char *err, size_t errlen, const char *why)
{
    snprintf(err, errlen, "refusing to start under SERUMS_ENV=production: %s", why);
    return -1;
}

static int config_check_production(const config *cfg, char *err, size_t errlen)
{
    if (getenv("SERUMS_NOW")) return refuse(err, errlen, "SERUMS_NOW is only allowed under SERUMS_ENV=test");
    if (!config_url_is_public_https(cfg->app_url))
        return refuse(err, errlen, "SERUMS_APP_URL must be an https URL that is not loopback");
    if (!cfg->captcha_verify_url || !*cfg->captcha_verify_url)
        return refuse(err, errlen, "SERUMS_CAPTCHA_VERIFY_URL is empty (the captcha would be off)");
    return 0;
}

int config_load(config *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->env_name = env_or("SERUMS_ENV", "production");
    if (!strcmp(cfg->env_name, "production")) cfg->env = ENV_PRODUCTION;
    else if (!strcmp(cfg->env_name, "test")) cfg->env = ENV_TEST;
    else if (!strcmp(cfg->env_name, "development")) cfg->env = ENV_DEVELOPMENT;
    else {
        snprintf(err, errlen, "SERUMS_ENV must be development, test or production");
        return -1;
    }

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    cfg->socket_path = env_or("SERUMS_SOCKET", "var/run/serumsd.sock");
    cfg->socket_public = env_or("SERUMS_SOCKET_PUBLIC", NULL);
    cfg->socket_auth = env_or("SERUMS_SOCKET_AUTH", NULL);
    if (!cfg->socket_public) cfg->socket_public = pool_socket(cfg->socket_path, "public", cfg->socket_buf[0]);
    if (!cfg->socket_auth) cfg->socket_auth = pool_socket(cfg->socket_path, "auth", cfg->socket_buf[1]);
    /* Bulkheads: one pool per kind of work (master.c). SERUMS_WORKERS is
     * the older name of the general pool's size. */
    cfg->workers = env_int("SERUMS_WORKERS_APP", env_int("SERUMS_WORKERS", (int)(2 * cores), 1, 256), 1, 256);
    cfg->workers_public = env_int("SERUMS_WORKERS_PUBLIC", (int)(2 * cores), 1, 256);
    /* Hashing (argon2id, ~20 ms of one core each) gets one core less than the
     * machine, at a lower CPU priority, so that a login flood never takes every
     * core from the other pools (bench/README.md, issue 9). */
    cfg->workers_auth = env_int("SERUMS_WORKERS_AUTH", cores > 1 ? (int)cores - 1 : 1, 1, 256);
    cfg->workers_auth_nice = env_int("SERUMS_WORKERS_AUTH_NICE", 10, 0, 19);
    cfg->db_lock_timeout_ms = env_int("SERUMS_DB_LOCK_TIMEOUT_MS", 1000, 1, 600000);
    cfg->db_statement_timeout_ms = env_int("SERUMS_DB_STATEMENT_TIMEOUT_MS", 15000, 1, 3600000);
    cfg->socket_backlog = env_int("SERUMS_BACKLOG", 1024, 16, 65535);
    cfg->database_url = env_or("SERUMS_DATABASE_URL", "dbname=serums");
    cfg->migrations_dir = env_or("SERUMS_MIGRATIONS_DIR", "db/migrations");
    cfg->data_dir = env_or("SERUMS_DATA_DIR", "../shared/data");
    cfg->var_dir = env_or("SERUMS_VAR", "var");
    cfg->publicaciones_dir = env_or("SERUMS_PUBLICACIONES_DIR", NULL);
    if (!cfg->publicaciones_dir) {
        int n = snprintf(cfg->publicaciones_buf, sizeof cfg->publicaciones_buf, "%s/publicaciones",
                         cfg->var_dir);
        if (n < 0 || (size_t)n >= sizeof cfg->publicaciones_buf) {
            snprintf(err, errlen, "SERUMS_VAR is too long");
            return -1;
        }
        cfg->publicaciones_dir = cfg->publicaciones_buf;
    }
    cfg->jwt_secret = env_or("SERUMS_JWT_SECRET", "");
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

    if (strlen(cfg->jwt_secret) < 32) {
        snprintf(err, errlen,
                 "refusing to start: SERUMS_JWT_SECRET must hold 32 or more random bytes "
                 "(SERUMS_ENV=%s; scripts/run.sh generates one under var/)",
                 cfg->env_name);
        return -1;
    }
    if (cfg->env == ENV_PRODUCTION) return config_check_production(cfg, err, errlen);
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
