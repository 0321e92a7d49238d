/* test_verificador.c - builds a small convocatoria with the domain library
 * (a sorteo, a merit order with ties, a batch session and a live session with
 * absences and recalls), writes the files in the published shapes, and runs
 * the independent verifier tests/verify/verificar.py on them: it must agree,
 * and it must catch a changed score, a changed pick and a broken chain. */
#include "asignacion.h"
#include "evento_cadena.h"
#include "orden.h"
#include "politica.h"
#include "sorteo.h"
#include <sodium.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N 240
/* one directory per test process, so that concurrent runs never share files */
static char DIR[64];

static arena A;
static void setup(void)
{
    arena_init(&A, 1 << 16);
    snprintf(DIR, sizeof DIR, "build-verificador-%d", (int)getpid());
}
static void teardown(void)
{
    int rc = system(arena_printf(&A, "rm -rf %s %s.log", DIR, DIR));
    (void)rc;
    arena_free(&A);
}
TestSuite(verificador, .init = setup, .fini = teardown);

static unsigned X = 11;
static unsigned rnd(void) { return (X = X * 1103515245u + 12345u) >> 16; }
static char B[DEC_TEXTO];

static void escribir(const char *nombre, const char *texto)
{
    FILE *f = fopen(arena_printf(&A, "%s/%s", DIR, nombre), "w");
    cr_assert_not_null(f);
    fputs(texto, f);
    fclose(f);
}

/* the verifier beside this file's checkout (__FILE__ is absolute under CMake) */
static int verificar(void)
{
    char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    char *t = strstr(root, "/tests/domain/");
    cr_assert_not_null(t);
    *t = 0;
    return system(arena_printf(&A, "python3 '%s/tests/verify/verificar.py' %s > %s.log 2>&1", root, DIR, DIR));
}

static bool log_tiene(const char *linea)
{
    FILE *f = fopen(arena_printf(&A, "%s.log", DIR), "r");
    cr_assert_not_null(f);
    static char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return strstr(buf, linea) != NULL;
}

typedef struct escenario {
    int64_t ids[N];
    pol_notas notas[N];
    sorteo_item *sorteo;
    orden_item orden[N];
    politica pol;
    char h_pool[65], seed_hex[65], c_hex[65];
    char *pool, *seed_input;
} escenario;

static const char *S_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
static const char *BEACON = "9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

static void armar_sorteo(escenario *e)
{
    size_t len;
    cr_assert_eq(sorteo_pool(&A, e->ids, N, &e->pool, &len), 0);
    sorteo_sha256_hex(e->pool, len, e->h_pool);
    unsigned char s[32], c[32], seed[32];
    for (int i = 0; i < 32; i++) sscanf(S_HEX + 2 * i, "%2hhx", &s[i]);
    crypto_hash_sha256(c, s, 32);
    sorteo_hex(c, 32, e->c_hex);
    sorteo_datos d = {"2026-I", "REMUNERADA", "MEDICINA", e->h_pool, BEACON, S_HEX};
    e->seed_input = sorteo_seed_input(&A, &d);
    sorteo_seed(e->seed_input, seed);
    sorteo_hex(seed, 32, e->seed_hex);
    e->sorteo = sorteo_ordenar(&A, seed, e->ids, N);
}

static void escribir_sorteo(const escenario *e)
{
    jw *w = jw_new(&A);
    jw_obj(w);
    jw_kstr(w, "convocatoria", "2026-I");
    jw_kstr(w, "tipo", "SORTEO");
    jw_kint(w, "version", 1);
    jw_key(w, "sorteos");
    jw_arr(w);
    jw_obj(w);
    jw_kint(w, "id", 1);
    jw_kstr(w, "modalidad", "REMUNERADA");
    jw_kstr(w, "profesion", "MEDICINA");
    jw_kstr(w, "pool", e->pool);
    jw_kstr(w, "h_pool", e->h_pool);
    jw_kstr(w, "compromiso", e->c_hex);
    jw_kstr(w, "secreto", S_HEX);
    jw_key(w, "beacon");
    jw_obj(w);
    jw_kstr(w, "fuente", "DRAND_QUICKNET");
    jw_kstr(w, "ronda", "123456");
    jw_kstr(w, "valor", BEACON);
    jw_end_obj(w);
    jw_kstr(w, "seed_input", e->seed_input);
    jw_kstr(w, "seed", e->seed_hex);
    jw_end_obj(w);
    jw_end_arr(w);
    jw_key(w, "items");
    jw_arr(w);
    for (int i = 0; i < N; i++) {
        char k[65];
        sorteo_hex(e->sorteo[i].clave, 32, k);
        jw_obj(w);
        jw_kint(w, "sorteo_id", 1);
        jw_kint(w, "posicion", e->sorteo[i].posicion);
        jw_kint(w, "inscripcion_id", e->sorteo[i].id);
        jw_kstr(w, "clave", k);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_end_obj(w);
    size_t len;
    escribir("sorteo.json", jw_finish(w, &len));
}

static void armar_orden(escenario *e)
{
    for (int i = 0; i < N; i++) {
        orden_item *o = &e->orden[i];
        memset(o, 0, sizeof *o);
        o->id = e->ids[i];
        const char *falta;
        cr_assert_eq(politica_puntaje(&e->pol, &e->notas[i], &o->puntaje, &falta), 0);
        for (int k = 0; k < e->pol.ndesempate; k++) {
            o->tiene[k] = e->notas[i].tiene[e->pol.desempate[k].fuente];
            o->crit[k] = e->notas[i].nota[e->pol.desempate[k].fuente];
        }
        for (int k = 0; k < N; k++)
            if (e->sorteo[k].id == o->id) o->clave = e->sorteo[k].clave;
    }
    cr_assert_eq(orden_merito(e->orden, N, e->pol.desempate, e->pol.ndesempate), 0);
}

static const pol_notas *notas_de(const escenario *e, int64_t id)
{
    for (int i = 0; i < N; i++)
        if (e->ids[i] == id) return &e->notas[i];
    return NULL;
}

static void escribir_orden(const escenario *e, const char *alterar)
{
    jw *w = jw_new(&A);
    jw_obj(w);
    jw_kstr(w, "convocatoria", "2026-I");
    jw_kstr(w, "tipo", "ORDEN_MERITO");
    jw_kint(w, "version", 1);
    const char *pol = politica_json(&A, &e->pol);
    jw_key(w, "items");
    jw_arr(w);
    for (int i = 0; i < N; i++) {
        /* the flat ORDEN_MERITO row (domain/publicacion_tipos.c) */
        const orden_item *o = &e->orden[i];
        const pol_notas *n = notas_de(e, o->id);
        jw_obj(w);
        jw_kstr(w, "modalidad", "REMUNERADA");
        jw_kstr(w, "profesion", "MEDICINA");
        jw_kint(w, "n_adjudicacion", o->n_adjudicacion);
        jw_kint(w, "n", o->n);
        jw_kstr(w, "desempate", orden_decide_nombre(e->pol.desempate, o->decide));
        jw_kint(w, "inscripcion_id", o->id);
        jw_kstr(w, "modo", "MERITO");
        jw_kstr(w, "puntaje_final", i == 7 && alterar ? alterar : dec_format(o->puntaje, B, sizeof B));
        jw_kstr(w, "eleccion_nota", e->pol.postulante_elige ? NOTA_FUENTES[n->eleccion] : NULL);
        const char *cols[NOTA_N] = {"nota_evaluacion_serums", "nota_enam", "nota_ppp"};
        for (int k = 0; k < NOTA_N; k++) jw_kstr(w, cols[k], n->tiene[k] ? dec_format(n->nota[k], B, sizeof B) : NULL);
        jw_kint(w, "sorteo_id", 1);
        jw_kstr(w, "politica", pol);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_end_obj(w);
    size_t len;
    escribir("orden.json", jw_finish(w, &len));
}

/* ---- sessions ---- */
typedef struct log_ctx { jw *w; const char *prev; long seq; const asig_evento *ev; const char *actor; } log_ctx;

static void log_evento(log_ctx *c, const asig_evento *e, const asig_resultado *r)
{
    char h[65];
    evento_log l = {++c->seq, c->prev, r->turno, r->postulante_id, ASIG_ACCIONES[e->accion],
                    r->estado == TURNO_ADJUDICADO ? r->plaza_id : (e->accion == ACC_ELIGE ? e->plaza_id : 0),
                    TURNO_ESTADOS[r->estado], r->unidad, c->actor,
                    arena_printf(&A, "2026-05-04T14:%02ld:%02ldZ", (c->seq / 60) % 60, c->seq % 60)};
    evento_hash(&A, &l, h);
    jw_obj(c->w);
    jw_kint(c->w, "seq", l.seq);
    jw_kstr(c->w, "prev_hash", l.prev_hash);
    jw_kstr(c->w, "hash", h);
    jw_kint(c->w, "turno", l.turno);
    jw_kint(c->w, "inscripcion_id", l.inscripcion_id);
    jw_kstr(c->w, "accion", l.accion);
    if (l.plaza_id) jw_kint(c->w, "plaza_id", l.plaza_id); else { jw_key(c->w, "plaza_id"); jw_null(c->w); }
    jw_kstr(c->w, "resultado", l.resultado);
    if (l.unidad) jw_kint(c->w, "unidad", l.unidad); else { jw_key(c->w, "unidad"); jw_null(c->w); }
    jw_kstr(c->w, "actor", l.actor);
    jw_kstr(c->w, "at", l.at);
    jw_end_obj(c->w);
    c->prev = arena_strdup(&A, h);
}

static void cb_batch(void *ud, const asig_resultado *r)
{
    log_ctx *c = ud;
    asig_evento e = {ACC_VENCE, r->postulante_id, 0};
    log_evento(c, &e, r);
}

typedef struct sesion {
    int id;
    asig_modo modo;
    asig_postulante post[N];
    size_t n;
    asig_unidad u[64];
    size_t nu;
    asig s;
} sesion;

/* Runs a session (batch, or live with random picks, deadlines and give-ups)
 * and writes its log file; adj[] gets the allocation for ADJUDICADOS. */
static void correr_sesion(const escenario *e, sesion *ss, FILE *adj, bool *primero, int64_t alterar_plaza)
{
    asig_config cfg = {ss->modo, 3, 2, NULL, NULL};
    cr_assert_eq(asig_init(&ss->s, &A, &cfg, ss->post, ss->n, ss->u, ss->nu), ASIG_OK);
    jw *w = jw_new(&A);
    jw_obj(w);
    jw_key(w, "sesion");
    jw_obj(w);
    jw_kint(w, "id", ss->id);
    jw_kstr(w, "convocatoria", "2026-I");
    jw_kstr(w, "modalidad", "REMUNERADA");
    jw_kstr(w, "profesion", "MEDICINA");
    jw_kstr(w, "fase", "UNICA");
    jw_kstr(w, "modo", ss->modo == ASIG_VIVO ? "VIVO" : "LISTAS");
    jw_kint(w, "bloque", cfg.bloque);
    jw_kint(w, "reintentos", cfg.reintentos);
    jw_end_obj(w);
    jw_key(w, "orden");
    jw_arr(w);
    for (size_t i = 0; i < ss->n; i++) {
        int n_adj = 0;
        for (int k = 0; k < N; k++)
            if (e->orden[k].id == ss->post[i].id) n_adj = e->orden[k].n_adjudicacion;
        jw_obj(w);
        jw_kint(w, "inscripcion_id", ss->post[i].id);
        jw_kint(w, "n_adjudicacion", n_adj);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_key(w, "unidades");
    jw_arr(w);
    for (size_t i = 0; i < ss->nu; i++) {
        jw_obj(w);
        jw_kint(w, "plaza_id", ss->u[i].plaza_id);
        jw_kint(w, "unidad", ss->u[i].unidad);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_key(w, "preferencias");
    jw_obj(w);
    for (size_t i = 0; i < ss->n; i++) {
        jw_key(w, arena_printf(&A, "%lld", (long long)ss->post[i].id));
        jw_arr(w);
        for (int k = 0; k < ss->post[i].nprefs; k++) jw_int(w, ss->post[i].prefs[k]);
        jw_end_arr(w);
    }
    jw_end_obj(w);
    jw_key(w, "eventos");
    jw_arr(w);
    log_ctx c = {w, EVENTO_GENESIS, 0, NULL, ss->modo == ASIG_VIVO ? "POSTULANTE" : "SISTEMA"};
    if (ss->modo == ASIG_LISTAS) {
        cr_assert_eq(asig_ejecutar(&ss->s, cb_batch, &c), ASIG_OK);
    } else {
        while (!asig_terminada(&ss->s)) {
            unsigned r = rnd() % 10;
            asig_evento ev = {r < 5 ? ACC_ELIGE : r < 6 ? ACC_DESISTE : ACC_VENCE, ss->post[ss->s.actual].id,
                              ss->u[rnd() % ss->nu].plaza_id};
            asig_resultado out;
            asig_error err = asig_aplicar(&ss->s, &ev, &out);
            if (err == ASIG_E_SIN_UNIDAD) continue;
            cr_assert_eq(err, ASIG_OK);
            if (alterar_plaza && out.estado == TURNO_ADJUDICADO) { out.plaza_id = alterar_plaza; alterar_plaza = 0; }
            log_evento(&c, &ev, &out);
        }
    }
    jw_end_arr(w);
    jw_end_obj(w);
    size_t len;
    escribir(arena_printf(&A, "sesion-%d.json", ss->id), jw_finish(w, &len));
    for (size_t i = 0; i < ss->n; i++)
        if (ss->s.st[i].estado == TURNO_ADJUDICADO) {
            fprintf(adj, "%s{\"sesion_id\":%d,\"inscripcion_id\":%lld,\"plaza_id\":%lld,\"unidad\":%d}", *primero ? "" : ",",
                    ss->id, (long long)ss->post[i].id, (long long)ss->s.st[i].plaza_id, ss->s.st[i].unidad);
            *primero = false;
        }
}

static void escenario_armar(escenario *e)
{
    const char *pol = "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}],"
                      " \"eleccion_nota\": \"NINGUNA\", \"bonos\": [{\"condicion\": \"DISCAPACIDAD\", \"factor\": \"1.15\"}],"
                      " \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\", \"NOTA_PPP desc\"], \"escala\": 6}";
    jv *root;
    char err[160];
    verr ve;
    verr_init(&ve, &A);
    cr_assert_eq(json_parse(&A, pol, strlen(pol), &JSON_BODY_LIMITS, &root, err, sizeof err), 0);
    cr_assert(politica_leer(&A, root, &ve, &e->pol));
    X = 11;
    for (int i = 0; i < N; i++) {
        e->ids[i] = 5000 + (int64_t)i * 13;
        memset(&e->notas[i], 0, sizeof e->notas[i]);
        /* grades on a coarse grid, so ties on puntaje, on the chain and full ties all happen */
        e->notas[i].nota[NOTA_EVALUACION_SERUMS] = (dec){100 + (int64_t)(rnd() % 8) * 5, 1};
        e->notas[i].nota[NOTA_PPP] = (dec){120 + (int64_t)(rnd() % 4) * 10, 1};
        e->notas[i].tiene[NOTA_EVALUACION_SERUMS] = e->notas[i].tiene[NOTA_PPP] = true;
        e->notas[i].condicion[BONO_DISCAPACIDAD] = rnd() % 40 == 0;
    }
    armar_sorteo(e);
    armar_orden(e);
}

static void escenario_escribir(escenario *e, const char *alterar_puntaje, int64_t alterar_plaza)
{
    mkdir(DIR, 0755);
    escribir_sorteo(e);
    escribir_orden(e, alterar_puntaje);
    /* session 1: batch over the first half in merit order; session 2: live over the rest */
    static sesion s1, s2;
    memset(&s1, 0, sizeof s1);
    memset(&s2, 0, sizeof s2);
    s1.id = 1, s1.modo = ASIG_LISTAS, s2.id = 2, s2.modo = ASIG_VIVO;
    for (int p = 0; p < 12; p++)
        for (int k = 1; k <= 3; k++) {
            s1.u[s1.nu++] = (asig_unidad){700 + p, k};
            if (k < 3) s2.u[s2.nu++] = (asig_unidad){800 + p, k};
        }
    X = 99;
    for (int i = 0; i < N; i++) {
        sesion *ss = i < N / 2 ? &s1 : &s2;
        int np = (int)(rnd() % 6);
        int64_t *pr = arena_alloc(&A, 8 * sizeof *pr);
        for (int k = 0; k < np; k++) pr[k] = (ss == &s1 ? 700 : 800) + (int64_t)(rnd() % 12);
        ss->post[ss->n++] = (asig_postulante){e->orden[i].id, pr, np};
    }
    FILE *adj = fopen(arena_printf(&A, "%s/adjudicados.json", DIR), "w");
    cr_assert_not_null(adj);
    fputs("{\"convocatoria\":\"2026-I\",\"tipo\":\"ADJUDICADOS_REMUNERADA\",\"version\":1,\"items\":[", adj);
    bool primero = true;
    correr_sesion(e, &s1, adj, &primero, 0);
    correr_sesion(e, &s2, adj, &primero, alterar_plaza);
    fputs("]}", adj);
    fclose(adj);
}

static escenario E;

Test(verificador, the_published_files_alone_recompute_everything)
{
    escenario_armar(&E);
    escenario_escribir(&E, NULL, 0);
    int rc = verificar();
    if (rc) system(arena_printf(&A, "cat %s.log", DIR));
    cr_assert_eq(rc, 0);
    /* it really checked: the log names each check */
    cr_expect(log_tiene("ok     sorteo 1: SHA-256(s) = C"));
    cr_expect(log_tiene("ok     orden REMUNERADA MEDICINA: N° adjudicación"));
    cr_expect(log_tiene("ok     sesión 1: el replay da cada resultado"));
    cr_expect(log_tiene("ok     sesión 2: el replay da cada resultado"));
    cr_expect(log_tiene("ok     ADJUDICADOS_REMUNERADA v1"));
    cr_expect(log_tiene("\n0 fallas"));
}

Test(verificador, a_changed_score_is_caught)
{
    escenario_armar(&E);
    escenario_escribir(&E, "19.999999", 0);
    cr_assert_neq(verificar(), 0);
    cr_expect(log_tiene("FALLA  orden REMUNERADA MEDICINA: cada puntaje_final"));
}

Test(verificador, a_changed_pick_is_caught)
{
    escenario_armar(&E);
    escenario_escribir(&E, NULL, 811);
    cr_assert_neq(verificar(), 0);
    cr_expect(log_tiene("FALLA  sesión 2: el replay da cada resultado"));
    cr_expect(log_tiene("ok     sesión 2: cadena de hashes"));   /* the chain was rebuilt over the lie */
}

Test(verificador, a_tampered_secret_is_caught)
{
    escenario_armar(&E);
    escenario_escribir(&E, NULL, 0);
    cr_assert_eq(system(arena_printf(&A, "sed -i 's/\"secreto\":\"00/\"secreto\":\"01/' %s/sorteo.json", DIR)), 0);
    cr_assert_neq(verificar(), 0);
    cr_expect(log_tiene("FALLA  sorteo 1: SHA-256(s) = C"));
}
