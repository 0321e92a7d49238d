/* test_orden.c - score policies and the verifiable sorteo through nginx:
 * admin sets and anyone reads a policy (bad input 422 changing nothing,
 * roles, unknown ids, frozen after DESEMPATE_SORTEO begins); freeze, a reveal
 * with a wrong secret (422, nothing changes), the draw, no redraw, and the
 * published sorteo recomputed by the independent verifier and by openssl. */
#include "it.h"
#include "it_orden.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define P2026 "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}]," \
              " \"eleccion_nota\": \"NINGUNA\", \"bonos\": [{\"condicion\": \"DISCAPACIDAD\", \"factor\": \"1.15\"}],"        \
              " \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\", \"NOTA_PPP desc\"], \"escala\": 6}"
#define P2026_CANON "{\"modo_adjudicacion\":\"MERITO\",\"componentes\":[{\"fuente\":\"EVALUACION_SERUMS\",\"peso\":\"0.70\"}," \
                    "{\"fuente\":\"PPP\",\"peso\":\"0.30\"}],\"eleccion_nota\":\"NINGUNA\",\"bonos\":[{\"condicion\":\"DISCAPACIDAD\"," \
                    "\"factor\":\"1.15\"}],\"desempate\":[\"NOTA_EVALUACION_SERUMS desc\",\"NOTA_PPP desc\"],\"escala\":6}"

/* s = 32 bytes 00 11 22 ... ; C = SHA-256(s) */
#define SECRETO "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define BEACON "9F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"

static char *path(const char *fmt, const char *a, const char *b)
{
    static char p[256];
    snprintf(p, sizeof p, fmt, a, b);
    return p;
}

Test(orden, admin_sets_the_policy_and_anyone_reads_it)
{
    char *adm = it_admin();
    char *c = it_conv_desempate(0);
    const char *url = path("/v1/convocatorias/%s/politicas/%s", c, "MEDICINA");
    it_resp *r = it_get(url, NULL);
    it_expect_problem(r, 404, "POLITICA_NO_ENCONTRADA");
    it_free(r);
    r = it_put(url, adm, P2026);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(r->body, P2026_CANON);
    it_free(r);
    r = it_get(url, NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(r->body, P2026_CANON);
    cr_expect_not_null(it_header(r, "ETag"));
    it_free(r);
    r = it_put(url, adm, P2026);
    cr_expect_eq(r->status, 200);
    it_free(r);
    char *n = it_db_value("select count(*) from audit_log where action = 'politica.guardar' and entity_id = $1",
                          path("%s/%s", c, "MEDICINA"));
    cr_expect_str_eq(n, "2");
    free(n);
    /* a sorteo profession keeps its default mode unless told */
    r = it_put(path("/v1/convocatorias/%s/politicas/%s", c, "BIOLOGIA"), adm,
               "{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":\"1\"}],\"eleccion_nota\":\"NINGUNA\",\"escala\":2}");
    cr_expect_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "modo_adjudicacion"), "SORTEO");
    it_free(r);
    free(c);
    free(adm);
}

Test(orden, a_bad_policy_is_422_field_by_field_and_changes_nothing)
{
    char *adm = it_admin();
    char *c = it_conv_desempate(0);
    const char *url = path("/v1/convocatorias/%s/politicas/%s", c, "ENFERMERIA");
    it_free(it_put(url, adm, P2026));
    it_resp *r = it_put(url, adm, "{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":0.3},{\"fuente\":\"PPP\",\"peso\":\"0.7\"}],"
                                  "\"eleccion_nota\":\"NINGUNA\",\"escala\":9,\"desempate\":[\"NOTA_FOO desc\"],\"x\":1}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "componentes[0].peso"));
    cr_expect(it_has_field_error(r, "componentes[1].fuente"));
    cr_expect(it_has_field_error(r, "escala"));
    cr_expect(it_has_field_error(r, "desempate[0]"));
    cr_expect(it_has_field_error(r, "x"));
    it_free(r);
    r = it_get(url, NULL);
    cr_expect_str_eq(r->body, P2026_CANON);
    it_free(r);
    r = it_put(url, adm, "[1,2");
    cr_expect_eq(r->status, 400);
    it_free(r);
    free(c);
    free(adm);
}

Test(orden, policy_access_unknown_ids_and_the_phase)
{
    char *adm = it_admin();
    char *c = it_conv_desempate(0);
    it_resp *r = it_put(path("/v1/convocatorias/%s/politicas/%s", c, "MEDICINA"), NULL, P2026);
    cr_expect_eq(r->status, 401);
    it_free(r);
    char *post = it_new_postulante(NULL);
    r = it_put(path("/v1/convocatorias/%s/politicas/%s", c, "MEDICINA"), post, P2026);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_put(path("/v1/convocatorias/%s/politicas/%s", c, "ASTRONOMIA"), adm, P2026);
    it_expect_problem(r, 404, "PROFESION_NO_ENCONTRADA");
    it_free(r);
    r = it_put(path("/v1/convocatorias/%s/politicas/%s", "999999999", "MEDICINA"), adm, P2026);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    char *en_curso = it_conv_desempate(1);
    r = it_put(path("/v1/convocatorias/%s/politicas/%s", en_curso, "MEDICINA"), adm, P2026);
    it_expect_problem(r, 409, "FASE_INICIADA");
    it_free(r);
    r = it_get(path("/v1/convocatorias/%s/politicas/%s", en_curso, "MEDICINA"), NULL);
    it_expect_problem(r, 404, "POLITICA_NO_ENCONTRADA");
    it_free(r);
    free(en_curso);
    free(post);
    free(c);
    free(adm);
}

static char *compromiso(void)
{
    FILE *p = popen("printf %s " SECRETO " | xxd -r -p | openssl dgst -sha256 | sed 's/.*= //'", "r");
    cr_assert_not_null(p);
    char *c = calloc(1, 80);
    cr_assert_not_null(fgets(c, 80, p));
    pclose(p);
    c[strcspn(c, "\n")] = 0;
    cr_assert_eq(strlen(c), 64);
    return c;
}

static it_resp *congelar(const char *token, const char *conv, const char *profesion, const char *c)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"%s\",\"compromiso\":\"%s\","
             "\"beacon\":{\"fuente\":\"DRAND_QUICKNET\",\"ronda\":\"15234000\"}}", profesion, c);
    return it_post(path("/v1/convocatorias/%s/sorteos%s", conv, ""), token, body);
}

Test(orden, sorteo_freeze_wrong_secret_draw_no_redraw_and_independent_check)
{
    char *adm = it_admin();
    char *c = compromiso();
    char *conv = it_conv_desempate(1);
    long long ids[40];
    it_aptos(conv, "BIOLOGIA", "REMUNERADA", 40, ids);
    it_aptos(conv, "BIOLOGIA", "EQUIVALENTE", 3, (long long[3]){0});   /* another pool */

    it_resp *r = congelar(adm, conv, "BIOLOGIA", c);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "CONGELADO");
    cr_expect_eq(it_int(r, "pool_n"), 40);
    char pool[1024] = "";
    for (int i = 0; i < 40; i++) snprintf(pool + strlen(pool), sizeof pool - strlen(pool), "%lld\n", ids[i]);
    cr_expect_str_eq(it_str(r, "pool"), pool);
    cr_expect_eq(it_path(r, "items")->n, 0);
    char *sid = strdup(it_str(r, "id"));
    cr_expect_str_eq(it_header(r, "Location"), path("/v1/sorteos/%s%s", sid, ""));
    it_free(r);

    r = congelar(adm, conv, "BIOLOGIA", c);
    it_expect_problem(r, 409, "SORTEO_EXISTENTE");
    it_free(r);
    r = congelar(adm, conv, "PSICOLOGIA", c);
    it_expect_problem(r, 409, "SIN_APTOS");
    it_free(r);
    r = congelar(adm, conv, "BIOLOGIA", "xyz");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "compromiso"));
    it_free(r);

    const char *rev = path("/v1/sorteos/%s/revelacion%s", sid, "");
    char *rev_url = strdup(rev);
    r = it_post(rev_url, adm, "{\"beacon_valor\":\"" BEACON "\",\"secreto\":\"ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"}");
    it_expect_problem(r, 422, "COMPROMISO_NO_COINCIDE");
    it_free(r);
    char *post = it_new_postulante(NULL);
    r = it_post(rev_url, post, "{\"beacon_valor\":\"" BEACON "\",\"secreto\":\"" SECRETO "\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_get(path("/v1/sorteos/%s%s", sid, ""), NULL);
    cr_expect_str_eq(it_str(r, "estado"), "CONGELADO");
    it_free(r);

    r = it_post(rev_url, adm, "{\"beacon_valor\":\"" BEACON "\",\"secreto\":\"" SECRETO "\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "SORTEADO");
    cr_expect_eq(it_path(r, "items")->n, 40);
    char *primero = strdup(r->body);
    it_free(r);
    r = it_post(rev_url, adm, "{\"beacon_valor\":\"00\",\"secreto\":\"" SECRETO "\"}");
    it_expect_problem(r, 409, "SORTEO_REALIZADO");
    it_free(r);
    r = it_get(path("/v1/sorteos/%s%s", sid, ""), NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(r->body, primero);             /* the draw never changes */

    /* the published sorteo alone, checked by the independent verifier */
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/serums-verifica-%d", (int)getpid());
    mkdir(dir, 0700);
    char file[192];
    snprintf(file, sizeof file, "%s/sorteo.json", dir);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fwrite(r->body, 1, r->len, f);
    fclose(f);
    char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    *strstr(root, "/tests/integration/") = 0;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1", root, dir, dir);
    int rc = system(cmd);
    cr_expect_eq(rc, 0, "verificar.py failed");
    /* the SORTEO publication (admin, one machinery): its version alone verifies too */
    it_resp *pb = it_post(path("/v1/convocatorias/%s/publicaciones%s", conv, ""), adm, "{\"tipo\":\"SORTEO\"}");
    cr_assert_eq(pb->status, 201, "%s", pb->body);
    cr_expect_eq(it_int(pb, "filas"), 40);
    it_free(pb);
    pb = it_get(path("/v1/convocatorias/%s/publicaciones/SORTEO/versiones/1.json%s", conv, ""), NULL);
    cr_assert_eq(pb->status, 200, "%s", pb->body);
    cr_expect_str_eq(it_str(pb, "items.0.clave"), it_str(r, "items.0.clave"));
    cr_expect(strstr(pb->body, "\"pool\"") == NULL);
    remove(file);
    snprintf(file, sizeof file, "%s/sorteo-publicado.json", dir);
    f = fopen(file, "w");
    cr_assert_not_null(f);
    fwrite(pb->body, 1, pb->len, f);
    fclose(f);
    it_free(pb);
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1 && grep -c '^ok ' %s/log", root,
             dir, dir, dir);
    FILE *ok = popen(cmd, "r");
    char nok[16] = "";
    cr_assert_not_null(fgets(nok, sizeof nok, ok));
    cr_expect_eq(pclose(ok), 0, "verificar.py on the SORTEO publication failed");
    cr_expect_eq(atoi(nok), 7, "checks: %s", nok);
    /* and one key with the README's openssl command */
    snprintf(cmd, sizeof cmd, "printf %%s %s | openssl dgst -sha256 -mac HMAC -macopt hexkey:%s | sed 's/.*= //'",
             it_str(r, "items.0.inscripcion_id"), it_str(r, "seed"));
    FILE *p = popen(cmd, "r");
    char k[80] = "";
    cr_assert_not_null(fgets(k, sizeof k, p));
    pclose(p);
    k[strcspn(k, "\n")] = 0;
    cr_expect_str_eq(k, it_str(r, "items.0.clave"));
    cr_expect_str_eq(it_str(r, "beacon.valor"), "9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    it_free(r);

    r = it_get("/v1/sorteos/999999999", NULL);
    it_expect_problem(r, 404, "SORTEO_NO_ENCONTRADO");
    it_free(r);
    r = it_get("/v1/sorteos/abc", NULL);
    it_expect_problem(r, 404, "SORTEO_NO_ENCONTRADO");
    it_free(r);
    free(primero);
    free(post);
    free(rev_url);
    free(sid);
    free(conv);
    free(c);
    free(adm);
}

Test(orden, sorteo_outside_its_phase_is_409)
{
    char *adm = it_admin();
    char *c = compromiso();
    char *conv = it_conv_desempate(0);
    long long ids[2];
    it_aptos(conv, "BIOLOGIA", "REMUNERADA", 2, ids);
    it_resp *r = congelar(adm, conv, "BIOLOGIA", c);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    r = it_post(path("/v1/convocatorias/%s/publicaciones%s", conv, ""), adm, "{\"tipo\":\"SORTEO\"}");
    it_expect_problem(r, 409, "FUERA_DE_FASE");            /* the SORTEO list too */
    it_free(r);
    char *n = it_db_value("select count(*) from sorteos where convocatoria_id = $1", conv);
    cr_expect_str_eq(n, "0");
    free(n);
    free(conv);
    free(c);
    free(adm);
}
