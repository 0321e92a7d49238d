/* seed_informe.c - `serumsd seed` (development only): a past convocatoria
 * 2025-I in its INFORME_FINAL phase with five serumistas of plazas of the
 * CUSCO DIRESA, one informe in each state (REGISTRADO with three months,
 * ENVIADO, OBSERVADO, APROBADO with its SHA-256, RESOLUCION), written with
 * the same statements as the routes (sql/informe.sql) and hashed by
 * domain/informe_huella. Accounts serumista.<estado>@serums.test, password
 * serums-dev-2026; reviewer diresa.cusco@serums.test. Idempotent. */
#include "cmd.h"
#include "db.h"
#include "informe_huella.h"
#include "informe_periodo.h"
#include "password.h"
#include "sql_gen.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct semilla {
    arena *a;
    db *d;
    const char *ahora, *convocatoria, *inicio, *fin, *revisor;
} semilla;

static const char *const ESTADOS[] = {"REGISTRADO", "ENVIADO", "OBSERVADO", "APROBADO", "RESOLUCION"};
static const char *const NOMBRES[][3] = {{"Rosa Elena", "Huamán", "Condori"},
                                         {"José Luis", "Ñahui", "Quispe"},
                                         {"Lucía", "Mamani", "Cóndor"},
                                         {"Martín", "Ccori", "Puma"},
                                         {"Ana Sofía", "Pérez", "Yupanqui"}};
static const char *const ACTIVIDADES[][2] = {
    {"PREVENTIVO_PROMOCIONAL", "Campaña de vacunación casa por casa"},
    {"CAPACITACION", "Capacitación a agentes comunitarios en signos de alarma del recién nacido"},
    {"ATENCION", "Atención integral del niño en la comunidad de Pampamarca"},
    {"GESTION", "Elaboración del análisis de situación de salud (ASIS) del distrito"},
};

static PGresult *sql(semilla *s, const db_stmt *st, int n, const char *const *v)
{
    PGresult *res = db_exec(s->d, s->a, st, n, v);
    if (!res) fprintf(stderr, "seed: %s failed\n", st->name);
    return res;
}

static const char *num(semilla *s, long n) { return arena_printf(s->a, "%ld", n); }

/* Rows and texts of informe `id`; fills d with what was written. */
static int escribir(semilla *s, const char *id, int meses, informe_datos *d)
{
    informe_periodo p;
    if (informe_periodo_desde(&p, s->inicio, s->fin)) return -1;
    if (meses > p.nmeses) meses = p.nmeses;
    informe_atencion *at = arena_calloc(s->a, (size_t)meses + 1, sizeof *at);
    informe_actividad *ac = arena_calloc(s->a, (size_t)meses * 4 + 1, sizeof *ac);
    if (!at || !ac) return -1;
    size_t nac = 0;
    for (int i = 0; i < meses; i++) {
        informe_mes m = informe_periodo_mes(&p, i);
        at[i] = (informe_atencion){m.anio, m.mes, 180 + 5 * i, 170 + 6 * i};
        const char *v[] = {
            id, num(s, m.anio), num(s, m.mes), num(s, at[i].programadas), num(s, at[i].ejecutadas), s->ahora};
        if (!sql(s, &SQL_informe_atencion_poner, 6, v)) return -1;
        for (int k = 0; k < 4; k += 1 + (i % 2)) {
            ac[nac] = (informe_actividad){m.anio, m.mes,        ACTIVIDADES[k][0], ACTIVIDADES[k][1],
                                          4 + k,  3 + k + i % 3};
            const char *w[] = {id,
                               num(s, m.anio),
                               num(s, m.mes),
                               ac[nac].rubro,
                               ac[nac].actividad,
                               num(s, ac[nac].programadas),
                               num(s, ac[nac].ejecutadas),
                               s->ahora};
            if (!sql(s, &SQL_informe_actividad_poner, 8, w)) return -1;
            nac++;
        }
    }
    d->atenciones = at;
    d->natenciones = (size_t)meses;
    d->actividades = ac;
    d->nactividades = nac;
    d->conclusiones = "Se cumplió la programación de atenciones; la población acudió más en época seca.";
    d->recomendaciones = "Reforzar la cadena de frío y la referencia de gestantes al hospital de Sicuani.";
    d->servicio_inicio = s->inicio;
    d->servicio_fin = s->fin;
    const char *t[] = {id, d->conclusiones, d->recomendaciones, s->ahora};
    return sql(s, &SQL_informe_textos_poner, 4, t) ? 0 : -1;
}

/* Takes informe `id` from REGISTRADO to `estado`. */
static int avanzar(semilla *s, const char *id, int estado, const informe_datos *d)
{
    if (estado >= 1 && !sql(s, &SQL_informe_enviar, 2, (const char *[]){id, s->ahora})) return -1;
    if (estado == 2) {
        const char *v[] = {
            id,         "OBSERVADO", "Falta detallar las actividades de gestión del último trimestre.",
            s->revisor, NULL,        s->ahora};
        return sql(s, &SQL_informe_revisar, 6, v) ? 0 : -1;
    }
    if (estado < 3) return 0;
    char hex[65];
    if (informe_sha256(s->a, d, hex)) return -1;
    if (!sql(s, &SQL_informe_revisar, 6, (const char *[]){id, "APROBADO", NULL, s->revisor, hex, s->ahora}))
        return -1;
    if (estado < 4) return 0;
    const char *v[] = {id, "RD-0457-2026-GERESA-CUSCO", arena_printf(s->a, "%.10s", s->ahora), s->ahora};
    return sql(s, &SQL_informe_resolver, 4, v) ? 0 : -1;
}

static int serumista(semilla *s, int k, const char *hash)
{
    const char *email = arena_printf(s->a, "serumista.%s@serums.test", ESTADOS[k]);
    char *e = (char *)email;
    for (; *e; e++) *e = (char)(*e >= 'A' && *e <= 'Z' ? *e + 32 : *e);
    const char *v[] = {email,
                       hash,
                       arena_printf(s->a, "7000000%d", k),
                       NOMBRES[k][0],
                       NOMBRES[k][1],
                       NOMBRES[k][2],
                       num(s, k),
                       s->convocatoria,
                       s->inicio,
                       s->fin};
    PGresult *res = sql(s, &SQL_informe_seed_serumista, 10, v);
    if (!res) return -1;
    if (PQntuples(res) == 0) return 0; /* already there (or no plaza to copy) */
    const char *adj = db_field(res, 0, "adjudicacion_id");
    PGresult *inf = sql(s, &SQL_informe_crear, 2, (const char *[]){adj, s->ahora});
    if (inf) inf = sql(s, &SQL_informe_bloquear, 1, (const char *[]){adj});
    if (!inf || PQntuples(inf) != 1) return -1;
    const char *id = db_field(inf, 0, "id");
    informe_datos d = {.inscripcion_id = atol(db_field(res, 0, "inscripcion_id"))};
    if (escribir(s, id, k == 0 ? 3 : 12, &d) || avanzar(s, id, k, &d)) return -1;
    const char *despues = arena_printf(s->a, "{\"estado\":\"%s\"}", ESTADOS[k]);
    return sql(s, &SQL_informe_seed_auditar, 3, (const char *[]){id, "informe.seed", despues}) ? 1 : -1;
}

int seed_informes(const servicio *sv)
{
    semilla s = {.a = sv->a, .d = sv->db, .ahora = servicio_ahora(sv)};
    int rc = -1, creados = 0;
    PGresult *conv = sql(&s, &SQL_informe_seed_convocatoria, 1, (const char *[]){s.ahora});
    PGresult *rev = conv ? sql(&s, &SQL_informe_seed_revisor, 0, NULL) : NULL;
    char hash[PASSWORD_HASH_MAX];
    if (rev && PQntuples(rev) == 1 && password_hash("serums-dev-2026", PASSWORD_COST_DEFAULT, hash) == 0) {
        s.convocatoria = db_field(conv, 0, "convocatoria_id");
        s.inicio = db_field(conv, 0, "inicio");
        s.fin = db_field(conv, 0, "fin");
        s.revisor = db_field(rev, 0, "id");
        rc = db_begin(s.d) ? 0 : -1;
        for (int k = 0; rc == 0 && k < 5; k++) {
            int r = serumista(&s, k, hash);
            if (r < 0) rc = -1;
            else creados += r;
        }
        if (rc == 0 && !db_commit(s.d)) rc = -1;
        if (rc != 0) db_rollback(s.d);
        sodium_memzero(hash, sizeof hash);
    }
    if (rc == 0 && creados)
        printf(
            "seed: informe final demo in 2025-I: serumista.{registrado,enviado,observado,aprobado,resolucion}"
            "@serums.test, one informe in each state\n");
    if (rc != 0) fprintf(stderr, "seed: the informe final demo failed\n");
    return rc;
}
