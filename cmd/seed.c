/* seed.c - `serumsd seed`: development data, each step idempotent: the INEI
 * ubigeo tables (shared/data/ubigeo), the demo staff accounts (service
 * api/auth_personal.c), and convocatoria 2026-I with inscription open around
 * today and the real 2026-I offers loaded through the import service
 * (api/plazas_import.c), then the informe final demo (seed_informe.c).
 * Refused under SERUMS_ENV=production. SQL: sql/seed.sql. */
#include "archivo.h"
#include "auth_personal.h"
#include "cmd.h"
#include "pgcopy.h"
#include "plazas_import.h"
#include "sql_gen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_PASSWORD "serums-dev-2026"

static int seed_ubigeo(const config *cfg, PGconn *c)
{
    static const struct {
        const db_stmt *copy;
        const char *file;
    } TABLAS[] = {
        {&SQL_seed_ubigeo_copy_dep, "ubigeo_departamento.csv"},
        {&SQL_seed_ubigeo_copy_prov, "ubigeo_provincia.csv"},
        {&SQL_seed_ubigeo_copy_dist, "ubigeo_distrito.csv"},
    };
    int rc = pg_exec_script(c, "begin", "seed ubigeo");
    if (rc == 0) rc = pg_exec_script(c, SQL_seed_ubigeo_temp.sql, "seed ubigeo");
    for (size_t i = 0; rc == 0 && i < sizeof TABLAS / sizeof TABLAS[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/ubigeo/%s", cfg->data_dir, TABLAS[i].file);
        rc = pg_copy_file(c, TABLAS[i].copy->sql, path);
    }
    if (rc == 0) rc = pg_exec_script(c, SQL_seed_ubigeo_merge.sql, "seed ubigeo");
    if (rc == 0) rc = pg_exec_script(c, "commit", "seed ubigeo");
    else pg_exec_script(c, "rollback", "seed ubigeo");
    if (rc == 0) printf("seed: ubigeo loaded\n");
    return rc;
}

static int seed_staff(const servicio *s)
{
    static const char *const STAFF[][3] = {
        {"admin@serums.test", "admin", NULL},
        {"diresa.amazonas@serums.test", "diresa", "AMAZONAS"},
        {"diresa.cusco@serums.test", "diresa", "CUSCO"},
    };
    for (size_t i = 0; i < sizeof STAFF / sizeof STAFF[0]; i++) {
        int exists = auth_usuario_existe(s, STAFF[i][0]);
        if (exists < 0 || (!exists && auth_personal_crear(s, STAFF[i][0], SEED_PASSWORD, STAFF[i][1],
                                                          STAFF[i][2], "usuario.seed") == PERSONAL_ERROR)) {
            fprintf(stderr, "seed: could not create %s\n", STAFF[i][0]);
            return -1;
        }
    }
    printf("seed: demo accounts admin@serums.test, diresa.amazonas@serums.test, diresa.cusco@serums.test "
           "(password %s)\n",
           SEED_PASSWORD);
    return 0;
}

/* Imports one real offer file unless the same file is already the current import. */
static int seed_offer(const servicio *s, const char *conv_id, const char *modalidad, const char *path)
{
    size_t len = 0;
    char *body = archivo_leer(path, (size_t)64 << 20, &len);
    if (!body) {
        fprintf(stderr, "seed: cannot read %s\n", path);
        return -1;
    }
    int rc = 0, done = plazas_importado(s, conv_id, modalidad, body, len);
    if (done < 0) rc = -1;
    else if (done == 0) {
        importe im;
        plazas_importar(s, conv_id, modalidad, body, len, &im);
        if (im.estado == IMPORTE_HECHO) {
            printf("seed: %s offer of 2026-I imported from %s\n", modalidad, path);
        } else if (im.estado == IMPORTE_FASE_INICIADA) {
            /* an old development database past its adjudication keeps the offer it has */
            printf("seed: %s offer of 2026-I kept: %s\n", modalidad, im.detalle);
        } else {
            fprintf(stderr, "seed: import of %s failed (%s)\n", path,
                    im.estado == IMPORTE_ARCHIVO ? im.of.detalle : "rows rejected or database failure");
            rc = -1;
        }
    }
    free(body);
    return rc;
}

static int seed_convocatoria(const servicio *s)
{
    PGresult *res = db_exec(s->db, s->a, &SQL_seed_convocatoria, 1, (const char *[]){servicio_ahora(s)});
    if (!res) {
        fprintf(stderr, "seed: could not create convocatoria 2026-I\n");
        return -1;
    }
    if (strcmp(db_field(res, 0, "fases_creadas"), "0") != 0) printf("seed: convocatoria 2026-I created\n");
    const char *conv_id = db_field(res, 0, "id");
    static const char *const FILES[][2] = {{"REMUNERADA", "2026-i-remunerado.csv"},
                                           {"EQUIVALENTE", "2026-i-equivalente.csv"}};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/ofertas/%s", s->cfg->data_dir, FILES[i][1]);
        rc = seed_offer(s, conv_id, FILES[i][0], path);
    }
    return rc;
}

int cmd_seed(const config *cfg)
{
    if (cfg->env == ENV_PRODUCTION) {
        fprintf(stderr, "seed: refusing to load demo data under SERUMS_ENV=production\n");
        return 1;
    }
    cmd_sesion c;
    if (!cmd_abrir(&c, cfg, "seed")) return 1;
    int rc = seed_ubigeo(cfg, c.db.conn);
    if (rc == 0) rc = seed_staff(&c.s);
    if (rc == 0) rc = seed_convocatoria(&c.s);
    if (rc == 0) rc = seed_revision(&c.s);
    if (rc == 0) rc = seed_informes(&c.s);
    cmd_cerrar(&c);
    if (rc == 0) printf("seed: done\n");
    return rc == 0 ? 0 : 1;
}
