/* test_validaciones.c - external validations through nginx: an official
 * PPP file built from the real 2024 grades (shared/data/notas-2024) compared
 * with the declarations (CONFORME, DISCREPANCIA with both values,
 * NO_ENCONTRADO, rows without inscription), re-loading replaces, the list
 * shows the results, an APTO over a discrepancy needs an explicit audited
 * override, and a malformed file imports nothing and lists every bad line. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_revision.h"
#include <stdlib.h>
#include <string.h>

TestSuite(validaciones, .timeout = 180);

static char *dni_de(const char *id)
{
    return it_db_value("select u.numero_documento from inscripciones i join usuarios u on u.id = i.usuario_id "
                       "where i.id = $1::bigint", id);
}

/* The official file: the first inscription's declared grade, a real grade
 * that differs for the second, none for the third, and `extra` real grades
 * of people with no inscription. */
static char *archivo_ppp(const char *dni0, const char *dni1, int extra, char *oficial1)
{
    size_t len;
    char *notas = it_data_file("notas-2024/obstetricia.csv", &len);
    cr_assert_not_null(notas);
    size_t cap = 256 + (size_t)extra * 40;
    char *out = malloc(cap);
    int o = snprintf(out, cap, "tipo_documento,numero_documento,valor\nDNI,%s,15.75\n", dni0);
    int puestas = -1;
    for (char *line = strtok(notas, "\n"); line && puestas < extra; line = strtok(NULL, "\n")) {
        char *nota = strrchr(line, ',');
        if (!nota || !strcmp(nota + 1, "NA") || !strcmp(nota + 1, "nota") || !strcmp(nota + 1, "15.75")) continue;
        nota[strcspn(nota, "\r")] = '\0';
        if (puestas < 0) {
            strcpy(oficial1, nota + 1);
            o += snprintf(out + o, cap - (size_t)o, "DNI,%s,%s\n", dni1, nota + 1);
        } else {
            o += snprintf(out + o, cap - (size_t)o, "DNI,%08d,%s\n", 70000000 + puestas, nota + 1);
        }
        puestas++;
    }
    free(notas);
    return out;
}

static it_resp *cargar(const char *conv, const char *fuente, const char *token, const char *body)
{
    char auth[1024];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    const char *h[] = {auth, NULL};
    return it_request("POST", itp("/v1/convocatorias/%s/validaciones?fuente=%s", conv, fuente), "text/csv", body,
                      strlen(body), h);
}

Test(validaciones, official_grades_compared_replaced_and_shown_to_reviewers)
{
    char *conv = it_conv_revision(true);
    char *ids[3], *dnis[3];
    for (int i = 0; i < 3; i++) {
        ids[i] = it_inscripcion_finalizada(conv, NULL);
        dnis[i] = dni_de(ids[i]);
    }
    char oficial1[16];
    char *file = archivo_ppp(dnis[0], dnis[1], 50, oficial1);
    it_resp *r = cargar(conv, "PPP", it_token_admin(), file);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_eq(it_int(r, "filas"), 52);
    cr_expect_eq(it_int(r, "conformes"), 1);
    cr_expect_eq(it_int(r, "discrepancias"), 1);
    cr_expect_eq(it_int(r, "no_encontrados"), 1);
    cr_expect_eq(it_int(r, "sin_inscripcion"), 50);
    cr_expect_str_eq(it_str(r, "detalle_discrepancias.0.inscripcion_id"), ids[1]);
    cr_expect_str_eq(it_str(r, "detalle_discrepancias.0.declarado"), "15.75");
    cr_expect_str_eq(it_str(r, "detalle_discrepancias.0.oficial"), oficial1);
    char *sha = strdup(it_str(r, "sha256"));
    it_free(r);
    char *estados = it_db_value("select string_agg(resultado, ',' order by inscripcion_id) from validaciones "
                                "where inscripcion_id in (select id from inscripciones where convocatoria_id = $1::bigint)",
                                conv);
    cr_expect_str_eq(estados, "CONFORME,DISCREPANCIA,NO_ENCONTRADO");
    char *audit = it_db_value("select after ->> 'sha256' from audit_log where action = 'validacion.cargar' and "
                              "entity_id = $1", conv);
    cr_expect_str_eq(audit, sha);

    /* re-loading replaces: the second inscription is now conforme */
    char *file2 = malloc(strlen(file) + 64);
    sprintf(file2, "DNI,%s,15.75\nDNI,%s,\"15,75\"\n", dnis[0], dnis[1]);
    r = cargar(conv, "PPP", it_token_admin(), file2);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_eq(it_int(r, "conformes"), 2);
    cr_expect_eq(it_int(r, "no_encontrados"), 1);
    it_free(r);
    char *n = it_db_value("select count(*) || ':' || count(*) filter (where resultado = 'CONFORME') from validaciones "
                          "where inscripcion_id in (select id from inscripciones where convocatoria_id = $1::bigint)",
                          conv);
    cr_expect_str_eq(n, "3:2");

    /* reviewers see it in their list */
    r = it_get(itp("/v1/convocatorias/%s/inscripciones", conv), it_token_cusco());
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(it_str(r, "items.2.validaciones.PPP"), "NO_ENCONTRADO");
    it_free(r);
    free(n);
    free(file2);
    free(audit);
    free(estados);
    free(sha);
    free(file);
    for (int i = 0; i < 3; i++) { free(ids[i]); free(dnis[i]); }
    free(conv);
}

Test(validaciones, apto_over_a_discrepancy_needs_an_explicit_audited_override)
{
    char *conv = it_conv_revision(true);
    char *id = it_inscripcion_finalizada(conv, NULL);
    char *dni = dni_de(id);
    char body[128];
    snprintf(body, sizeof body, "DNI,%s,12.4\n", dni);
    it_resp *r = cargar(conv, "PPP", it_token_admin(), body);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_eq(it_int(r, "discrepancias"), 1);
    it_free(r);
    it_fase_vigente(conv, "REVISION");
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\"}", 422);
    cr_expect(strstr(r->body, "DISCREPANCIA_ABIERTA") != NULL);
    it_free(r);
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":\"NOTA_PPP\","
                                         "\"estado\":\"CONFORME\",\"comentario\":\"El acta original firmada dice 15.75; "
                                         "el archivo oficial tiene un error de digitación.\"}]}", 201);
    it_free(r);
    char *a = it_db_value("select after -> 'requisitos' -> 0 ->> 'comentario' from audit_log where action = "
                          "'inscripcion.revisar' and entity_id = $1", id);
    cr_expect(a && strstr(a, "acta original") != NULL);
    free(a);
    free(dni);
    free(id);
    free(conv);
}

Test(validaciones, a_malformed_file_imports_nothing_and_lists_every_bad_line)
{
    char *conv = it_conv_revision(true);
    const char *malo = "tipo_documento,numero_documento,valor\nDNI,1234567,12\nDNI,12345678,21\n"
                       "DNI,12345678\nDNI,11111111,15\nDNI,11111111,16\nPASAPORTE,12345678,12\n";
    it_resp *r = cargar(conv, "PPP", it_token_admin(), malo);
    it_expect_problem(r, 422, "ARCHIVO_CON_ERRORES");
    const jv *rech = it_path(r, "rechazadas");
    cr_assert_not_null(rech);
    cr_expect_eq(rech->n, 5);
    long lineas[] = {2, 3, 4, 6, 7};
    for (size_t i = 0; i < 5 && i < rech->n; i++)
        cr_expect_eq(atol(jv_get(rech->items[i], "linea")->s), lineas[i]);
    it_free(r);
    char *n = it_db_value("select count(*) from validacion_cargas where convocatoria_id = $1::bigint", conv);
    cr_expect_str_eq(n, "0");
    free(n);
    r = cargar(conv, "SUNEDU", it_token_admin(), "DNI,12345678,12\n");
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = cargar(conv, "ENAM", it_token_cusco(), "DNI,12345678,12\n");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = cargar("999999999", "ENAM", it_token_admin(), "DNI,12345678,12\n");
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    r = cargar(conv, "ENAM", it_token_admin(), "");
    cr_expect_eq(r->status, 400);
    it_free(r);
    r = it_post(itp("/v1/convocatorias/%s/validaciones?fuente=ENAM", conv), it_token_admin(), "{}");
    cr_expect_eq(r->status, 415);
    it_free(r);
    free(conv);
}
