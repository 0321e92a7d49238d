/* auth.c - the accounts module: its route table (/v1/auth/..., /v1/me..., /v1/usuarios),
 * the development seed of staff accounts and `serumsd user` for real ones. The
 * handlers live in auth_registro.c, auth_sesiones.c, auth_cuenta.c and
 * auth_usuarios.c. */
#include "api.h"
#include "auth_internal.h"
#include "email.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const route auth_routes[] = {
    {"POST", "/v1/auth/email-codes", auth_email_codes, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/register", auth_register, 0, BODY_JSON, 0, ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"POST", "/v1/auth/login", auth_login, 0, BODY_JSON, 0, ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"POST", "/v1/auth/refresh", auth_refresh, 0, BODY_JSON, 0, ROUTE_NO_STORE},
    {"POST", "/v1/auth/logout", auth_logout, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/password-resets", auth_reset_request, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/password-resets/confirm", auth_reset_confirm, 0, BODY_JSON, 0, ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"GET", "/v1/me", auth_me, ROLES_ANY, BODY_NONE, 0},
    {"PUT", "/v1/me/password", auth_me_password, ROLES_ANY, BODY_JSON, 0, ROUTE_POOL_AUTH},
    {"GET", "/v1/usuarios", auth_usuarios_list, ROLE_ADMIN, BODY_NONE, 0},
};
const size_t auth_routes_n = ROUTES_N(auth_routes);

/* ---- staff accounts: the seed and the CLI share one insert ---- */

static const char SQL_STAFF_INSERT[] =
    "with u as (insert into usuarios (email, password_hash, rol, diresa_codigo) values ($1, $2, $3, $4)"
    " on conflict (email) do nothing returning id),"
    " h as (insert into password_historial (usuario_id, password_hash, creado_at) select id, $2, now() from u)"
    " select id, audit_record(null, $5, 'usuario', id::text, null,"
    "   jsonb_build_object('email', $1::text, 'rol', $3::text, 'diresa', $4::text), null) from u";

/* 1 created, 0 already there, -1 error (printed). */
static int staff_create(PGconn *c, const config *cfg, const char *email, const char *password, const char *rol,
                        const char *diresa, const char *action)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, auth_cost(cfg), hash) != 0) {
        fprintf(stderr, "user: out of memory hashing the password\n");
        return -1;
    }
    const char *p[] = {email, hash, rol, diresa, action};
    PGresult *res = PQexecParams(c, SQL_STAFF_INSERT, 5, NULL, p, NULL, NULL, 0);
    int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) == 1 : -1;
    if (rc < 0) fprintf(stderr, "user: %s", PQerrorMessage(c));
    PQclear(res);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

#define DEV_PASSWORD "serums-dev-2026"

int auth_seed(const config *cfg, PGconn *c)
{
    if (cfg->env == ENV_PRODUCTION) return 0;   /* never: demo accounts are development data */
    static const char *const staff[][3] = {
        {"admin@serums.test", "admin", NULL},
        {"diresa.amazonas@serums.test", "diresa", "AMAZONAS"},
        {"diresa.cusco@serums.test", "diresa", "CUSCO"},
    };
    for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++) {
        const char *p[] = {staff[i][0]};
        PGresult *res = PQexecParams(c, "select 1 from usuarios where email = $1", 1, NULL, p, NULL, NULL, 0);
        bool exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
        PQclear(res);
        if (!exists && staff_create(c, cfg, staff[i][0], DEV_PASSWORD, staff[i][1], staff[i][2], "usuario.seed") < 0)
            return 1;
    }
    printf("seed: demo accounts admin@serums.test, diresa.amazonas@serums.test, diresa.cusco@serums.test "
           "(password %s)\n", DEV_PASSWORD);
    return 0;
}

static int cli_usage(void)
{
    fprintf(stderr, "usage: serumsd user create --role admin|diresa [--diresa CODE] --email EMAIL\n"
                    "       (the password is read from standard input, one line)\n");
    return 2;
}

/* One line from stdin without its newline; NULL on EOF. */
static char *read_password_line(char *buf, size_t len)
{
    if (!fgets(buf, (int)len, stdin)) return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    return buf;
}

typedef struct cli_args { const char *rol, *diresa, *email; } cli_args;

static int cli_parse(int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 3; i < argc; i += 2) {
        if (i + 1 >= argc) return -1;
        if (!strcmp(argv[i], "--role")) a->rol = argv[i + 1];
        else if (!strcmp(argv[i], "--diresa")) a->diresa = argv[i + 1];
        else if (!strcmp(argv[i], "--email")) a->email = argv[i + 1];
        else return -1;
    }
    if (!a->rol || !a->email) return -1;
    if (strcmp(a->rol, "admin") && strcmp(a->rol, "diresa")) return -1;
    if (!strcmp(a->rol, "diresa") != (a->diresa != NULL)) return -1;
    return 0;
}

static int cli_create(const config *cfg, const cli_args *a)
{
    arena ar;
    arena_init(&ar, 1024);
    const char *email = email_normalizar(&ar, a->email);
    char pw[512];
    int rc = 1;
    const char *msg = NULL, *bad = NULL;
    if (!email) fprintf(stderr, "user: invalid email\n");
    else if (!read_password_line(pw, sizeof pw)) fprintf(stderr, "user: no password on standard input\n");
    else if ((bad = password_policy(pw, email, NULL, &msg))) fprintf(stderr, "user: %s (%s)\n", msg, bad);
    else {
        PGconn *c = PQconnectdb(cfg->database_url);
        if (PQstatus(c) != CONNECTION_OK) fprintf(stderr, "user: cannot connect: %s", PQerrorMessage(c));
        else {
            int made = staff_create(c, cfg, email, pw, a->rol, a->diresa, "usuario.crear");
            if (made == 1) { printf("user: created %s (%s)\n", email, a->rol); rc = 0; }
            else if (made == 0) fprintf(stderr, "user: %s already exists\n", email);
        }
        PQfinish(c);
    }
    sodium_memzero(pw, sizeof pw);
    arena_free(&ar);
    return rc;
}

int auth_cli(const config *cfg, int argc, char **argv)
{
    cli_args a;
    if (argc < 3 || strcmp(argv[2], "create") != 0 || cli_parse(argc, argv, &a) != 0) return cli_usage();
    return cli_create(cfg, &a);
}
