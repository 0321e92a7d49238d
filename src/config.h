/* config.h - process configuration, read once from SERUMS_* environment
 * variables (documented in config.sample.env) and never modified after. */
#ifndef SERUMS_CONFIG_H
#define SERUMS_CONFIG_H
#include <stdbool.h>
#include <time.h>

typedef enum { ENV_DEVELOPMENT, ENV_TEST, ENV_PRODUCTION } serums_env;

typedef struct config {
    serums_env env;
    const char *env_name;
    const char *socket_path;      /* FastCGI unix socket */
    int workers;                  /* worker processes */
    int socket_backlog;
    const char *database_url;     /* libpq conninfo */
    const char *migrations_dir;
    const char *data_dir;         /* shared/data for seeds */
    const char *jwt_secret;
    const char *jwt_iss, *jwt_aud;
    int access_ttl;               /* seconds */
    int refresh_ttl_days;
    const char *app_url;          /* SPA base URL for links in emails */
    const char *smtp_url;         /* smtp://host:port */
    const char *mail_from;
    bool mailer;                  /* serve also supervises the mailer */
    const char *captcha_verify_url, *captcha_secret;
    const char *identity_verify_url, *identity_token;   /* identity.h; NULL URL = off */
    int codes_per_ip_hour;
    int pwhash_ops;               /* argon2id t (SERUMS_PWHASH_OPS, default 2) */
    int pwhash_mem_kib;           /* argon2id m in KiB (SERUMS_PWHASH_MEM_KIB, default 19456) */
    const char *now_override;     /* SERUMS_NOW: test only */
    int drain_seconds;            /* grace for in-flight requests on stop */
    const char *version;
} config;

/* Fills cfg from the environment. Returns 0, or -1 with a reason in err
 * (e.g. development secrets under SERUMS_ENV=production). */
int config_load(config *cfg, char *err, size_t errlen);

/* The clock every phase decision uses: SERUMS_NOW when SERUMS_ENV=test
 * (an RFC 3339 instant, or @file holding one, read on every call), else time(). */
time_t config_now(const config *cfg);

#define SERUMS_DEV_JWT_SECRET "dev-only-secret-change-me-0123456789abcdef"
#endif
