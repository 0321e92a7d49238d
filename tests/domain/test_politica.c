/* test_politica.c - the score policy reader, writer and exact puntaje_final. */
#include "politica.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static verr E;
static void setup(void)
{
    arena_init(&A, 4096);
    verr_init(&E, &A);
}
static void teardown(void) { arena_free(&A); }
TestSuite(politica, .init = setup, .fini = teardown);

static const char *P2026 =
    "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}],"
    " \"eleccion_nota\": \"NINGUNA\", \"bonos\": [{\"condicion\": \"DISCAPACIDAD\", \"factor\": \"1.15\"}],"
    " \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\", \"NOTA_PPP desc\"], \"escala\": 6}";

static bool leer(const char *s, politica *p)
{
    jv *root;
    char err[160];
    cr_assert_eq(json_parse(&A, s, strlen(s), &JSON_BODY_LIMITS, &root, err, sizeof err), 0, "%s", err);
    return politica_leer(&A, root, &E, p);
}

static pol_notas notas(const char *eval, const char *ppp, const char *enam)
{
    pol_notas n;
    memset(&n, 0, sizeof n);
    const char *v[NOTA_N] = {eval, enam, ppp};
    for (int i = 0; i < NOTA_N; i++)
        if (v[i]) { cr_assert_eq(dec_parse_cstr(v[i], 4, &n.nota[i]), 0); n.tiene[i] = true; }
    return n;
}

static const char *puntaje(const politica *p, const pol_notas *n)
{
    dec d;
    const char *falta;
    if (politica_puntaje(p, n, &d, &falta)) return falta ? falta : "ERROR";
    static char b[DEC_TEXTO];
    return dec_format(d, b, sizeof b);
}

Test(politica, reads_the_2026_policy_and_writes_it_back)
{
    politica p;
    cr_assert(leer(P2026, &p));
    cr_expect_eq(p.ncomp, 2);
    cr_expect_eq(p.ndesempate, 2);
    cr_expect_eq(p.escala, 6);
    cr_expect_str_eq(politica_json(&A, &p),
                     "{\"componentes\":[{\"fuente\":\"EVALUACION_SERUMS\",\"peso\":\"0.70\"},{\"fuente\":\"PPP\",\"peso\":\"0.30\"}],"
                     "\"eleccion_nota\":\"NINGUNA\",\"bonos\":[{\"condicion\":\"DISCAPACIDAD\",\"factor\":\"1.15\"}],"
                     "\"desempate\":[\"NOTA_EVALUACION_SERUMS desc\",\"NOTA_PPP desc\"],\"escala\":6}");
}

Test(politica, the_adjudication_mode_is_optional_and_kept)
{
    politica p;
    cr_assert(leer("{\"modo_adjudicacion\":\"SORTEO\",\"componentes\":[{\"fuente\":\"PPP\",\"peso\":\"1\"}],"
                   "\"eleccion_nota\":\"NINGUNA\",\"escala\":2}", &p));
    cr_expect_eq(p.modo, POL_MODO_SORTEO);
    cr_expect(strstr(politica_json(&A, &p), "{\"modo_adjudicacion\":\"SORTEO\",") != NULL);
    cr_assert(leer(P2026, &p));
    cr_expect_eq(p.modo, POL_MODO_SIN_DEFINIR);
}

Test(politica, scores_exactly_with_bonus_and_half_up)
{
    politica p;
    cr_assert(leer(P2026, &p));
    pol_notas n = notas("14.35", "15.21", NULL);
    cr_expect_str_eq(puntaje(&p, &n), "14.608000");
    n.condicion[BONO_DISCAPACIDAD] = true;          /* 14.608 × 1.15 = 16.7992 */
    cr_expect_str_eq(puntaje(&p, &n), "16.799200");
    n = notas("13.1234", "12.5", NULL);             /* 9.18638 + 3.75 = 12.93638 */
    cr_expect_str_eq(puntaje(&p, &n), "12.936380");
    p.escala = 4;                                   /* 12.93638 -> 12.9364 (half up) */
    cr_expect_str_eq(puntaje(&p, &n), "12.9364");
    p.escala = 2;
    n = notas("10.0125", "10", NULL);               /* 7.00875 + 3 = 10.00875 -> 10.01 */
    cr_expect_str_eq(puntaje(&p, &n), "10.01");
}

Test(politica, a_missing_grade_is_named)
{
    politica p;
    cr_assert(leer(P2026, &p));
    pol_notas n = notas("14", NULL, NULL);
    cr_expect_str_eq(puntaje(&p, &n), "PPP");
}

Test(politica, the_postulante_may_choose_the_exam)
{
    politica p;
    cr_assert(leer("{\"componentes\":[{\"fuente\":\"ENAM\",\"peso\":\"1\"},{\"fuente\":\"PPP\",\"peso\":\"1\"}],"
                   "\"eleccion_nota\":\"POSTULANTE_ELIGE\",\"escala\":2}", &p));
    pol_notas n = notas("15", "12", "11");
    n.eleccion = NOTA_EVALUACION_SERUMS;
    cr_expect_str_eq(puntaje(&p, &n), "27.00");
    n.eleccion = NOTA_ENAM;
    cr_expect_str_eq(puntaje(&p, &n), "23.00");
}

Test(politica, refuses_bad_policies_field_by_field)
{
    politica p;
    cr_expect_not(leer("{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":0.3}],\"eleccion_nota\":\"NINGUNA\",\"escala\":6}", &p));
    cr_expect(verr_has(&E, "componentes[0].peso"));
    verr_init(&E, &A);
    cr_expect_not(leer("{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":\"0.3\"},{\"fuente\":\"PPP\",\"peso\":\"0.7\"}],"
                       "\"eleccion_nota\":\"NINGUNA\",\"escala\":9,\"desempate\":[\"NOTA_FOO desc\"],\"x\":1}", &p));
    cr_expect(verr_has(&E, "componentes[1].fuente"));
    cr_expect(verr_has(&E, "escala"));
    cr_expect(verr_has(&E, "desempate[0]"));
    cr_expect(verr_has(&E, "x"));
    verr_init(&E, &A);
    cr_expect_not(leer("{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":\"1\"}],\"eleccion_nota\":\"POSTULANTE_ELIGE\","
                       "\"bonos\":[{\"condicion\":\"DISCAPACIDAD\",\"factor\":\"3\"}],\"escala\":2}", &p));
    cr_expect(verr_has(&E, "eleccion_nota"));
    cr_expect(verr_has(&E, "bonos[0].factor"));
    verr_init(&E, &A);
    cr_expect_not(leer("{\"componentes\":[],\"eleccion_nota\":\"NINGUNA\",\"escala\":2}", &p));
    cr_expect(verr_has(&E, "componentes"));
}
