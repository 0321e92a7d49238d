/* test_publicacion.c - published list rendering: CSV (BOM, ';', CRLF,
 * decimal comma, quoting) and JSON with the same rows, masked documents,
 * only declared columns, SHA-256 of each file, the tipo registry. */
#include "json.h"
#include "publicacion.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 1 << 16); }
static void teardown(void) { arena_free(&A); }
TestSuite(publicacion, .init = setup, .fini = teardown);

static const char *const FILAS[] = {
    "1", "QUISPE MAMANI, ROSA", "45678912", "MEDICINA", "REMUNERADA", "CUSCO", "APTO", NULL,
    "2", "PÉREZ; \"EL BUENO\"", "CE0012345", "ENFERMERIA", "EQUIVALENTE", NULL, "APTO", "CASO_ESPECIAL",
};

static pub_version version(void)
{
    return (pub_version){"2026-I", pub_tipo_buscar("APTOS_PRELIMINAR"), 2, "2026-03-02T14:00:00Z", 2, FILAS};
}

Test(publicacion, registry)
{
    const pub_tipo *t = pub_tipo_buscar("APTOS_FINAL");
    cr_assert_not_null(t);
    cr_expect_str_eq(t->fase, "PUBLICACION_FINAL");
    cr_expect_str_eq(pub_tipo_buscar("APTOS_PRELIMINAR")->fase, "PUBLICACION_APTOS");
    cr_expect_null(pub_tipo_buscar("APTOS"));
    cr_expect_not_null(pub_tipo_en(0));
    cr_expect_null(pub_tipo_en(1000));
}

Test(publicacion, masking)
{
    cr_expect_str_eq(pub_documento_mascara(&A, "45678912"), "****8912");
    cr_expect_str_eq(pub_documento_mascara(&A, "CE0012345"), "****2345");
    cr_expect_str_eq(pub_documento_mascara(&A, "123"), "****");
    cr_expect_str_eq(pub_documento_mascara(&A, NULL), "****");
}

Test(publicacion, csv_bytes)
{
    pub_version v = version();
    pub_archivo csv, json;
    cr_assert_eq(pub_render(&A, &v, &csv, &json), 0);
    const char *esperado =
        "\xEF\xBB\xBFn;apellidos_nombres;documento;profesion;modalidad;diresa_procedencia;estado;observacion_publica\r\n"
        "1;QUISPE MAMANI, ROSA;****8912;MEDICINA;REMUNERADA;CUSCO;APTO;\r\n"
        "2;\"PÉREZ; \"\"EL BUENO\"\"\";****2345;ENFERMERIA;EQUIVALENTE;;APTO;CASO_ESPECIAL\r\n";
    cr_expect_eq(csv.len, strlen(esperado));
    cr_expect(!memcmp(csv.datos, esperado, csv.len), "%.*s", (int)csv.len, csv.datos);
    char sha[65];
    pub_sha256_hex(esperado, strlen(esperado), sha);
    cr_expect_str_eq(csv.sha256, sha);
    cr_expect(strstr(csv.datos, "45678912") == NULL);
}

Test(publicacion, json_document)
{
    pub_version v = version();
    pub_archivo csv, json;
    cr_assert_eq(pub_render(&A, &v, &csv, &json), 0);
    jv *doc;
    char err[128];
    cr_assert_eq(json_parse(&A, json.datos, json.len, &(json_limits){1 << 20, 8, 1 << 16}, &doc, err, sizeof err), 0);
    cr_expect_str_eq(jv_get(doc, "convocatoria")->s, "2026-I");
    cr_expect_str_eq(jv_get(doc, "tipo")->s, "APTOS_PRELIMINAR");
    cr_expect_str_eq(jv_get(doc, "version")->s, "2");
    cr_expect_str_eq(jv_get(doc, "sha256")->s, csv.sha256);
    cr_expect_str_eq(jv_get(doc, "filas")->s, "2");
    const jv *items = jv_get(doc, "items");
    cr_assert_eq(items->n, 2);
    cr_expect_eq(jv_get(items->items[0], "n")->t, JV_NUMBER);
    cr_expect_str_eq(jv_get(items->items[0], "documento")->s, "****8912");
    cr_expect_eq(jv_get(items->items[0], "observacion_publica")->t, JV_NULL);
    cr_expect_eq(jv_get(items->items[1], "diresa_procedencia")->t, JV_NULL);
    cr_expect_eq(items->items[0]->n, 8);
    char sha[65];
    pub_sha256_hex(json.datos, json.len, sha);
    cr_expect_str_eq(json.sha256, sha);
    cr_expect(strstr(json.datos, "45678912") == NULL);
}

static const pub_columna NOTAS[] = {{"n", PUB_ENTERO}, {"nota", PUB_DECIMAL}};
static const pub_tipo TIPO_NOTAS = {"PRUEBA", "REVISION", NOTAS, 2};

Test(publicacion, decimals_and_bad_numbers)
{
    const char *const filas[] = {"1", "14.25", "2", "9"};
    pub_version v = {"2026-I", &TIPO_NOTAS, 1, "2026-03-02T14:00:00Z", 2, filas};
    pub_archivo csv, json;
    cr_assert_eq(pub_render(&A, &v, &csv, &json), 0);
    cr_expect(strstr(csv.datos, "1;\"14,25\"\r\n") || strstr(csv.datos, "1;14,25\r\n"));
    cr_expect(strstr(json.datos, "\"nota\":14.25") != NULL);
    const char *const malas[] = {"1", "14.25; DROP"};
    pub_version m = {"2026-I", &TIPO_NOTAS, 1, "2026-03-02T14:00:00Z", 1, malas};
    cr_expect_eq(pub_render(&A, &m, &csv, &json), -1);
}

Test(publicacion, empty_list)
{
    pub_version v = {"2026-I", pub_tipo_buscar("APTOS_FINAL"), 1, "2026-03-02T14:00:00Z", 0, NULL};
    pub_archivo csv, json;
    cr_assert_eq(pub_render(&A, &v, &csv, &json), 0);
    cr_expect(strstr(json.datos, "\"items\":[]") != NULL);
    cr_expect_eq(memcmp(csv.datos, "\xEF\xBB\xBFn;", 5), 0);
}
