/* test_fases.c - the equivalente fases in the allocation: who takes part,
 * which plazas each may take (fase_sesion_elegible as the machine's
 * predicate), the order of fases, and properties over random instances run
 * through CAUTIVAS -> VINCULO_LABORAL -> REGULARES with leftover units. */
#include "asignacion.h"
#include "fases.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 1 << 16); }
static void teardown(void) { arena_free(&A); }
TestSuite(fases, .init = setup, .fini = teardown);

static const char *const INST[] = {"MINSA", "ESSALUD", "GOBIERNO_REGIONAL"};

Test(fases, participation_per_fase)
{
    fase_postulante staff = {"ESSALUD", false, false}, vinculo = {NULL, true, false}, nadie = {NULL, false, false};
    fase_postulante remunerado = {"ESSALUD", true, true};
    cr_expect(fase_participa(FASE_CAUTIVAS, &staff));
    cr_expect_not(fase_participa(FASE_CAUTIVAS, &vinculo));
    cr_expect(fase_participa(FASE_VINCULO_LABORAL, &vinculo));
    cr_expect_not(fase_participa(FASE_VINCULO_LABORAL, &staff));
    cr_expect(fase_participa(FASE_REGULARES, &nadie));
    for (fase_adj f = FASE_CAUTIVAS; f <= FASE_REGULARES; f++)
        cr_expect_not(fase_participa(f, &remunerado), "%s", FASES_ADJ[f]);
    cr_expect(fase_participa(FASE_UNICA, &remunerado));
    cr_expect_not(fase_participa_en(FASE_REOFERTA, true, &remunerado), "out of an equivalente re-offer");
    cr_expect(fase_participa_en(FASE_REOFERTA, false, &remunerado));
    cr_expect(fase_participa_en(FASE_REOFERTA, true, &nadie));
}

Test(fases, cautivas_only_the_own_institutions_cautive_plazas)
{
    fase_postulante p = {"ESSALUD", false, false};
    fase_plaza propia = {"ESSALUD", true}, ajena = {"MINSA", true}, libre = {"ESSALUD", false};
    cr_expect(fase_elegible(FASE_CAUTIVAS, &p, &propia));
    cr_expect_not(fase_elegible(FASE_CAUTIVAS, &p, &ajena));
    cr_expect_not(fase_elegible(FASE_CAUTIVAS, &p, &libre));
    cr_expect(fase_elegible(FASE_REGULARES, &p, &ajena));
    cr_expect(fase_elegible(FASE_VINCULO_LABORAL, &p, &libre));
}

Test(fases, order_of_fases)
{
    cr_expect_eq(fase_anterior(FASE_CAUTIVAS), -1);
    cr_expect_eq(fase_anterior(FASE_VINCULO_LABORAL), FASE_CAUTIVAS);
    cr_expect_eq(fase_anterior(FASE_REGULARES), FASE_VINCULO_LABORAL);
    cr_expect_eq(fase_anterior(FASE_UNICA), -1);
    cr_expect_eq(fase_anterior(FASE_REOFERTA), -1);
}

Test(fases, the_machine_refuses_an_ineligible_pick_and_auto_skips_it)
{
    int64_t ids[] = {10, 20};
    fase_plaza pl[] = {{"MINSA", true}, {"ESSALUD", true}};
    fase_postulante fp[] = {{"ESSALUD", false, false}};
    int64_t prefs[] = {10, 20};
    asig_postulante p[] = {{5, prefs, 2}};
    asig_unidad u[] = {{10, 1}, {20, 1}};
    fase_sesion fs = {FASE_CAUTIVAS, fp, 1, ids, pl, 2};
    asig_config cfg = {ASIG_VIVO, 50, 0, fase_sesion_elegible, &fs};
    asig s;
    cr_assert_eq(asig_init(&s, &A, &cfg, p, 1, u, 2), ASIG_OK);
    asig_evento e = {ACC_ELIGE, 5, 10};
    asig_resultado r;
    cr_expect_eq(asig_aplicar(&s, &e, &r), ASIG_E_NO_ELEGIBLE);
    cr_expect_eq(asig_auto(&s), 20);
    cr_expect_not(fase_sesion_elegible(&fs, 0, 99), "unknown plaza");
    cr_expect_not(fase_sesion_elegible(&fs, 1, 20), "unknown turn");
}

/* ---- properties over random instances ---- */
static unsigned rnd(unsigned *x) { return (*x = *x * 1103515245u + 12345u) >> 16; }

enum { NPL = 8, NPOST = 30 };

typedef struct mundo {
    int64_t plaza_ids[NPL];
    fase_plaza plazas[NPL];
    int libres[NPL];
    fase_postulante post[NPOST];
    int64_t prefs[NPOST][NPL];
    int nprefs[NPOST];
    int64_t got[NPOST];
} mundo;

static void generar(mundo *w, unsigned *x)
{
    memset(w, 0, sizeof *w);
    for (int k = 0; k < NPL; k++) {
        w->plaza_ids[k] = 100 + 3 * k;
        w->plazas[k] = (fase_plaza){INST[rnd(x) % 3], rnd(x) % 2 == 0};
        w->libres[k] = (int)(rnd(x) % 3);
    }
    for (int i = 0; i < NPOST; i++) {
        unsigned t = rnd(x) % 5;
        w->post[i] = (fase_postulante){t == 0 ? INST[rnd(x) % 3] : NULL, t == 1 || rnd(x) % 4 == 0, t == 4};
        w->nprefs[i] = (int)(rnd(x) % (NPL + 1));
        for (int k = 0; k < w->nprefs[i]; k++) w->prefs[i][k] = w->plaza_ids[rnd(x) % NPL];
    }
}

static int plaza_k(const mundo *w, int64_t id)
{
    for (int k = 0; k < NPL; k++)
        if (w->plaza_ids[k] == id) return k;
    return -1;
}

/* One fase in batch mode over the units still free; records what each got. */
static void correr_fase(mundo *w, fase_adj f)
{
    asig_postulante p[NPOST];
    fase_postulante fp[NPOST];
    int map[NPOST];
    size_t n = 0, nu = 0;
    for (int i = 0; i < NPOST; i++)
        if (!w->got[i] && fase_participa(f, &w->post[i])) {
            map[n] = i;
            fp[n] = w->post[i];
            p[n] = (asig_postulante){i + 1, w->prefs[i], w->nprefs[i]};
            n++;
        }
    asig_unidad u[NPL * 3];
    for (int k = 0; k < NPL; k++)
        for (int j = 1; j <= w->libres[k]; j++) u[nu++] = (asig_unidad){w->plaza_ids[k], j};
    fase_sesion fs = {f, fp, n, w->plaza_ids, w->plazas, NPL};
    asig_config cfg = {ASIG_LISTAS, 50, 0, fase_sesion_elegible, &fs};
    asig s;
    cr_assert_eq(asig_init(&s, &A, &cfg, p, n, u, nu), ASIG_OK);
    cr_assert_eq(asig_ejecutar(&s, NULL, NULL), ASIG_OK);
    for (size_t k = 0; k < n; k++) {
        if (s.st[k].estado != TURNO_ADJUDICADO) continue;
        int i = map[k], pk = plaza_k(w, s.st[k].plaza_id);
        cr_assert_geq(pk, 0);
        cr_assert(fase_participa(f, &w->post[i]), "%s called a non-participant", FASES_ADJ[f]);
        cr_assert(fase_elegible(f, &w->post[i], &w->plazas[pk]), "%s gave an ineligible plaza", FASES_ADJ[f]);
        cr_assert_gt(w->libres[pk], 0, "a unit allocated twice");
        w->libres[pk]--;
        w->got[i] = s.st[k].plaza_id;
    }
}

Test(fases, random_equivalente_runs_keep_every_rule)
{
    unsigned x = 2026;
    mundo w;
    for (int it = 0; it < 500; it++) {
        generar(&w, &x);
        int total = 0;
        for (int k = 0; k < NPL; k++) total += w.libres[k];
        for (fase_adj f = FASE_CAUTIVAS; f <= FASE_REGULARES; f++) correr_fase(&w, f);
        int asignados = 0;
        for (int i = 0; i < NPOST; i++) {
            if (!w.got[i]) continue;
            asignados++;
            cr_assert_not(w.post[i].adjudicado_remunerada, "a remunerated adjudicado got an equivalente plaza");
            bool listada = false;
            for (int k = 0; k < w.nprefs[i]; k++) listada |= w.prefs[i][k] == w.got[i];
            cr_assert(listada, "only listed plazas are taken");
        }
        int quedan = 0;
        for (int k = 0; k < NPL; k++) quedan += w.libres[k];
        cr_assert_eq(asignados + quedan, total, "units are conserved across the fases");
    }
}

Test(fases, a_cautive_plaza_left_over_passes_to_the_next_fases)
{
    mundo w;
    memset(&w, 0, sizeof w);
    for (int k = 0; k < NPL; k++) w.plaza_ids[k] = 100 + 3 * k, w.plazas[k] = (fase_plaza){"MINSA", false};
    w.plazas[0] = (fase_plaza){"ESSALUD", true};
    w.libres[0] = 2;
    w.post[0] = (fase_postulante){"ESSALUD", false, false};
    w.post[1] = (fase_postulante){NULL, true, false};
    w.post[2] = (fase_postulante){NULL, false, false};
    for (int i = 0; i < 3; i++) w.prefs[i][0] = 100, w.nprefs[i] = 1;
    correr_fase(&w, FASE_CAUTIVAS);
    cr_expect_eq(w.got[0], 100);
    cr_expect_eq(w.got[1], 0);
    correr_fase(&w, FASE_VINCULO_LABORAL);
    cr_expect_eq(w.got[1], 100, "the leftover cautive unit is offered in VINCULO_LABORAL");
    correr_fase(&w, FASE_REGULARES);
    cr_expect_eq(w.got[2], 0, "no unit left for REGULARES");
    cr_expect_eq(w.libres[0], 0);
}
