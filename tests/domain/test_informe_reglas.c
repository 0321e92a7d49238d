/* test_informe_reglas.c - the pure rules of the informe final: months of a
 * service period [inicio, fin), meses_faltantes, counts, the rubro catalog,
 * actividad and long texts, and the body readers' field errors. */
#include "informe_periodo.h"
#include "informe_reglas.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(informe_reglas, .init = setup, .fini = teardown);

Test(informe_reglas, a_period_from_the_first_is_twelve_months_fin_exclusive)
{
    informe_periodo p;
    cr_assert_eq(informe_periodo_desde(&p, "2026-05-01", "2027-05-01"), 0);
    cr_expect_eq(p.nmeses, 12);
    informe_mes a = informe_periodo_mes(&p, 0), z = informe_periodo_mes(&p, 11);
    cr_expect(a.anio == 2026 && a.mes == 5);
    cr_expect(z.anio == 2027 && z.mes == 4);
    cr_expect(informe_periodo_incluye(&p, 2026, 5));
    cr_expect(informe_periodo_incluye(&p, 2026, 12));
    cr_expect(informe_periodo_incluye(&p, 2027, 1));
    cr_expect(informe_periodo_incluye(&p, 2027, 4));
    cr_expect_not(informe_periodo_incluye(&p, 2027, 5), "fin is exclusive");
    cr_expect_not(informe_periodo_incluye(&p, 2026, 4));
    cr_expect_not(informe_periodo_incluye(&p, 2026, 13));
    cr_expect_not(informe_periodo_incluye(&p, 2026, 0));
}

Test(informe_reglas, a_period_from_mid_month_has_thirteen_months)
{
    informe_periodo p;
    cr_assert_eq(informe_periodo_desde(&p, "2026-05-15", "2027-05-15"), 0);
    cr_expect_eq(p.nmeses, 13);
    cr_expect(informe_periodo_incluye(&p, 2027, 5));
    cr_assert_eq(informe_periodo_desde(&p, "2026-12-31", "2027-01-01"), 0);
    cr_expect_eq(p.nmeses, 1, "one day in December");
    cr_expect(informe_periodo_incluye(&p, 2026, 12));
    cr_expect_not(informe_periodo_incluye(&p, 2027, 1));
}

Test(informe_reglas, bad_periods_are_refused)
{
    informe_periodo p;
    cr_expect_eq(informe_periodo_desde(&p, "2026-05-01", "2026-05-01"), -1, "empty");
    cr_expect_eq(informe_periodo_desde(&p, "2027-05-01", "2026-05-01"), -1, "reversed");
    cr_expect_eq(informe_periodo_desde(&p, "2026-02-30", "2027-05-01"), -1, "no such day");
    cr_expect_eq(informe_periodo_desde(&p, "2026-05-01", NULL), -1);
    cr_expect_eq(informe_periodo_desde(&p, "2020-01-01", "2026-01-01"), -1, "over 36 months");
}

Test(informe_reglas, meses_faltantes_lists_the_months_without_a_row_ascending)
{
    informe_periodo p;
    cr_assert_eq(informe_periodo_desde(&p, "2026-05-01", "2027-05-01"), 0);
    informe_mes filas[] = {{2027, 4}, {2026, 5}, {2026, 7}, {2025, 1}, {2026, 5}};
    informe_mes *f;
    size_t n;
    cr_assert_eq(informe_meses_faltantes(&A, &p, filas, 5, &f, &n), 0);
    cr_assert_eq(n, 9);
    cr_expect(f[0].anio == 2026 && f[0].mes == 6);
    cr_expect(f[1].anio == 2026 && f[1].mes == 8);
    cr_expect(f[8].anio == 2027 && f[8].mes == 3);
    cr_assert_eq(informe_meses_faltantes(&A, &p, NULL, 0, &f, &n), 0);
    cr_expect_eq(n, 12);
    informe_mes todos[12];
    for (int i = 0; i < 12; i++) todos[i] = informe_periodo_mes(&p, i);
    cr_assert_eq(informe_meses_faltantes(&A, &p, todos, 12, &f, &n), 0);
    cr_expect_eq(n, 0);
    cr_expect_null(f);
}

static const jv *num(const char *texto)
{
    jv *v;
    char err[128];
    cr_assert_eq(json_parse(&A, texto, strlen(texto), &JSON_BODY_LIMITS, &v, err, sizeof err), 0, "%s", err);
    return v;
}

Test(informe_reglas, counts_are_whole_numbers_from_0_to_100000)
{
    long n = -1;
    cr_expect_eq(informe_conteo(num("0"), &n), CONTEO_OK);
    cr_expect_eq(n, 0);
    cr_expect_eq(informe_conteo(num("100000"), &n), CONTEO_OK);
    cr_expect_eq(n, 100000);
    cr_expect_eq(informe_conteo(num("100001"), &n), CONTEO_EXCESIVO);
    cr_expect_eq(informe_conteo(num("99999999999999999999999"), &n), CONTEO_EXCESIVO);
    cr_expect_eq(informe_conteo(num("-20"), &n), CONTEO_NEGATIVO, "the old system's sample printed -20");
    cr_expect_eq(informe_conteo(num("-0"), &n), CONTEO_NEGATIVO);
    cr_expect_eq(informe_conteo(num("2.5"), &n), CONTEO_NO_ENTERO);
    cr_expect_eq(informe_conteo(num("3.0"), &n), CONTEO_NO_ENTERO, "no fractions, not even .0");
    cr_expect_eq(informe_conteo(num("1e3"), &n), CONTEO_NO_ENTERO);
    cr_expect_eq(informe_conteo(num("\"12\""), &n), CONTEO_NO_NUMERO);
    cr_expect_eq(informe_conteo(NULL, &n), CONTEO_NO_NUMERO);
}

Test(informe_reglas, the_rubro_catalog)
{
    cr_expect_str_eq(informe_rubro_buscar("CAPACITACION")->nombre, "Capacitación");
    cr_expect_str_eq(informe_rubro_nombre("PREVENTIVO_PROMOCIONAL"), "Actividad preventivo promocional");
    cr_expect_str_eq(informe_rubro_nombre("GESTION"), "Gestión");
    cr_expect_str_eq(informe_rubro_nombre("ATENCION"), "Atención");
    cr_expect_null(informe_rubro_buscar("capacitacion"));
    cr_expect_null(informe_rubro_buscar("Capacitación"));
    cr_expect_null(informe_rubro_buscar(NULL));
    cr_expect_str_eq(informe_rubro_nombre("OTRO"), "OTRO");
}

Test(informe_reglas, actividad_is_3_to_300_characters_collapsed)
{
    const char *out;
    cr_expect_eq(informe_actividad_texto(&A, "  Charla   de\nlavado de manos ", &out), TEXTO_OK);
    cr_expect_str_eq(out, "Charla de lavado de manos");
    cr_expect_eq(informe_actividad_texto(&A, "Ñuñ", &out), TEXTO_OK, "3 characters, 5 bytes");
    cr_expect_eq(informe_actividad_texto(&A, " ab  ", &out), TEXTO_CORTO);
    char largo[302];
    memset(largo, 'a', 301);
    largo[301] = '\0';
    cr_expect_eq(informe_actividad_texto(&A, largo, &out), TEXTO_LARGO);
    largo[300] = '\0';
    cr_expect_eq(informe_actividad_texto(&A, largo, &out), TEXTO_OK);
    cr_expect_eq(informe_actividad_texto(&A, "abc\x01" "def", &out), TEXTO_CONTROL);
}

Test(informe_reglas, long_texts_are_up_to_4000_characters)
{
    char t[4002 * 2];
    memset(t, 0, sizeof t);
    for (int i = 0; i < 4000; i++) memcpy(t + 2 * i, "é", 2);
    cr_expect_eq(informe_texto_largo(t), TEXTO_OK, "4,000 characters, 8,000 bytes");
    memcpy(t + 8000, "x", 2);
    cr_expect_eq(informe_texto_largo(t), TEXTO_LARGO);
    cr_expect_eq(informe_texto_largo("línea 1\nlínea 2\r\n\tfin"), TEXTO_OK);
    cr_expect_eq(informe_texto_largo("a\x1b[31m"), TEXTO_CONTROL);
    cr_expect_eq(informe_texto_largo(""), TEXTO_OK);
}

static bool tiene(const verr *e, const char *campo, const char *codigo)
{
    for (const verr_item *i = e->head; i; i = i->next)
        if (!strcmp(i->field, campo) && !strcmp(i->code, codigo)) return true;
    return false;
}

static bool lee_actividad(const char *body, verr *e, informe_actividad *out)
{
    informe_periodo p;
    cr_assert_eq(informe_periodo_desde(&p, "2026-05-01", "2027-05-01"), 0);
    verr_init(e, &A);
    jr r;
    cr_assert(jr_open(&r, &A, num(body), e, ""));
    bool ok = informe_lee_actividad(&r, &p, out);
    jr_close(&r);
    return ok && e->n == 0;
}

Test(informe_reglas, an_actividad_body_reads_whole)
{
    verr e;
    informe_actividad a;
    cr_assert(lee_actividad("{\"anio\": 2026, \"mes\": 6, \"rubro\": \"CAPACITACION\", "
                            "\"actividad\": \" Taller de  lactancia materna \", \"programadas\": 4, \"ejecutadas\": 5}",
                            &e, &a));
    cr_expect(a.anio == 2026 && a.mes == 6);
    cr_expect_str_eq(a.rubro, "CAPACITACION");
    cr_expect_str_eq(a.actividad, "Taller de lactancia materna");
    cr_expect(a.programadas == 4 && a.ejecutadas == 5);
}

Test(informe_reglas, an_actividad_body_names_every_wrong_field)
{
    verr e;
    informe_actividad a;
    cr_assert_not(lee_actividad("{\"anio\": 2027, \"mes\": 5, \"rubro\": \"FIESTA\", \"actividad\": \"ab\", "
                                "\"programadas\": -20, \"ejecutadas\": 2.5, \"extra\": 1}",
                                &e, &a));
    cr_expect(tiene(&e, "mes", "MES_FUERA_DEL_PERIODO"));
    cr_expect(tiene(&e, "rubro", "RUBRO_DESCONOCIDO"));
    cr_expect(tiene(&e, "actividad", "LONGITUD_INVALIDA"));
    cr_expect(tiene(&e, "programadas", "CONTEO_NEGATIVO"));
    cr_expect(tiene(&e, "ejecutadas", "CONTEO_NO_ENTERO"));
    cr_expect(tiene(&e, "extra", "CAMPO_DESCONOCIDO"));
    cr_assert_not(lee_actividad("{\"anio\": 2026, \"mes\": 13, \"rubro\": \"GESTION\", \"actividad\": \"abc\", "
                                "\"programadas\": 100001}",
                                &e, &a));
    cr_expect(tiene(&e, "mes", "FUERA_DE_RANGO"));
    cr_expect(tiene(&e, "programadas", "CONTEO_EXCESIVO"));
    cr_expect(tiene(&e, "ejecutadas", "REQUERIDO"));
}

Test(informe_reglas, texts_body_takes_strings_or_null)
{
    verr e;
    verr_init(&e, &A);
    jr r;
    const char *c = "x", *rec = "x";
    cr_assert(jr_open(&r, &A, num("{\"conclusiones\": \"Se cumplió la meta.\", \"recomendaciones\": null}"), &e, ""));
    cr_expect(informe_lee_textos(&r, &c, &rec));
    jr_close(&r);
    cr_expect_eq(e.n, 0);
    cr_expect_str_eq(c, "Se cumplió la meta.");
    cr_expect_null(rec);
    cr_assert(jr_open(&r, &A, num("{\"conclusiones\": 3, \"recomendaciones\": \"\\u0007\"}"), &e, ""));
    cr_expect_not(informe_lee_textos(&r, &c, &rec));
    jr_close(&r);
    cr_expect(tiene(&e, "conclusiones", "TIPO_INVALIDO"));
    cr_expect(tiene(&e, "recomendaciones", "CARACTER_INVALIDO"));
}
