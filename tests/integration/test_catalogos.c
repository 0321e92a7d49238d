/* test_catalogos.c - the public catalogs: professions with their rules,
 * DIRESAs, institutions, the ubigeo tree, paging, caching headers and 304. */
#include "it.h"
#include <stdlib.h>
#include <string.h>

static const jv *find_item(it_resp *r, const char *codigo)
{
    const jv *items = it_path(r, "items");
    for (size_t i = 0; items && i < items->n; i++) {
        const jv *c = jv_get(items->items[i], "codigo");
        if (c && !strcmp(c->s, codigo)) return items->items[i];
    }
    return NULL;
}

static const char *field(const jv *o, const char *k)
{
    const jv *v = o ? jv_get(o, k) : NULL;
    if (!v) return NULL;
    return v->t == JV_BOOL ? (v->b ? "true" : "false") : v->s;
}

Test(catalogos, profesiones_with_group_rules_and_adjudication_mode)
{
    it_resp *r = it_get("/v1/profesiones", NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    static const char *const codes[] = {"MEDICINA", "ENFERMERIA", "OBSTETRICIA", "ODONTOLOGIA", "NUTRICION",
                                        "QUIMICO_FARMACEUTICO", "BIOLOGIA", "INGENIERIA_SANITARIA",
                                        "MEDICINA_VETERINARIA", "PSICOLOGIA", "TM_LABORATORIO_CLINICO",
                                        "TM_TERAPIA_FISICA", "TM_RADIOLOGIA", "TM_TERAPIA_LENGUAJE", "TRABAJO_SOCIAL"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        cr_expect_not_null(find_item(r, codes[i]), "%s missing", codes[i]);
    cr_expect_eq(it_int(r, "total"), 17, "the 15 of the manuals and the two the 2025-I/2026-I offers list");
    cr_expect_eq(it_path(r, "next_cursor")->t, JV_NULL);
    const jv *med = find_item(r, "MEDICINA"), *enf = find_item(r, "ENFERMERIA"), *bio = find_item(r, "BIOLOGIA");
    cr_expect_str_eq(field(med, "modo_adjudicacion"), "MERITO");
    cr_expect_str_eq(field(med, "grupo"), "MEDICINA");
    cr_expect_str_eq(field(med, "requiere_enam"), "true");
    cr_expect_str_eq(field(enf, "grupo"), "CIENCIAS_SALUD");
    cr_expect_str_eq(field(enf, "requiere_ppp"), "true");
    cr_expect_str_eq(field(enf, "requiere_enam"), "false");
    cr_expect_eq(jv_get(enf, "notas_adjudicacion")->n, 2);
    cr_expect_str_eq(field(bio, "modo_adjudicacion"), "SORTEO");
    cr_expect_eq(jv_get(bio, "notas_adjudicacion")->n, 0);
    cr_expect_str_eq(it_str(r, "items.0.codigo"), "MEDICINA", "in the order of the manuals");
    it_free(r);
}

Test(catalogos, diresas_say_whether_the_receipt_is_waived)
{
    it_resp *r = it_get("/v1/diresas", NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 29);
    static const char *const waived[] = {"AMAZONAS", "CALLAO", "LAMBAYEQUE", "MADRE_DE_DIOS", "MOQUEGUA",
                                         "LIMA_CENTRO", "LIMA_ESTE", "LIMA_NORTE", "LIMA_REGION", "LIMA_SUR"};
    int n = 0;
    const jv *items = it_path(r, "items");
    for (size_t i = 0; i < items->n; i++) n += jv_get(items->items[i], "exonera_comprobante")->b;
    cr_expect_eq(n, 10);
    for (size_t i = 0; i < 10; i++) cr_expect_str_eq(field(find_item(r, waived[i]), "exonera_comprobante"), "true");
    cr_expect_str_eq(field(find_item(r, "CUSCO"), "exonera_comprobante"), "false");
    cr_expect_str_eq(field(find_item(r, "CUSCO"), "nombre"), "GERESA Cusco");
    it_free(r);
    r = it_get("/v1/instituciones", NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_not_null(find_item(r, "GOBIERNO_REGIONAL"));
    cr_expect_not_null(find_item(r, "ESSALUD"));
    cr_expect_not_null(find_item(r, "SANIDAD_PNP"));
    it_free(r);
}

Test(catalogos, ubigeo_tree_with_inei_codes)
{
    it_resp *r = it_get("/v1/ubigeo/departamentos", NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 25);
    cr_expect_str_eq(field(find_item(r, "080000"), "nombre"), "CUSCO");
    it_free(r);
    r = it_get("/v1/ubigeo/departamentos/150000/provincias", NULL);
    cr_assert_eq(r->status, 200);
    char *n = it_db_value("select count(*) from provincias where departamento_codigo = '150000'", NULL);
    cr_expect_eq(it_int(r, "total"), atoll(n));
    cr_expect_str_eq(field(find_item(r, "150700"), "nombre"), "HUAROCHIRI");
    cr_expect_str_eq(field(find_item(r, "150700"), "departamento_codigo"), "150000");
    free(n);
    it_free(r);
    r = it_get("/v1/ubigeo/provincias/150100/distritos?limit=500", NULL);
    cr_assert_eq(r->status, 200);
    n = it_db_value("select count(*) from distritos where provincia_codigo = '150100'", NULL);
    cr_expect_eq(it_int(r, "total"), atoll(n));
    cr_expect_eq((long long)it_path(r, "items")->n, atoll(n));
    cr_expect_str_eq(field(find_item(r, "150118"), "nombre"), "LURIGANCHO");
    free(n);
    it_free(r);
}

Test(catalogos, unknown_or_malformed_parents_are_404)
{
    it_resp *r = it_get("/v1/ubigeo/departamentos/990000/provincias", NULL);
    it_expect_problem(r, 404, "DEPARTAMENTO_NO_ENCONTRADO");
    it_free(r);
    r = it_get("/v1/ubigeo/departamentos/lima/provincias", NULL);
    it_expect_problem(r, 404, "DEPARTAMENTO_NO_ENCONTRADO");
    it_free(r);
    r = it_get("/v1/ubigeo/provincias/150199/distritos", NULL);
    it_expect_problem(r, 404, "PROVINCIA_NO_ENCONTRADA");
    it_free(r);
}

Test(catalogos, pages_walk_the_whole_list)
{
    char path[256] = "/v1/ubigeo/departamentos?limit=10";
    int seen = 0, pages = 0;
    char last[8] = "";
    for (;;) {
        it_resp *r = it_get(path, NULL);
        cr_assert_eq(r->status, 200, "%s", r->body);
        const jv *items = it_path(r, "items");
        for (size_t i = 0; i < items->n; i++) {
            const char *c = jv_get(items->items[i], "codigo")->s;
            cr_expect(strcmp(c, last) > 0, "ordered, no repeats");
            snprintf(last, sizeof last, "%s", c);
            seen++;
        }
        pages++;
        const jv *next = it_path(r, "next_cursor");
        if (!next || next->t == JV_NULL) { it_free(r); break; }
        snprintf(path, sizeof path, "/v1/ubigeo/departamentos?limit=10&cursor=%s", next->s);
        it_free(r);
        cr_assert(pages < 10);
    }
    cr_expect_eq(seen, 25);
    cr_expect_eq(pages, 3);
    it_resp *r = it_get("/v1/diresas?limit=0", NULL);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get("/v1/diresas?limit=501", NULL);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
}

Test(catalogos, strong_etag_cache_control_and_304)
{
    it_resp *r = it_get("/v1/profesiones", NULL);
    const char *etag = it_header(r, "ETag");
    cr_assert(etag && etag[0] == '"', "strong ETag: %s", etag ? etag : "(none)");
    const char *cc = it_header(r, "Cache-Control");
    cr_expect(cc && strstr(cc, "public") && strstr(cc, "max-age="), "%s", cc ? cc : "(none)");
    char inm[200];
    snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
    const char *h[] = {inm, NULL};
    it_resp *again = it_request("GET", "/v1/profesiones", NULL, NULL, 0, h);
    cr_expect_eq(again->status, 304);
    cr_expect_eq(again->len, 0);
    cr_expect_str_eq(it_header(again, "ETag"), etag);
    it_free(again);
    const char *other[] = {"If-None-Match: \"otro\"", NULL};
    again = it_request("GET", "/v1/profesiones", NULL, NULL, 0, other);
    cr_expect_eq(again->status, 200);
    it_free(again);
    it_free(r);
}
