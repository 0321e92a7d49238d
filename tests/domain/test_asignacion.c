/* test_asignacion.c - the allocation machine: live picks, AUTO at the
 * deadline, absence and recall after each block, NO_ADJUDICO, batch serial
 * dictatorship, the equivalente fases, replay; property tests on random
 * instances against an independent batch implementation written here. */
#include "asignacion.h"
#include "fases.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 1 << 16); }
static void teardown(void) { arena_free(&A); }
TestSuite(asignacion, .init = setup, .fini = teardown);

static asig_unidad *unidades(const int64_t *plazas, const int *cant, int np, size_t *nu)
{
    size_t n = 0;
    for (int i = 0; i < np; i++) n += (size_t)cant[i];
    asig_unidad *u = arena_alloc(&A, (n ? n : 1) * sizeof *u);
    n = 0;
    for (int i = 0; i < np; i++)
        for (int k = 1; k <= cant[i]; k++) u[n++] = (asig_unidad){plazas[i], k};
    *nu = n;
    return u;
}

static asig_resultado ev(asig *s, asig_accion a, int64_t post, int64_t plaza, asig_error want)
{
    asig_evento e = {a, post, plaza};
    asig_resultado r;
    memset(&r, 0, sizeof r);
    cr_assert_eq(asig_aplicar(s, &e, &r), want, "event %d by %lld", a, (long long)post);
    return r;
}

static int64_t llamado(const asig *s) { return s->actual < 0 ? 0 : s->post[s->actual].id; }

Test(asignacion, live_picks_follow_the_order_and_refuse_the_wrong_turn)
{
    int64_t pl[] = {10, 20};
    int cant[] = {1, 2};
    size_t nu;
    asig_unidad *u = unidades(pl, cant, 2, &nu);
    asig_postulante p[] = {{1, NULL, 0}, {2, NULL, 0}, {3, NULL, 0}, {4, NULL, 0}};
    asig_config cfg = {ASIG_VIVO, 50, 2, NULL, NULL};
    asig s;
    cr_assert_eq(asig_init(&s, &A, &cfg, p, 4, u, nu), ASIG_OK);
    cr_expect_eq(llamado(&s), 1);
    ev(&s, ACC_ELIGE, 2, 10, ASIG_E_NO_ES_SU_TURNO);
    ev(&s, ACC_ELIGE, 1, 99, ASIG_E_PLAZA_DESCONOCIDA);
    asig_resultado r = ev(&s, ACC_ELIGE, 1, 10, ASIG_OK);
    cr_expect_eq(r.estado, TURNO_ADJUDICADO);
    cr_expect_eq(r.unidad, 1);
    cr_expect_eq(r.turno, 1);
    ev(&s, ACC_ELIGE, 2, 10, ASIG_E_SIN_UNIDAD);          /* the only unit is gone */
    r = ev(&s, ACC_ELIGE, 2, 20, ASIG_OK);
    cr_expect_eq(r.unidad, 1);
    ev(&s, ACC_DESISTE, 3, 0, ASIG_OK);
    r = ev(&s, ACC_ELIGE, 4, 20, ASIG_OK);
    cr_expect_eq(r.unidad, 2);
    cr_expect(asig_terminada(&s));
    ev(&s, ACC_VENCE, 4, 0, ASIG_E_TERMINADA);
    cr_expect_eq(s.st[2].estado, TURNO_DESISTE);
}

Test(asignacion, deadline_takes_the_first_listed_plaza_with_a_free_unit)
{
    int64_t pl[] = {10, 20, 30};
    int cant[] = {1, 1, 1};
    size_t nu;
    asig_unidad *u = unidades(pl, cant, 3, &nu);
    int64_t pref2[] = {10, 30, 20};
    asig_postulante p[] = {{1, NULL, 0}, {2, pref2, 3}};
    asig_config cfg = {ASIG_VIVO, 50, 2, NULL, NULL};
    asig s;
    asig_init(&s, &A, &cfg, p, 2, u, nu);
    ev(&s, ACC_ELIGE, 1, 10, ASIG_OK);
    cr_expect_eq(asig_auto(&s), 30);
    asig_resultado r = ev(&s, ACC_VENCE, 2, 0, ASIG_OK);
    cr_expect_eq(r.via, VIA_AUTO);
    cr_expect_eq(r.plaza_id, 30);
}

/* 7 postulantes, K = 2, reintentos = 1: the absent are called again after
 * each block of 2 first calls, in order, once; then NO_ADJUDICO. */
Test(asignacion, absent_turns_are_recalled_after_each_block_then_no_adjudico)
{
    int64_t pl[] = {10};
    int cant[] = {10};
    size_t nu;
    asig_unidad *u = unidades(pl, cant, 1, &nu);
    asig_postulante p[7];
    for (int i = 0; i < 7; i++) p[i] = (asig_postulante){i + 1, NULL, 0};
    asig_config cfg = {ASIG_VIVO, 2, 1, NULL, NULL};
    asig s;
    asig_init(&s, &A, &cfg, p, 7, u, nu);
    /* expected call sequence and what each does (V = vence/absent, E = elige) */
    struct { int64_t who; char what; turno_estado then; } seq[] = {
        {1, 'V', TURNO_AUSENTE}, {2, 'V', TURNO_AUSENTE},      /* block 1 */
        {1, 'E', TURNO_ADJUDICADO}, {2, 'V', TURNO_NO_ADJUDICO}, /* recall round */
        {3, 'V', TURNO_AUSENTE}, {4, 'E', TURNO_ADJUDICADO},   /* block 2 */
        {3, 'V', TURNO_NO_ADJUDICO},                           /* recall */
        {5, 'E', TURNO_ADJUDICADO}, {6, 'V', TURNO_AUSENTE},   /* block 3 */
        {6, 'V', TURNO_NO_ADJUDICO},
        {7, 'V', TURNO_AUSENTE},                               /* end of first calls: recall */
        {7, 'D', TURNO_DESISTE},
    };
    for (size_t k = 0; k < sizeof seq / sizeof *seq; k++) {
        cr_assert_eq(llamado(&s), seq[k].who, "step %zu", k);
        asig_accion a = seq[k].what == 'E' ? ACC_ELIGE : seq[k].what == 'D' ? ACC_DESISTE : ACC_VENCE;
        asig_resultado r = ev(&s, a, seq[k].who, 10, ASIG_OK);
        cr_expect_eq(r.estado, seq[k].then, "step %zu", k);
        cr_expect_eq(r.turno, (long)k + 1);
    }
    cr_expect(asig_terminada(&s));
}

Test(asignacion, when_units_run_out_everyone_left_is_no_adjudico)
{
    int64_t pl[] = {10};
    int cant[] = {1};
    size_t nu;
    asig_unidad *u = unidades(pl, cant, 1, &nu);
    asig_postulante p[] = {{1, NULL, 0}, {2, NULL, 0}, {3, NULL, 0}};
    asig_config cfg = {ASIG_VIVO, 50, 2, NULL, NULL};
    asig s;
    asig_init(&s, &A, &cfg, p, 3, u, nu);
    ev(&s, ACC_VENCE, 1, 0, ASIG_OK);       /* absent, keeps its recall */
    ev(&s, ACC_ELIGE, 2, 10, ASIG_OK);
    cr_expect(asig_terminada(&s));
    cr_expect_eq(s.st[0].estado, TURNO_NO_ADJUDICO);
    cr_expect_eq(s.st[2].estado, TURNO_NO_ADJUDICO);
}

static bool solo_pares(void *ud, size_t i, int64_t plaza) { (void)ud; return i % 2 == 0 || plaza != 10; }

Test(asignacion, an_ineligible_plaza_is_refused_and_skipped_by_auto)
{
    int64_t pl[] = {10, 20};
    int cant[] = {2, 2};
    size_t nu;
    asig_unidad *u = unidades(pl, cant, 2, &nu);
    int64_t pref[] = {10, 20};
    asig_postulante p[] = {{1, pref, 2}, {2, pref, 2}};
    asig_config cfg = {ASIG_VIVO, 50, 2, solo_pares, NULL};
    asig s;
    asig_init(&s, &A, &cfg, p, 2, u, nu);
    ev(&s, ACC_VENCE, 1, 0, ASIG_OK);
    cr_expect_eq(s.st[0].plaza_id, 10);
    ev(&s, ACC_ELIGE, 2, 10, ASIG_E_NO_ELEGIBLE);
    asig_resultado r = ev(&s, ACC_VENCE, 2, 0, ASIG_OK);
    cr_expect_eq(r.plaza_id, 20);
}

/* ---- equivalente: three fases, leftover units passing on ---- */
typedef struct fctx { fase_adj f; const fase_postulante *fp; const size_t *map; const int64_t *plazas; const fase_plaza *fpl; int npl; } fctx;
static bool fase_ok(void *ud, size_t i, int64_t plaza)
{
    const fctx *c = ud;
    for (int k = 0; k < c->npl; k++)
        if (c->plazas[k] == plaza) return fase_elegible(c->f, &c->fp[c->map[i]], &c->fpl[k]);
    return false;
}

Test(asignacion, equivalente_runs_cautivas_vinculo_regulares_with_leftovers)
{
    int64_t plazas[] = {10, 20, 30};
    fase_plaza fpl[] = {{"ESSALUD", true}, {"MINSA", false}, {"MINSA", false}};   /* 10: cautive plaza of ESSALUD */
    int libres[] = {2, 1, 1};
    /* in merit order: 1 staff of ESSALUD, 2 vínculo, 3 regular, 4 holds a remunerated plaza, 5 staff of ESSALUD */
    fase_postulante fp[] = {{"ESSALUD", false, false}, {NULL, true, false}, {NULL, false, false}, {NULL, true, true}, {"ESSALUD", false, false}};
    int64_t ids[] = {1, 2, 3, 4, 5};
    int64_t pref_all[] = {10, 20, 30};
    int64_t pref5[] = {20, 10};
    int64_t got[5] = {0};
    for (fase_adj f = FASE_CAUTIVAS; f <= FASE_REGULARES; f++) {
        asig_postulante p[5];
        size_t map[5], n = 0;
        for (size_t i = 0; i < 5; i++)
            if (!got[i] && fase_participa(f, &fp[i])) {
                map[n] = i;
                p[n++] = (asig_postulante){ids[i], i == 4 ? pref5 : pref_all, i == 4 ? 2 : 3};
            }
        size_t nu;
        asig_unidad *u = unidades(plazas, libres, 3, &nu);
        fctx c = {f, fp, map, plazas, fpl, 3};
        asig_config cfg = {ASIG_LISTAS, 50, 0, fase_ok, &c};
        asig s;
        cr_assert_eq(asig_init(&s, &A, &cfg, p, n, u, nu), ASIG_OK);
        cr_assert_eq(asig_ejecutar(&s, NULL, NULL), ASIG_OK);
        for (size_t k = 0; k < n; k++)
            if (s.st[k].estado == TURNO_ADJUDICADO) {
                got[map[k]] = s.st[k].plaza_id;
                for (int j = 0; j < 3; j++) libres[j] -= plazas[j] == s.st[k].plaza_id;
            }
    }
    cr_expect_eq(got[0], 10);   /* CAUTIVAS: staff of ESSALUD on its cautive plaza */
    cr_expect_eq(got[4], 10);   /* CAUTIVAS too (its 20 is not cautive: skipped there) */
    cr_expect_eq(got[1], 20);   /* VINCULO_LABORAL */
    cr_expect_eq(got[2], 30);   /* REGULARES */
    cr_expect_eq(got[3], 0);    /* holds a remunerated plaza: out */
}

/* ---- properties on random instances ---- */
static unsigned rnd(unsigned *x) { return (*x = *x * 1103515245u + 12345u) >> 16; }

typedef struct inst {
    size_t n, nu;
    int npl;
    asig_postulante *p;
    asig_unidad *u;
    int64_t *plazas;
    int *cant;
} inst;

static inst generar(unsigned *x)
{
    inst I;
    I.npl = 1 + (int)(rnd(x) % 12);
    I.plazas = arena_alloc(&A, (size_t)I.npl * sizeof *I.plazas);
    I.cant = arena_alloc(&A, (size_t)I.npl * sizeof *I.cant);
    for (int k = 0; k < I.npl; k++) { I.plazas[k] = 100 + k * 7; I.cant[k] = (int)(rnd(x) % 4); }
    I.u = unidades(I.plazas, I.cant, I.npl, &I.nu);
    I.n = rnd(x) % 40;
    I.p = arena_alloc(&A, (I.n ? I.n : 1) * sizeof *I.p);
    for (size_t i = 0; i < I.n; i++) {
        int np = (int)(rnd(x) % (unsigned)(I.npl + 1));
        int64_t *pr = arena_alloc(&A, (size_t)(np ? np : 1) * sizeof *pr);
        for (int k = 0; k < np; k++) pr[k] = I.plazas[rnd(x) % (unsigned)I.npl];   /* repeats allowed */
        I.p[i] = (asig_postulante){(int64_t)(i * 3 + 1), pr, np};
    }
    return I;
}

/* The independent batch: serial dictatorship with plain counters. */
static void batch_simple(const inst *I, int64_t *out)
{
    int libres[16];
    for (int k = 0; k < I->npl; k++) libres[k] = I->cant[k];
    for (size_t i = 0; i < I->n; i++) {
        out[i] = 0;
        for (int k = 0; k < I->p[i].nprefs && !out[i]; k++)
            for (int j = 0; j < I->npl; j++)
                if (I->plazas[j] == I->p[i].prefs[k] && libres[j] > 0) { libres[j]--; out[i] = I->plazas[j]; break; }
    }
}

static void invariantes(const inst *I, const asig *s)
{
    /* no unit twice, nobody twice (one state per postulante by construction), units exist */
    for (size_t i = 0; i < I->n; i++) {
        if (s->st[i].estado != TURNO_ADJUDICADO) continue;
        for (size_t j = i + 1; j < I->n; j++)
            if (s->st[j].estado == TURNO_ADJUDICADO)
                cr_assert(s->st[i].plaza_id != s->st[j].plaza_id || s->st[i].unidad != s->st[j].unidad);
        bool existe = false;
        for (size_t k = 0; k < I->nu; k++)
            existe |= I->u[k].plaza_id == s->st[i].plaza_id && I->u[k].unidad == s->st[i].unidad;
        cr_assert(existe);
    }
    cr_assert(asig_terminada(s));
}

Test(asignacion, property_batch_equals_an_independent_serial_dictatorship)
{
    unsigned x = 2026;
    for (int round = 0; round < 500; round++) {
        inst I = generar(&x);
        asig_config cfg = {ASIG_LISTAS, 1 + (int)(rnd(&x) % 5), (int)(rnd(&x) % 3), NULL, NULL};
        asig s;
        cr_assert_eq(asig_init(&s, &A, &cfg, I.p, I.n, I.u, I.nu), ASIG_OK);
        cr_assert_eq(asig_ejecutar(&s, NULL, NULL), ASIG_OK);
        invariantes(&I, &s);
        int64_t *ref = arena_alloc(&A, (I.n ? I.n : 1) * sizeof *ref);
        batch_simple(&I, ref);
        for (size_t i = 0; i < I.n; i++) {
            cr_assert_eq(s.st[i].estado == TURNO_ADJUDICADO ? s.st[i].plaza_id : 0, ref[i], "round %d i %zu", round, i);
            if (!ref[i]) cr_assert_eq(s.st[i].estado, TURNO_NO_ADJUDICO);
        }
    }
}

/* Live sessions driven by random events (valid or not): invariants hold,
 * every AUTO got the best plaza still free at its turn among its list, and
 * replaying the accepted events gives the same allocation. */
Test(asignacion, property_live_random_events_and_replay)
{
    unsigned x = 77;
    for (int round = 0; round < 300; round++) {
        inst I = generar(&x);
        asig_config cfg = {ASIG_VIVO, 1 + (int)(rnd(&x) % 4), (int)(rnd(&x) % 3), NULL, NULL};
        asig s;
        asig_init(&s, &A, &cfg, I.p, I.n, I.u, I.nu);
        asig_evento *log = arena_alloc(&A, 4096 * sizeof *log);
        asig_resultado *res = arena_alloc(&A, 4096 * sizeof *res);
        size_t nlog = 0;
        for (int guard = 0; !asig_terminada(&s) && guard < 4000; guard++) {
            size_t i = (size_t)s.actual;
            unsigned r = rnd(&x) % 10;
            asig_evento e = {r < 4 ? ACC_ELIGE : r < 5 ? ACC_DESISTE : ACC_VENCE, I.p[i].id,
                             I.plazas[rnd(&x) % (unsigned)I.npl]};
            if (rnd(&x) % 20 == 0) e.postulante_id += 1;            /* someone else's turn */
            int64_t best = asig_auto(&s);
            size_t libres_antes = e.accion == ACC_ELIGE ? asig_libres_plaza(&s, e.plaza_id) : 0;
            asig_resultado out;
            asig_error err = asig_aplicar(&s, &e, &out);
            if (e.postulante_id != I.p[i].id) { cr_assert_eq(err, ASIG_E_NO_ES_SU_TURNO); continue; }
            if (e.accion == ACC_ELIGE && !libres_antes) {   /* a plaza with 0 units is not in the session */
                cr_assert(err == ASIG_E_SIN_UNIDAD || err == ASIG_E_PLAZA_DESCONOCIDA);
                continue;
            }
            cr_assert_eq(err, ASIG_OK);
            if (e.accion == ACC_VENCE) cr_assert_eq(out.estado == TURNO_ADJUDICADO ? out.plaza_id : 0, best);
            if (e.accion == ACC_ELIGE) cr_assert_eq(out.plaza_id, e.plaza_id);
            res[nlog] = out;
            log[nlog++] = e;
        }
        invariantes(&I, &s);
        asig r2;
        asig_init(&r2, &A, &cfg, I.p, I.n, I.u, I.nu);
        asig_resultado *res2 = arena_alloc(&A, (nlog ? nlog : 1) * sizeof *res2);
        asig_error err;
        cr_assert_eq(asig_replay(&r2, log, nlog, res2, &err), -1);
        cr_assert(asig_terminada(&r2));
        for (size_t k = 0; k < nlog; k++) {
            cr_assert_eq(res[k].turno, res2[k].turno);
            cr_assert_eq(res[k].estado, res2[k].estado);
            cr_assert_eq(res[k].plaza_id, res2[k].plaza_id);
            cr_assert_eq(res[k].unidad, res2[k].unidad);
        }
        for (size_t i = 0; i < I.n; i++) {
            cr_assert_eq(s.st[i].estado, r2.st[i].estado);
            cr_assert_eq(s.st[i].plaza_id, r2.st[i].plaza_id);
            cr_assert_eq(s.st[i].unidad, r2.st[i].unidad);
            cr_assert_eq(s.st[i].via, r2.st[i].via);
        }
        /* recall bound: nobody is called more than 1 + reintentos times */
        for (size_t i = 0; i < I.n; i++) cr_assert_leq(s.st[i].llamadas, 1 + cfg.reintentos);
        arena_reset(&A);
    }
}
