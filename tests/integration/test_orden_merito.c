/* test_orden_merito.c - ORDEN_MERITO as a publication through nginx: refused
 * before DESEMPATE_SORTEO (409), for a sorteo profession without its drawn
 * sorteo and for ties the desempate chain leaves without one (409, nothing
 * published), wrong role 403, unknown convocatoria 404; then published
 * (version, flat columns, masked document, no health data, CSV), the API
 * version and nginx's static copy byte for byte, and both recomputed by the
 * independent verifier (tests/verify/verificar.py) with the SORTEO list;
 * a copy with a position or a score altered fails it. */
#include "it.h"
#include "it_orden.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define P_MEDICINA "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}]," \
                   " \"eleccion_nota\": \"NINGUNA\", \"bonos\": [{\"condicion\": \"DISCAPACIDAD\", \"factor\": \"1.15\"}],"        \
                   " \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\", \"NOTA_PPP desc\"], \"escala\": 6}"
#define P_BIOLOGIA "{\"componentes\":[{\"fuente\":\"PPP\",\"peso\":\"1\"}],\"eleccion_nota\":\"NINGUNA\",\"escala\":2}"

static char U[256];
static const char *url(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *url(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(U, sizeof U, fmt, ap);
    va_end(ap);
    return U;
}

static const char *raiz(void)
{
    static char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    *strstr(root, "/tests/integration/") = 0;
    return root;
}

/* Runs the verifier on dir; its exit status (the log stays in dir/log). */
static int verificar(const char *dir)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1", raiz(), dir, dir);
    return system(cmd);
}

/* Applies a python edit to dir/orden.json (d is the parsed file). */
static void alterar(const char *dir, const char *edicion)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd %s && python3 -c \"import json; d=json.load(open('orden.json')); %s; "
             "json.dump(d, open('orden.json', 'w'))\"", dir, edicion);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/* A null (the response validation checks the key is there). */
static bool es_null(it_resp *r, const char *camino)
{
    const jv *v = it_path(r, camino);
    return !v || v->t == JV_NULL;
}

static it_resp *publicar(const char *conv, const char *token)
{
    return it_post(url("/v1/convocatorias/%s/publicaciones", conv), token, "{\"tipo\":\"ORDEN_MERITO\"}");
}

static void sin_publicar(const char *conv)
{
    char *n = it_db_value("select count(*) from publicaciones where convocatoria_id = $1::bigint and tipo = 'ORDEN_MERITO'", conv);
    cr_expect_str_eq(n, "0", "nothing published");
    free(n);
}

Test(orden_merito, refused_until_every_tie_has_its_sorteo_then_published_and_verified)
{
    char *adm = it_admin();
    char *conv = it_conv_desempate(0);           /* policies are set before DESEMPATE_SORTEO */
    it_resp *r = it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", conv), adm, P_MEDICINA);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    r = it_put(url("/v1/convocatorias/%s/politicas/BIOLOGIA", conv), adm, P_BIOLOGIA);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    long long m[6], b[3];
    it_aptos(conv, "MEDICINA", "REMUNERADA", 6, m);
    it_aptos(conv, "BIOLOGIA", "REMUNERADA", 3, b);
    /* m[0..2] tie on the score and on every desempate criterion: only a sorteo separates them */
    char ids[96];
    snprintf(ids, sizeof ids, "{%lld,%lld,%lld}", m[0], m[1], m[2]);
    char *n = it_db_value("with u as (update inscripciones set datos_profesionales = json_build_object('profesion', "
                          "'MEDICINA', 'nota_ppp', 12, 'nota_evaluacion_serums', 15) where id = any($1::bigint[]) "
                          "returning 1) select count(*) from u", ids);
    cr_assert_str_eq(n, "3");
    free(n);
    n = it_db_value("with u as (update usuarios set numero_documento = lpad(id::text, 8, '7') where id in "
                    "(select usuario_id from inscripciones where id = any($1::bigint[])) returning 1) "
                    "select count(*) from u", ids);
    cr_assert_str_eq(n, "3");
    free(n);

    r = publicar(conv, adm);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    n = it_db_value("with u as (update convocatoria_fases set inicia = now() - interval '1 hour' "
                    "where convocatoria_id = $1::bigint and fase = 'DESEMPATE_SORTEO' returning 1) select count(*) from u", conv);
    cr_assert_str_eq(n, "1");
    free(n);
    char *post = it_new_postulante(NULL);
    r = publicar(conv, post);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = publicar("999999999", adm);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    r = publicar(conv, adm);                       /* BIOLOGIA adjudicates by sorteo: not drawn */
    it_expect_problem(r, 409, "SORTEO_PENDIENTE");
    cr_expect(strstr(r->body, "BIOLOGIA") != NULL, "%s", r->body);
    it_free(r);
    sin_publicar(conv);
    long long sb = it_sorteo(conv, "REMUNERADA", "BIOLOGIA");
    r = publicar(conv, adm);                       /* MEDICINA's three-way tie needs its sorteo */
    it_expect_problem(r, 409, "SORTEO_PENDIENTE");
    cr_expect(strstr(r->body, "MEDICINA") != NULL, "%s", r->body);
    it_free(r);
    sin_publicar(conv);
    long long sm = it_sorteo(conv, "REMUNERADA", "MEDICINA");

    r = publicar(conv, adm);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "tipo"), "ORDEN_MERITO");
    cr_expect_eq(it_int(r, "version"), 1);
    cr_expect_eq(it_int(r, "filas"), 9);
    it_free(r);
    n = it_db_value("select count(*) from audit_log where action = 'publicacion.publicar' and "
                          "after ->> 'tipo' = 'ORDEN_MERITO' and after ->> 'convocatoria_id' = $1", conv);
    cr_expect_str_eq(n, "1");
    free(n);

    r = it_get(url("/v1/convocatorias/%s/publicaciones/ORDEN_MERITO/versiones/1.json", conv), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_resp *espejo = it_get(url("/publicaciones/%s/ORDEN_MERITO/v1.json", conv), NULL);
    cr_assert_eq(espejo->status, 200);
    cr_expect(espejo->len == r->len && !memcmp(espejo->body, r->body, r->len), "the static copy is the API version");
    it_free(espejo);
    /* BIOLOGIA (by sorteo) then MEDICINA; the tied three lead MEDICINA, placed by its sorteo */
    cr_expect_str_eq(it_str(r, "items.0.profesion"), "BIOLOGIA");
    cr_expect_str_eq(it_str(r, "items.0.modo"), "SORTEO");
    cr_expect_eq(it_int(r, "items.0.sorteo_id"), sb);
    cr_expect(es_null(r, "items.0.puntaje_final"));
    cr_expect_str_eq(it_str(r, "items.3.profesion"), "MEDICINA");
    for (int i = 3; i < 6; i++) {
        char k[48];
        snprintf(k, sizeof k, "items.%d.", i);
        char c[64];
        snprintf(c, sizeof c, "%sdesempate", k);
        cr_expect_str_eq(it_str(r, c), "SORTEO");
        snprintf(c, sizeof c, "%sn", k);
        cr_expect_eq(it_int(r, c), 1);
        snprintf(c, sizeof c, "%sn_adjudicacion", k);
        cr_expect_eq(it_int(r, c), i - 2);
        snprintf(c, sizeof c, "%ssorteo_id", k);
        cr_expect_eq(it_int(r, c), sm);
        snprintf(c, sizeof c, "%spuntaje_final", k);
        cr_expect_str_eq(it_str(r, c), "14.100000");       /* 0.70 × 15 + 0.30 × 12 */
    }
    const char *nota = it_str(r, "items.3.nota_evaluacion_serums");
    cr_assert_not_null(nota);
    cr_expect(!strncmp(nota, "15", 2), "%s", nota);
    cr_expect(es_null(r, "items.3.nota_enam"), "ENAM is not read by the policy");
    const char *doc = it_str(r, "items.3.documento");
    cr_assert_not_null(doc);
    cr_expect(strlen(doc) == 8 && !strncmp(doc, "****", 4), "masked: %s", doc);
    cr_expect(strstr(r->body, "DISCAPACIDAD\\\"") != NULL, "the policy in force is published");
    cr_expect(strstr(r->body, "\"discapacidad\"") == NULL && strstr(r->body, "email") == NULL, "no health or contact data");

    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/serums-om-%d", (int)getpid());
    mkdir(dir, 0700);
    it_guardar(dir, "orden.json", r);
    it_free(r);
    r = it_post(url("/v1/convocatorias/%s/publicaciones", conv), adm, "{\"tipo\":\"SORTEO\"}");
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    r = it_get(url("/publicaciones/%s/SORTEO/v1.json", conv), NULL);
    cr_assert_eq(r->status, 200);
    it_guardar(dir, "sorteo.json", r);
    it_free(r);
    int rc = verificar(dir);
    if (rc) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "cat %s/log >&2", dir);
        cr_expect_eq(system(cmd), 0);
    }
    cr_expect_eq(rc, 0, "verificar.py on the published ORDEN_MERITO and SORTEO");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "grep -q '^ok     orden REMUNERADA MEDICINA: N° adjudicación' %s/log && "
             "grep -q '^ok     orden REMUNERADA BIOLOGIA: por sorteo' %s/log", dir, dir);
    cr_expect_eq(system(cmd), 0, "both groups were recomputed");

    /* a copy with two positions swapped, or a score raised, fails */
    alterar(dir, "a, b = d['items'][3], d['items'][4]; a['n_adjudicacion'], b['n_adjudicacion'] = 2, 1");
    cr_expect_neq(verificar(dir), 0, "a swapped position passed");
    alterar(dir, "a, b = d['items'][3], d['items'][4]; a['n_adjudicacion'], b['n_adjudicacion'] = 1, 2; "
                 "d['items'][8]['puntaje_final'] = '19.000000'");
    cr_expect_neq(verificar(dir), 0, "a raised score passed");

    /* the CSV of the same version */
    r = it_get(url("/v1/convocatorias/%s/publicaciones/ORDEN_MERITO/versiones/1.csv", conv), NULL);
    cr_assert_eq(r->status, 200);
    cr_expect(r->len > 40 && !memcmp(r->body, "\xEF\xBB\xBF" "modalidad;profesion;n_adjudicacion;n;desempate;", 49),
              "CSV header");
    it_free(r);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    free(post);
    free(conv);
    free(adm);
}

Test(orden_merito, the_preview_is_the_list_as_it_would_be_published)
{
    char *adm = it_admin();
    char *conv = it_conv_desempate(0);
    it_resp *r = it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", conv), adm, P_MEDICINA);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    long long m[3];
    it_aptos(conv, "MEDICINA", "REMUNERADA", 3, m);
    r = it_get(url("/v1/convocatorias/%s/orden-merito?modalidad=REMUNERADA&profesion=MEDICINA", conv), adm);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "tipo"), "ORDEN_MERITO");
    cr_expect_eq(it_int(r, "version"), 0);
    cr_expect_eq(it_int(r, "items.0.inscripcion_id"), m[2]);
    cr_expect_eq(it_int(r, "items.0.n_adjudicacion"), 1);
    cr_expect(es_null(r, "items.0.desempate"), "nobody shares its score");
    it_free(r);
    char *post = it_new_postulante(NULL);
    r = it_get(url("/v1/convocatorias/%s/orden-merito?modalidad=REMUNERADA&profesion=MEDICINA", conv), post);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_get(url("/v1/convocatorias/%s/orden-merito?modalidad=X&profesion=MEDICINA", conv), adm);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get(url("/v1/convocatorias/%s/orden-merito?modalidad=REMUNERADA&profesion=ENFERMERIA", conv), adm);
    it_expect_problem(r, 404, "POLITICA_NO_ENCONTRADA");
    it_free(r);
    sin_publicar(conv);                             /* a preview stores nothing */
    free(post);
    free(conv);
    free(adm);
}
