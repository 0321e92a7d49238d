/* seed_revision.c - `serumsd seed`, review stage (issue 10): a few hundred
 * finalized 2026-I inscriptions across DIRESAs with the real 2024 grades of
 * shared/data/notas-2024, a share of them reviewed, and the preliminary list
 * published through the same service as POST .../publicaciones, so that a
 * newcomer finds the reviewers' list and a published list filled.
 * Idempotent. SQL: sql/revision_demo.sql, sql/publicaciones.sql. */
#include "cmd.h"
#include "publicacion_servicio.h"
#include "sql_gen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_POSTULANTES 300
static const char *const CARRERAS[][2] = {
    {"medicina", "MEDICINA"},       {"enfermeria", "ENFERMERIA"},
    {"obstetricia", "OBSTETRICIA"}, {"odontologia", "ODONTOLOGIA"},
    {"nutricion", "NUTRICION"},     {"quimico-farmaceutico", "QUIMICO_FARMACEUTICO"},
};
#define N_CARRERAS (sizeof CARRERAS / sizeof CARRERAS[0])

/* Appends up to `n` graded rows of one notas-2024 file as {profesion, nota}. */
static int notas_de(const config *cfg, const char *carrera, const char *codigo, int n, jw *w)
{
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/notas-2024/%s.csv", cfg->data_dir, carrera);
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "seed: cannot read %s\n", path);
        return -1;
    }
    int k = 0;
    while (k < n && fgets(line, sizeof line, in)) {
        char *nota = strrchr(line, ',');
        if (!nota) continue;
        nota[strcspn(nota, "\r\n")] = '\0';
        nota++;
        if (!*nota || strspn(nota, "0123456789.") != strlen(nota)) continue; /* header, NA */
        jw_obj(w);
        jw_kstr(w, "profesion", codigo);
        jw_key(w, "nota");
        jw_str(w, nota);
        jw_end_obj(w);
        k++;
    }
    fclose(in);
    return 0;
}

static const char *grados(arena *a, const config *cfg)
{
    jw *w = jw_new(a);
    if (!w) return NULL;
    jw_arr(w);
    for (size_t i = 0; i < N_CARRERAS; i++)
        if (notas_de(cfg, CARRERAS[i][0], CARRERAS[i][1], DEMO_POSTULANTES / (int)N_CARRERAS, w) != 0)
            return NULL;
    jw_end_arr(w);
    size_t len;
    return jw_finish(w, &len);
}

/* The preliminary list of 2026-I, published as the demo admin `s`. */
static int publicar(const servicio *s, const char *conv)
{
    const pub_tipo *t = pub_tipo_buscar("APTOS_PRELIMINAR");
    PGresult *filas = db_exec(s->db, s->a, &SQL_publicacion_filas_aptos, 2,
                              (const char *[]){conv, "{APTO,OBSERVADO,NO_APTO}"});
    pub_publicada p;
    if (!filas || !db_begin(s->db)) return -1;
    if (publicacion_guardar(s, conv, t, filas, &p) != PUB_HECHA || !db_commit(s->db)) {
        db_rollback(s->db);
        return -1;
    }
    publicacion_escribir_archivos(s, &p);
    printf("seed: APTOS_PRELIMINAR of 2026-I published (%zu rows, sha256 %s)\n", p.filas, p.csv.sha256);
    return 0;
}

static int cargar(const servicio *s, const char *conv)
{
    const char *notas = grados(s->a, s->cfg);
    if (!notas || !db_begin(s->db)) return -1;
    const char *ahora = servicio_ahora(s);
    PGresult *ins = db_exec(s->db, s->a, &SQL_revision_demo_cargar, 3, (const char *[]){conv, notas, ahora});
    PGresult *fin = ins ? db_exec(s->db, s->a, &SQL_revision_demo_finalizar, 2, (const char *[]){conv, ahora})
                        : NULL;
    PGresult *rev = fin ? db_exec(s->db, s->a, &SQL_revision_demo_revisar, 2, (const char *[]){conv, ahora})
                        : NULL;
    if (!rev || !db_commit(s->db)) {
        db_rollback(s->db);
        return -1;
    }
    printf("seed: %d finalized demo inscriptions in 2026-I, %d reviewed\n", PQntuples(fin), PQntuples(rev));
    return 0;
}

int seed_revision(const servicio *sistema)
{
    PGresult *st = db_exec(sistema->db, sistema->a, &SQL_revision_demo_existe, 0, NULL);
    PGresult *admin = st ? db_exec(sistema->db, sistema->a, &SQL_revision_demo_admin, 0, NULL) : NULL;
    int rc = -1;
    if (admin && PQntuples(st) == 1 && PQntuples(admin) == 1) {
        servicio s = *sistema;
        s.actor = db_field(admin, 0, "id"); /* the demo admin publishes */
        const char *conv = db_field(st, 0, "convocatoria_id");
        rc = 0;
        if (strcmp(db_field(st, 0, "cargado"), "t")) rc = cargar(&s, conv);
        if (rc == 0 && strcmp(db_field(st, 0, "publicada"), "t")) rc = publicar(&s, conv);
    }
    if (rc != 0) fprintf(stderr, "seed: review demo failed\n");
    return rc;
}
