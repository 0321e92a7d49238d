/* config.h - process configuration, read once from SERUMS_* environment
 * variables (documented in config.sample.env) and never modified after. */
#ifndef SERUMS_CONFIG_H
#define SERUMS_CONFIG_H
#include <stdbool.h>
#include <time.h>

#define CONFIG_PATH_MAX 512

typedef enum { ENV_DEVELOPMENT, ENV_TEST, ENV_PRODUCTION } serums_env;

typedef struct config {
    serums_env env;
    const char *env_name;
    const char *socket_path;     /* FastCGI unix socket of the general pool */
    const char *socket_public;   /* SERUMS_SOCKET_PUBLIC, default <socket>-public.sock */
    const char *socket_auth;     /* SERUMS_SOCKET_AUTH, default <socket>-auth.sock */
    int workers;                 /* general pool: SERUMS_WORKERS_APP (or SERUMS_WORKERS) */
    int workers_public;          /* public cached reads: SERUMS_WORKERS_PUBLIC */
    int workers_auth;            /* password hashing: SERUMS_WORKERS_AUTH */
    int workers_auth_nice;       /* nice(2) increment of the hashing pool: SERUMS_WORKERS_AUTH_NICE */
    int db_lock_timeout_ms;      /* lock_timeout on every worker connection */
    int db_statement_timeout_ms; /* statement_timeout on every worker connection */
    int socket_backlog;
    const char *database_url; /* libpq conninfo */
    const char *migrations_dir;
    const char *data_dir;          /* shared/data for seeds */
    const char *var_dir;           /* SERUMS_VAR: runtime files (default var) */
    char publicaciones_buf[4096];  /* holds the default publicaciones_dir */
    const char *publicaciones_dir; /* SERUMS_PUBLICACIONES_DIR: published static files, served by
                                      nginx (default: var_dir/publicaciones) */
    const char *jwt_secret;
    const char *jwt_iss, *jwt_aud;
    int access_ttl; /* seconds */
    int refresh_ttl_days;
    const char *app_url;  /* SPA base URL for links in emails */
    const char *smtp_url; /* smtp://host:port */
    const char *mail_from;
    bool mailer; /* serve also supervises the mailer */
    const char *captcha_verify_url, *captcha_secret;
    const char *identity_verify_url, *identity_token; /* identity.h; NULL URL = off */
    int codes_per_ip_hour;
    int pwhash_ops;           /* argon2id t (SERUMS_PWHASH_OPS, default 2) */
    int pwhash_mem_kib;       /* argon2id m in KiB (SERUMS_PWHASH_MEM_KIB, default 19456) */
    const char *now_override; /* SERUMS_NOW: test only */
    int drain_seconds;        /* grace for in-flight requests on stop */
    const char *version;
    char socket_buf[2][CONFIG_PATH_MAX]; /* derived pool socket paths */
} config;

/* Fills cfg from the environment. Returns 0, or -1 with a reason in err:
 * no SERUMS_JWT_SECRET of 32+ bytes (any environment), or under production
 * (the default when SERUMS_ENV is unset) a clock override, a loopback or
 * non-https app URL, or an empty captcha URL. */
int config_load(config *cfg, char *err, size_t errlen);

/* The clock every phase decision uses: SERUMS_NOW when SERUMS_ENV=test
 * (an RFC 3339 instant, or @file holding one, read on every call), else time(). */
time_t config_now(const config *cfg);

/* True for an https URL whose host is not loopback (production app URL). */
bool config_url_is_public_https(const char *url);
#endif
