/* test_adjudicacion_cache.c - live picks through the per-worker cache of
 * loaded sessions (api/adjudicacion_cache.c), black-box through nginx: picks
 * of three parallel sessions from more clients than there are workers,
 * racing for the same turns, replay (independent verifier) to exactly what
 * is stored; and a worker whose cached session fell behind (other workers
 * committed picks meanwhile) catches up and answers the right turn, while the
 * state file built from the machine stays byte-equal to the state read from
 * the tables. */
#include "it.h"
#include "it_orden.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLITICA "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}]," \
                 " \"eleccion_nota\": \"NINGUNA\", \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\"], \"escala\": 6}"
#define N_TURNOS 10

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = NULL;
    cr_assert_geq(vasprintf(&s, f, ap), 0);
    va_end(ap);
    return s;
}

typedef struct sesion {
    const char *prof;
    char *id;
    long long ids[N_TURNOS];
    long long pa, pb;
} sesion;

/* The group of prof in conv: its policy, N_TURNOS aptos, two plazas of 6 units. */
static void grupo(sesion *s, const char *adm, const char *conv, const char *prof)
{
    s->prof = prof;
    char *path = fmt("/v1/convocatorias/%s/politicas/%s", conv, prof);
    it_resp *r = it_put(path, adm, POLITICA);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    free(path);
    it_aptos(conv, prof, "REMUNERADA", N_TURNOS, s->ids);
    s->pa = it_plaza(conv, prof, 6);
    s->pb = it_plaza(conv, prof, 6);
}

/* A live session of the group (ORDEN_MERITO published), started. */
static void sesion_viva(sesion *s, const char *adm, const char *conv)
{
    char *body = fmt("{\"modalidad\":\"REMUNERADA\",\"profesion\":\"%s\",\"fase\":\"UNICA\",\"modo\":\"VIVO\","
                     "\"segundos_turno\":3600}", s->prof);
    char *path = fmt("/v1/convocatorias/%s/adjudicaciones", conv);
    it_resp *r = it_post(path, adm, body);
    cr_assert_eq(r->status, 201, "%s", r->body);
    s->id = strdup(it_str(r, "id"));
    it_free(r);
    free(path);
    free(body);
    path = fmt("/v1/adjudicaciones/%s/iniciar", s->id);
    r = it_post(path, adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    free(path);
}

/* An operator's pick for the called turn, with a chosen X-Request-Id. */
static it_resp *elegir(const char *sid, const char *adm, long long ins, long long plaza, const char *rid)
{
    char *path = fmt("/v1/adjudicaciones/%s/elecciones", sid), *body = fmt("{\"plaza_id\":%lld,\"inscripcion_id\":%lld}", plaza, ins);
    char *auth = fmt("Authorization: Bearer %s", adm), *xr = fmt("X-Request-Id: %s", rid);
    const char *h[] = {auth, xr, NULL};
    it_resp *r = it_request("POST", path, "application/json", body, strlen(body), h);
    free(path);
    free(body);
    free(auth);
    free(xr);
    return r;
}

typedef struct cliente {
    sesion *s;
    const char *adm;
    int n200, n409, n422, otros, vueltas;
} cliente;

/* Reads the public state and records the pick of the called turn (the first plaza with a free
 * unit) until the session ends; racing clients of the same session get 409 or 422. */
static void *cliente_correr(void *arg)
{
    cliente *c = arg;
    char *path = fmt("/v1/adjudicaciones/%s", c->s->id);
    for (c->vueltas = 0; c->vueltas < 200; c->vueltas++) {
        it_resp *r = it_get(path, NULL);
        long long turno = r->status == 200 ? it_int(r, "turno.inscripcion_id") : -2;
        long long pa_libres = r->status == 200 ? it_int(r, "plazas.0.libres") : 0;
        it_free(r);
        if (turno < 0) {
            if (turno == -2) c->otros++;
            break;
        }
        char rid[64];
        snprintf(rid, sizeof rid, "cachetest%d%lx", c->vueltas, (unsigned long)pthread_self());
        r = elegir(c->s->id, c->adm, turno, pa_libres > 0 ? c->s->pa : c->s->pb, rid);
        if (r->status == 200) c->n200++;
        else if (r->status == 409) c->n409++;
        else if (r->status == 422) c->n422++;
        else c->otros++;
        it_free(r);
    }
    free(path);
    return NULL;
}

static char *raiz(void)
{
    static char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    *strstr(root, "/tests/integration/") = 0;
    return root;
}

static void guardar(const char *file, it_resp *r)
{
    FILE *fp = fopen(file, "w");
    cr_assert_not_null(fp, "%s", file);
    fwrite(r->body, 1, r->len, fp);
    fclose(fp);
}

/* The published merit order and log of s replay, in the independent verifier, to the stored result. */
static void verificar(const char *conv, const char *adm, const sesion *s)
{
    char *dir = fmt("/tmp/serums-adjcache-%d-%s", (int)getpid(), s->prof);
    mkdir(dir, 0700);
    char *path = fmt("/v1/convocatorias/%s/orden-merito?modalidad=REMUNERADA&profesion=%s", conv, s->prof);
    it_resp *r = it_get(path, adm);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *file = fmt("%s/orden.json", dir);
    guardar(file, r);
    it_free(r);
    free(file);
    free(path);
    path = fmt("/v1/adjudicaciones/%s/eventos", s->id);
    r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "eventos")->n, N_TURNOS, "%s: one event per turn", s->prof);
    file = fmt("%s/sesion.json", dir);
    guardar(file, r);
    it_free(r);
    free(file);
    free(path);
    char *cmd = fmt("python3 '%s/tests/verify/verificar.py' %s", raiz(), dir), *out = NULL;
    int rc = it_shell(cmd, NULL, 0, &out);
    cr_expect_eq(rc, 0, "verifier on %s: %s", s->prof, out);
    cr_expect(strstr(out, "FALLA") == NULL, "%s", out);
    free(out);
    free(cmd);
    /* what is stored is what the log says: every ADJUDICADO event has its vigente adjudicación
     * (same plaza and unit), every turn its state, and the session row the log's length and head */
    const char *q = "select (select count(*) from adjudicacion_eventos e join adjudicaciones a on a.sesion_id = e.sesion_id"
                    " and a.inscripcion_id = e.inscripcion_id and a.plaza_id = e.plaza_id and a.unidad = e.unidad"
                    " and a.estado = 'VIGENTE' where e.sesion_id = $1::bigint and e.resultado = 'ADJUDICADO')"
                    " || '/' || (select count(*) from adjudicaciones where sesion_id = $1::bigint)"
                    " || '/' || (select count(*) from adjudicacion_turnos t join adjudicacion_eventos e on"
                    " e.sesion_id = t.sesion_id and e.inscripcion_id = t.inscripcion_id and e.resultado = t.estado"
                    " where t.sesion_id = $1::bigint)"
                    " || '/' || (select eventos || ':' || (ultimo_hash = (select hash from adjudicacion_eventos"
                    " where sesion_id = $1::bigint order by seq desc limit 1))::text || ':' || estado"
                    " from adjudicacion_sesiones where id = $1::bigint)";
    char *v = it_db_value(q, s->id);
    char *want = fmt("%d/%d/%d/%d:true:CERRADA", N_TURNOS, N_TURNOS, N_TURNOS, N_TURNOS);
    cr_expect_str_eq(v, want, "%s", s->prof);
    free(want);
    free(v);
    cmd = fmt("rm -rf %s", dir);
    cr_expect_eq(it_shell(cmd, NULL, 0, NULL), 0);
    free(cmd);
    free(dir);
}

/* The app pool's pid that served request `rid` (the serumsd log), 0 when not found. */
static long pid_de(const char *rid)
{
    const char *log = getenv("SERUMS_SERUMSD_LOG");
    cr_assert(log && *log, "SERUMS_SERUMSD_LOG names the server's log");
    char *cmd = fmt("grep -a '\"request_id\":\"%s\"' '%s' | sed -n 's/.*\"pid\":\\([0-9]*\\).*/\\1/p' | head -1", rid, log),
         *out = NULL;
    cr_assert_eq(it_shell(cmd, NULL, 0, &out), 0);
    long pid = atol(out);
    free(out);
    free(cmd);
    return pid;
}

Test(adjudicacion_cache, parallel_clients_of_three_sessions_replay_to_what_is_stored)
{
    char *adm = it_admin(), *conv = it_conv_adjudicacion();
    const char *profs[] = {"MEDICINA", "ENFERMERIA", "OBSTETRICIA"};
    sesion s[3];
    for (int i = 0; i < 3; i++) grupo(&s[i], adm, conv, profs[i]);
    it_orden_publicar(conv); /* sessions take their turns from the published order */
    for (int i = 0; i < 3; i++) sesion_viva(&s[i], adm, conv);
    enum { POR_SESION = 3 };
    cliente c[3 * POR_SESION];
    pthread_t th[3 * POR_SESION];
    for (int i = 0; i < 3 * POR_SESION; i++) {
        c[i] = (cliente){.s = &s[i / POR_SESION], .adm = adm};
        cr_assert_eq(pthread_create(&th[i], NULL, cliente_correr, &c[i]), 0);
    }
    int ok[3] = {0, 0, 0}, otros = 0;
    for (int i = 0; i < 3 * POR_SESION; i++) {
        pthread_join(th[i], NULL);
        ok[i / POR_SESION] += c[i].n200;
        otros += c[i].otros;
    }
    cr_expect_eq(otros, 0, "every answer was 200, 409 or 422");
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(ok[i], N_TURNOS, "%s: one successful pick per turn", profs[i]);
        verificar(conv, adm, &s[i]);
        free(s[i].id);
    }
    free(conv);
    free(adm);
}

Test(adjudicacion_cache, a_worker_whose_cached_session_fell_behind_catches_up)
{
    char *adm = it_admin(), *conv = it_conv_adjudicacion();
    sesion s;
    grupo(&s, adm, conv, "MEDICINA");
    it_orden_publicar(conv);
    sesion_viva(&s, adm, conv);
    long pids[N_TURNOS];
    for (int k = 0; k < N_TURNOS; k++) {
        char rid[64];
        snprintf(rid, sizeof rid, "alcance%d%s", k, s.id);
        /* merit order: ids[N_TURNOS - 1] first */
        it_resp *r = elegir(s.id, adm, s.ids[N_TURNOS - 1 - k], k % 2 ? s.pb : s.pa, rid);
        cr_assert_eq(r->status, 200, "pick %d: %s", k + 1, r->body);
        cr_expect_eq(it_int(r, "eventos"), k + 1);
        if (k + 1 < N_TURNOS) cr_expect_eq(it_int(r, "turno.inscripcion_id"), s.ids[N_TURNOS - 2 - k]);
        else cr_expect_str_eq(it_str(r, "estado"), "CERRADA");
        cr_expect_eq(it_int(r, "plazas.0.libres"), 6 - (k + 2) / 2, "pick %d", k + 1);
        it_free(r);
        pids[k] = pid_de(rid);
        cr_assert_gt(pids[k], 0, "pick %d is in the log", k + 1);
        if (k == N_TURNOS / 2 || k == N_TURNOS - 1) {
            /* the state file (built from the machine) says what the tables say, byte for byte */
            char *path = fmt("/v1/adjudicaciones/%s", s.id), *file = fmt("/v1/adjudicaciones/%s/estado.json", s.id);
            it_resp *a = it_get(path, NULL), *b = it_get(file, NULL);
            cr_assert_eq(a->status, 200, "%s", a->body);
            cr_assert_eq(b->status, 200, "%s", b->body);
            cr_expect_eq(a->len, b->len, "%s\n%s", a->body, b->body);
            cr_expect(a->len == b->len && !memcmp(a->body, b->body, a->len), "%s\n%s", a->body, b->body);
            it_free(a);
            it_free(b);
            free(path);
            free(file);
        }
    }
    /* some worker served a pick after serving an earlier one of the session and missing the
     * one right before: its cached machine was behind, and the log says it caught up */
    int atrasados = 0;
    for (int k = 2; k < N_TURNOS; k++) {
        if (pids[k] == pids[k - 1]) continue;
        for (int j = 0; j < k - 1; j++)
            if (pids[j] == pids[k]) {
                atrasados++;
                break;
            }
    }
    cr_expect_gt(atrasados, 0, "a worker served a pick with a stale cache");
    const char *log = getenv("SERUMS_SERUMSD_LOG");
    char *cmd = fmt("grep -a '\"msg\":\"adjudicacion cache al dia\"' '%s' | grep -c '\"sesion\":%s,'", log, s.id), *out = NULL;
    cr_expect_eq(it_shell(cmd, NULL, 0, &out), 0, "no catch-up logged");
    cr_expect_geq(atoi(out), atrasados, "catch-ups logged: %s", out);
    free(out);
    free(cmd);
    verificar(conv, adm, &s);
    free(s.id);
    free(conv);
    free(adm);
}
