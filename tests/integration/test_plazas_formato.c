/* test_plazas_formato.c - issue 9 §4: `?formato=csv` gives the CSV export
 * without an Accept header (a spreadsheet's "from web"), `?formato=json`
 * wins over Accept, and the modalidad filter takes REMUNERADA/EQUIVALENTE as
 * every body writes it (and still the old lowercase form). */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seeded convocatoria 2026-I (imported offer). */
static long long seeded(void)
{
    char *id = it_db_value("select id::text from convocatorias where codigo = $1", "2026-I");
    cr_assert(id, "the seed's convocatoria 2026-I");
    long long v = atoll(id);
    free(id);
    return v;
}

static long long total(const char *query)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas?limit=1&%s", seeded(), query);
    it_resp *r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s: %ld %s", path, r->status, r->body);
    long long t = it_int(r, "total");
    it_free(r);
    return t;
}

Test(formato, csv_by_query_parameter_without_accept)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas?formato=csv&modalidad=REMUNERADA&profesion=MEDICINA", seeded());
    it_resp *r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect(strstr(r->content_type, "text/csv"), "Content-Type %s", r->content_type);
    cr_expect(!strncmp(r->body, "id,modalidad,profesion_codigo,", 30), "header: %.60s", r->body);
    const char *cd = it_header(r, "Content-Disposition");
    cr_expect(cd && strstr(cd, "attachment"), "Content-Disposition %s", cd ? cd : "-");
    long lines = 0;
    for (const char *p = r->body; (p = strchr(p, '\n')); p++) lines++;
    cr_expect_eq(lines - 1, total("modalidad=REMUNERADA&profesion=MEDICINA"), "one line per matching row");
    it_free(r);
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas/resumen?por=profesion&formato=csv", seeded());
    r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect(strstr(r->content_type, "text/csv"));
    cr_expect(!strncmp(r->body, "codigo,nombre,filas,plazas", 26), "%.40s", r->body);
    it_free(r);
}

Test(formato, json_by_query_parameter_wins_over_accept)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas?formato=json&limit=2", seeded());
    const char *h[] = {"Accept: text/csv", NULL};
    it_resp *r = it_request("GET", path, NULL, NULL, 0, h);
    cr_assert_eq(r->status, 200);
    cr_expect(strstr(r->content_type, "application/json"), "%s", r->content_type);
    cr_expect_gt(it_int(r, "total"), 0);
    it_free(r);
}

Test(formato, modalidad_filter_is_uppercase_as_in_bodies)
{
    long long upper = total("modalidad=REMUNERADA"), lower = total("modalidad=remunerada");
    long long eq = total("modalidad=EQUIVALENTE"), all = total("");
    cr_expect_gt(upper, 0);
    cr_expect_eq(upper, lower, "the old lowercase form still works");
    cr_expect_eq(upper + eq, all);
}

/* issue 9, probe 11: a public CSV never hands a spreadsheet a formula */
Test(formato, csv_export_neutralizes_formula_cells)
{
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(admin);
    long long conv = it_convocatoria_nueva(admin);
    const char *csv =
        "PROFESION;SEDE DE ADJUDICACIÓN;N° PLAZAS;DIRESA;INSTITUCIÓN;DEPARTAMENTO;PROVINCIA;DISTRITO;"
        "GRADO DE DIFICULTAD;CODIGO;NOMBRE DE ESTABLECIMIENTO;CATEGORIA;PRESUPUESTO;ZAF (*);ZE (**)\n"
        "MEDICINA;SEDE CENTRAL;3;CUSCO;GOBIERNO REGIONAL;CUSCO;CUSCO;SANTIAGO;GD-2;2281;"
        "\"=HYPERLINK(\"\"http://malo.example/\"\",\"\"ver\"\")\";II-2;NACIONAL;NO;NO\n"
        "OBSTETRICIA;SEDE CENTRAL;1;CUSCO;GOBIERNO REGIONAL;CUSCO;CUSCO;SANTIAGO;GD-2;2282;@SUM(1+1);I-4;+NACIONAL;NO;NO\n";
    it_resp *r = it_import(admin, conv, "remunerada", csv, strlen(csv));
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    char path[256];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas?formato=csv", conv);
    r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect(strstr(r->body, ",\"'=HYPERLINK(\"\"http://malo.example/\"\",\"\"ver\"\")\","), "%s", r->body);
    cr_expect(strstr(r->body, ",\"'@SUM(1+1)\","), "%s", r->body);
    cr_expect(strstr(r->body, ",\"'+NACIONAL\""), "%s", r->body);
    cr_expect_null(strstr(r->body, ",=HYPERLINK"), "no cell starts with =");
    cr_expect_null(strstr(r->body, ",@SUM"), "no cell starts with @");
    it_free(r);
    free(admin);
}
