/* test_ubigeo.c - place-name matching on a small catalog: exact spelling,
 * aliases, parentheses, truncations, misspellings, ambiguity, and the
 * provincia inferred from a unique distrito. */
#include "ubigeo.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static ubigeo_catalogo C;
static ubigeo_lugar L[] = {
    {UBIGEO_DEPARTAMENTO, "150000", "", "LIMA", NULL, false, 0, 0},
    {UBIGEO_DEPARTAMENTO, "020000", "", "ANCASH", NULL, false, 0, 0},
    {UBIGEO_DEPARTAMENTO, "030000", "", "APURIMAC", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "150100", "150000", "LIMA", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "150700", "150000", "HUAROCHIRI", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "020300", "020000", "ANTONIO RAYMONDI", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "030700", "030000", "GRAU", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150118", "150100", "LURIGANCHO", NULL, true, -11.9, -76.7},
    {UBIGEO_DISTRITO, "150121", "150100", "PUEBLO LIBRE", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150132", "150100", "SAN JUAN DE LURIGANCHO", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150724", "150700", "SAN PEDRO DE CASTA", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150706", "150700", "CUENCA", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150716", "150700", "SAN ANTONIO", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150717", "150700", "SAN BARTOLOME", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "020301", "020300", "LLAMELLIN", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "030703", "030700", "GAMARRA", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "030704", "030700", "HUAYLLATI", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "030709", "030700", "SAN ANTONIO", NULL, false, 0, 0},
};
static ubigeo_alias AL[] = {{UBIGEO_DISTRITO, "030700", "MARISCAL GAMARRA", "030703", NULL}};

static void setup(void)
{
    arena_init(&A, 4096);
    C.lugares = L;
    C.n = sizeof L / sizeof L[0];
    C.alias = AL;
    C.nalias = 1;
    cr_assert_eq(ubigeo_catalogo_listo(&C, &A), 0);
}
static void teardown(void) { arena_free(&A); }
TestSuite(ubigeo, .init = setup, .fini = teardown);

static const char *dist(const char *d, const char *p, const char *x, ubigeo_calidad *q)
{
    ubigeo_resultado u;
    ubigeo_ubica(&C, &A, d, p, x, &u);
    *q = u.calidad[3];
    return u.lugar[3] ? u.lugar[3]->codigo : NULL;
}

Test(ubigeo, exact_ignoring_accents_case_spaces_and_line_breaks)
{
    ubigeo_calidad q;
    cr_expect_str_eq(dist("Lima", "LIMA", "Pueblo  Libre", &q), "150121");
    cr_expect_eq(q, UBIGEO_EXACTO);
    cr_expect_str_eq(dist("LIMA", "HUAROCHIRÍ", "SAN\nBARTOLOME", &q), "150717");
    cr_expect_str_eq(dist("LIMA", "LIMA", "LURIGAN\nCHO", &q), "150118");
    cr_expect_eq(q, UBIGEO_EXACTO);
}

Test(ubigeo, alias_parentheses_truncation_and_misspelling)
{
    ubigeo_calidad q;
    cr_expect_str_eq(dist("APURIMAC", "GRAU", "MARISCAL GAMARRA", &q), "030703");
    cr_expect_eq(q, UBIGEO_EXACTO, "an alias is an official equivalence");
    cr_expect_str_eq(dist("LIMA", "LIMA", "LURIGANCHO (CHOSICA)", &q), "150118");
    cr_expect_eq(q, UBIGEO_APROXIMADO);
    cr_expect_str_eq(dist("LIMA", "LIMA", "MAGDALENA VIEJA (PUEBLO LIBRE)", &q), "150121");
    cr_expect_str_eq(dist("LIMA", "HUAROCHIRI", "CASTA", &q), "150724");
    cr_expect_str_eq(dist("APURIMAC", "GRAU", "HUAILLATI", &q), "030704");
    cr_expect_eq(q, UBIGEO_APROXIMADO);
}

Test(ubigeo, provincia_misspelled_and_unknown_places)
{
    ubigeo_resultado u;
    ubigeo_ubica(&C, &A, "ANCASH", "ANTONIO RAIMONDI", "LLAMELLIN", &u);
    cr_expect_str_eq(u.lugar[2]->codigo, "020300");
    cr_expect_eq(u.calidad[2], UBIGEO_APROXIMADO);
    cr_expect_str_eq(u.lugar[3]->codigo, "020301");
    ubigeo_ubica(&C, &A, "LIMA", "LIMA", "ALTO TRUJILLO", &u);
    cr_expect_null(u.lugar[3]);
    cr_expect_eq(u.calidad[3], UBIGEO_NO_ENCONTRADO);
    ubigeo_ubica(&C, &A, "NARNIA", "LIMA", "LURIGANCHO", &u);
    cr_expect_null(u.lugar[1]);
    cr_expect_null(u.lugar[3]);
}

Test(ubigeo, a_unique_distrito_gives_its_provincia)
{
    ubigeo_resultado u;
    ubigeo_ubica(&C, &A, "LIMA", "PROVINCIA DESCONOCIDA", "SAN JUAN DE LURIGANCHO", &u);
    cr_expect_str_eq(u.lugar[2]->codigo, "150100");
    cr_expect_str_eq(u.lugar[3]->codigo, "150132");
    /* SAN ANTONIO exists in two provincias of different departamentos: fine; within LIMA only one */
    ubigeo_ubica(&C, &A, "LIMA", "???", "SAN ANTONIO", &u);
    cr_expect_str_eq(u.lugar[3]->codigo, "150716");
}

Test(ubigeo, names_only_in_parentheses_or_empty)
{
    ubigeo_calidad q;
    cr_expect_str_eq(dist("LIMA", "LIMA", "(PUEBLO LIBRE)", &q), "150121");
    cr_expect_null(dist("LIMA", "LIMA", "()", &q));
    cr_expect_null(dist("LIMA", "LIMA", "(", &q));
    cr_expect_null(dist("LIMA", "LIMA", "", &q));
    cr_expect_null(dist("LIMA", "LIMA", NULL, &q));
}

Test(ubigeo, ambiguous_truncation_is_not_guessed)
{
    ubigeo_calidad q;
    const ubigeo_lugar *l = ubigeo_busca(&C, &A, UBIGEO_DISTRITO, "150700", "SAN", &q);
    cr_expect_null(l);
    l = ubigeo_busca(&C, &A, UBIGEO_DISTRITO, "150100", "SAN JUAN DE LURIGAN", &q);
    cr_expect_str_eq(l->codigo, "150132");
}
