/* main.c - serumsd: one binary, one subcommand per job.
 *   serve       FastCGI master + workers (+ mailer unless SERUMS_MAILER=0) + the
 *               adjudication clock (api/adjudicacion_reloj.c)
 *   migrate     apply db/migrations
 *   seed        catalogs, demo convocatoria and users (development/test data)
 *   mailer      deliver the email outbox (--once: one pass)
 *   smtp-sink   development SMTP server writing messages to a directory
 *   user        account administration (see `serumsd user help`)
 *   import      offer import from the command line
 *   routes      every served route, "METHOD template" per line (contract check);
 *               --nginx: the nginx map from route to worker pool
 *   version */
#include "adjudicacion_reloj.h"
#include "api.h"
#include "cmd.h"
#include "problemas.h"
#include "sql_gen.h"
#include "config.h"
#include "mailer.h"
#include "master.h"
#include "migrate.h"
#include "smtp_sink.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: serumsd serve|migrate|seed|mailer [--once]|smtp-sink [--listen H:P] [--dir D]|"
                    "user ...|import ...|routes [--nginx]|version\n");
    return 2;
}

static int cmd_routes(int argc, char **argv)
{
    router *rt = routes_build();
    if (!rt) return 1;
    if (argc > 2 && !strcmp(argv[2], "--nginx")) { /* the pool map nginx includes */
        arena a;
        arena_init(&a, 16384);
        const char *map = router_nginx_pool_map(rt, &a);
        if (map) fputs(map, stdout);
        arena_free(&a);
        router_free(rt);
        return map ? 0 : 1;
    }
    for (size_t i = 0; i < router_count(rt); i++)
        printf("%s %s\n", router_at(rt, i)->method, router_at(rt, i)->tmpl);
    router_free(rt);
    return 0;
}

static int cmd_sink(int argc, char **argv)
{
    const char *listen = "127.0.0.1:2525", *dir = "var/mail";
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--listen")) listen = argv[i + 1];
        else if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
        else return usage();
    }
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) return usage();
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    return smtp_sink_run(host, atoi(colon + 1), dir);
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage();
    const char *cmd = argv[1];
    if (!strcmp(cmd, "version")) {
        printf("serumsd %s\n", SERUMS_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "smtp-sink")) return cmd_sink(argc, argv);
    if (!strcmp(cmd, "routes")) return cmd_routes(argc, argv);
    if (sodium_init() < 0) {
        fprintf(stderr, "libsodium failed to initialize\n");
        return 1;
    }
    config cfg;
    char err[256];
    if (config_load(&cfg, err, sizeof err) != 0) {
        fprintf(stderr, "serumsd: %s\n", err);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!strcmp(cmd, "serve")) {
        if (SQL_COUNT > DB_MAX_PREPARED) { /* every statement must fit a connection's table */
            fprintf(stderr, "serumsd: %d SQL statements, at most %d can be prepared\n", SQL_COUNT,
                    DB_MAX_PREPARED);
            return 1;
        }
        curl_global_init(CURL_GLOBAL_DEFAULT);
        static const server_revocation revocation = {"sesion_revocada", &SQL_sesion_revocadas_desde};
        static const server_app app = {.routes_build = routes_build,
                                       .roles = api_roles,
                                       .problems = api_problemas,
                                       .revocation = &revocation,
                                       .background = reloj_run,
                                       .warm = routes_warm};
        return master_serve(&cfg, &app);
    }
    if (!strcmp(cmd, "migrate")) return migrate_run(cfg.database_url, cfg.migrations_dir) == 0 ? 0 : 1;
    if (!strcmp(cmd, "seed")) return cmd_seed(&cfg);
    if (!strcmp(cmd, "mailer")) {
        if (argc > 2 && !strcmp(argv[2], "--once")) return mailer_drain_once(&cfg) < 0;
        return mailer_run(&cfg);
    }
    if (!strcmp(cmd, "user")) return cmd_user(&cfg, argc, argv);
    if (!strcmp(cmd, "import")) return cmd_import(&cfg, argc, argv);
    return usage();
}
