/* test_convocatorias.c - create, read and list convocatorias; the cronograma
 * (valid windows, order, overlaps, merging, audit) and the phase in force
 * under the test clock; roles; the seeded 2026-I. */
#include "it.h"
#include "cronograma.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A convocatoria code no earlier run used: 2097-II-T<time><pid>. */
static const char *codigo_nuevo(arena *a)
{
    static int n;
    return arena_printf(a, "2097-II-T%ld%d%d", (long)time(NULL) % 100000, (int)getpid() % 1000, n++);
}

static it_resp *post_conv(const char *token, const char *codigo, const char *tipo)
{
    char body[256];
    snprintf(body, sizeof body, "{\"codigo\":\"%s\",\"anio\":2097,\"periodo\":\"II\",\"tipo\":\"%s\"}", codigo, tipo);
    return it_post("/v1/convocatorias", token, body);
}

static char *admin(void)
{
    char *t = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(t, "admin login");
    return t;
}

static it_resp *patch_cronograma(const char *token, long long id, const char *json)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/cronograma", id);
    return it_patch(path, token, json);
}

static it_resp *get_conv(long long id)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld", id);
    return it_get(path, NULL);
}

#define CRONOGRAMA_OK                                                                                   \
    "{\"fases\":["                                                                                      \
    "{\"fase\":\"REVISION\",\"inicia\":\"2026-02-16T00:00:00-05:00\",\"termina\":\"2026-02-23T00:00:00-05:00\"}," \
    "{\"fase\":\"INSCRIPCION\",\"inicia\":\"2026-02-02T09:00:00-05:00\",\"termina\":\"2026-02-16T00:00:00-05:00\"}," \
    "{\"fase\":\"ADJUDICACION_REMUNERADA\",\"inicia\":\"2026-03-10T08:00:00-05:00\",\"termina\":\"2026-03-12T18:00:00-05:00\"}]}"

Test(convocatorias, admin_creates_and_anyone_reads)
{
    char *tok = admin();
    arena a;
    arena_init(&a, 1024);
    const char *codigo = codigo_nuevo(&a);
    it_resp *r = post_conv(tok, codigo, "EXTRAORDINARIO");
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_header(r, "Location"), arena_printf(&r->a, "/v1/convocatorias/%s", it_str(r, "id")));
    long long id = it_int(r, "id");
    cr_expect_str_eq(it_str(r, "codigo"), codigo);
    cr_expect_str_eq(it_str(r, "tipo"), "EXTRAORDINARIO");
    cr_expect_eq(it_path(r, "fase_actual")->t, JV_NULL);
    it_free(r);
    r = get_conv(id);
    cr_expect_eq(r->status, 200);
    cr_expect_str_eq(it_str(r, "periodo"), "II");
    cr_expect_not_null(it_header(r, "ETag"));
    it_free(r);
    r = it_get("/v1/convocatorias?limit=500", NULL);
    cr_expect_eq(r->status, 200);
    const jv *items = it_path(r, "items");
    bool found = false;
    for (size_t i = 0; i < items->n; i++) found |= jv_get(items->items[i], "id")->s && atoll(jv_get(items->items[i], "id")->s) == id;
    cr_expect(found);
    cr_expect_eq(it_int(r, "total"), (long long)items->n);
    it_free(r);
    r = post_conv(tok, codigo, "ORDINARIO");
    it_expect_problem(r, 409, "CONVOCATORIA_DUPLICADA");
    it_free(r);
    arena_free(&a);
    free(tok);
}

Test(convocatorias, invalid_bodies_are_422_with_fields)
{
    char *tok = admin();
    it_resp *r = it_post("/v1/convocatorias", tok, "{\"codigo\":\"2026-II\",\"anio\":2026,\"periodo\":\"I\",\"tipo\":\"ORDINARIO\"}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "codigo"), "codigo must say 2026-I");
    it_free(r);
    r = it_post("/v1/convocatorias", tok, "{\"codigo\":\"2026-I\",\"anio\":1999,\"periodo\":\"III\",\"tipo\":\"X\",\"extra\":1}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "anio"));
    cr_expect(it_has_field_error(r, "periodo"));
    cr_expect(it_has_field_error(r, "tipo"));
    cr_expect(it_has_field_error(r, "extra"));
    it_free(r);
    r = it_post("/v1/convocatorias", tok, "{}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "codigo") && it_has_field_error(r, "tipo"));
    it_free(r);
    r = it_post("/v1/convocatorias", tok, "[1,2");
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    free(tok);
}

Test(convocatorias, only_admins_write)
{
    it_resp *r = it_post("/v1/convocatorias", NULL, "{}");
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    char *post = it_new_postulante(NULL);
    r = it_post("/v1/convocatorias", post, "{\"codigo\":\"2096-I\",\"anio\":2096,\"periodo\":\"I\",\"tipo\":\"ORDINARIO\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = patch_cronograma(post, 1, CRONOGRAMA_OK);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(post);
    char *diresa = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    r = patch_cronograma(diresa, 1, CRONOGRAMA_OK);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(diresa);
}

Test(convocatorias, cronograma_sets_windows_and_the_phase_follows_the_clock)
{
    char *tok = admin();
    long long id = it_convocatoria_nueva(tok);
    it_resp *r = patch_cronograma(tok, id, CRONOGRAMA_OK);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "cronograma.0.fase"), "INSCRIPCION", "in phase order");
    cr_expect_str_eq(it_str(r, "cronograma.0.inicia"), "2026-02-02T14:00:00Z", "stored as instants, shown in UTC");
    cr_expect_str_eq(it_str(r, "cronograma.2.fase"), "ADJUDICACION_REMUNERADA");
    it_free(r);

    it_set_now("2026-02-02T13:59:59Z");            /* 08:59:59 in Lima */
    r = get_conv(id);
    cr_expect_eq(it_path(r, "fase_actual")->t, JV_NULL);
    it_free(r);
    it_set_now("2026-02-02T09:00:00-05:00");
    r = get_conv(id);
    cr_expect_str_eq(it_str(r, "fase_actual"), "INSCRIPCION");
    cr_expect_str_eq(it_str(r, "cronograma.0.vigente"), "true");
    it_free(r);
    it_set_now("2026-02-16T05:00:00Z");            /* midnight in Lima: REVISION begins */
    r = get_conv(id);
    cr_expect_str_eq(it_str(r, "fase_actual"), "REVISION");
    cr_expect_str_eq(it_str(r, "cronograma.0.vigente"), "false");
    it_free(r);
    it_set_now(NULL);
    free(tok);
}

Test(convocatorias, reprogramming_merges_and_is_audited)
{
    char *tok = admin();
    long long id = it_convocatoria_nueva(tok);
    it_resp *r = patch_cronograma(tok, id, CRONOGRAMA_OK);
    cr_assert_eq(r->status, 200);
    it_free(r);
    /* 2026-I was reprogrammed: move only the inscription's end */
    r = patch_cronograma(tok, id, "{\"fases\":[{\"fase\":\"INSCRIPCION\",\"inicia\":\"2026-02-02T09:00:00-05:00\","
                                  "\"termina\":\"2026-02-14T00:00:00-05:00\"}]}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "cronograma")->n, 3, "the other phases stay");
    cr_expect_str_eq(it_str(r, "cronograma.0.termina"), "2026-02-14T05:00:00Z");
    it_free(r);
    char idtxt[24];
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    char *n = it_db_value("select count(*) from audit_log where entity = 'convocatoria' and entity_id = $1 "
                          "and action = 'convocatoria.cronograma' and actor is not null", idtxt);
    cr_expect_str_eq(n, "2");
    free(n);
    char *before = it_db_value("select before->0->>'termina' from audit_log where entity_id = $1 and "
                               "action = 'convocatoria.cronograma' order by id desc limit 1", idtxt);
    cr_expect_str_eq(before, "2026-02-16T05:00:00Z", "the audit keeps the previous window");
    free(before);
    free(tok);
}

Test(convocatorias, overlapping_or_unordered_windows_are_422_and_change_nothing)
{
    char *tok = admin();
    long long id = it_convocatoria_nueva(tok);
    it_resp *r = patch_cronograma(tok, id, CRONOGRAMA_OK);
    cr_assert_eq(r->status, 200);
    it_free(r);
    /* REVISION starting before INSCRIPCION ends */
    r = patch_cronograma(tok, id, "{\"fases\":[{\"fase\":\"REVISION\",\"inicia\":\"2026-02-15T00:00:00-05:00\","
                                  "\"termina\":\"2026-02-23T00:00:00-05:00\"}]}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "fases[0].inicia"), "%s", r->body);
    cr_expect(strstr(r->body, "FASES_SOLAPADAS"));
    it_free(r);
    /* SERVICIO before the adjudication */
    r = patch_cronograma(tok, id, "{\"fases\":[{\"fase\":\"SERVICIO\",\"inicia\":\"2026-03-01T00:00:00Z\","
                                  "\"termina\":\"2027-03-01T00:00:00Z\"}]}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "fases[0].inicia"));
    it_free(r);
    /* unknown phase, bad instants, inverted window, repeated phase, unknown field */
    r = patch_cronograma(tok, id,
                         "{\"fases\":[{\"fase\":\"VACACIONES\",\"inicia\":\"2026-01-01\",\"termina\":\"mañana\"},"
                         "{\"fase\":\"SUBSANACION\",\"inicia\":\"2026-03-05T00:00:00Z\",\"termina\":\"2026-03-01T00:00:00Z\",\"x\":1}]}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "fases[0].fase"));
    cr_expect(it_has_field_error(r, "fases[0].inicia"));
    cr_expect(it_has_field_error(r, "fases[0].termina"));
    cr_expect(it_has_field_error(r, "fases[1].x"));
    it_free(r);
    r = patch_cronograma(tok, id, "{\"fases\":[{\"fase\":\"SUBSANACION\",\"inicia\":\"2026-03-05T00:00:00Z\","
                                  "\"termina\":\"2026-03-01T00:00:00Z\"}]}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "fases[0].termina"));
    it_free(r);
    r = patch_cronograma(tok, id, "{\"fases\":[]}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = get_conv(id);
    cr_expect_eq(it_path(r, "cronograma")->n, 3);
    cr_expect_str_eq(it_str(r, "cronograma.1.inicia"), "2026-02-16T05:00:00Z", "unchanged");
    it_free(r);
    r = patch_cronograma(tok, 999999999, CRONOGRAMA_OK);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    free(tok);
}

Test(convocatorias, unknown_ids_are_404_and_lists_page)
{
    it_resp *r = it_get("/v1/convocatorias/999999999", NULL);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    r = it_get("/v1/convocatorias/abc", NULL);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    /* two more convocatorias, so that there is always a second page */
    char *tok = admin();
    arena a;
    arena_init(&a, 1024);
    for (int i = 0; i < 2; i++) {
        r = post_conv(tok, codigo_nuevo(&a), "ORDINARIO");
        cr_assert_eq(r->status, 201, "%s", r->body);
        it_free(r);
    }
    arena_free(&a);
    free(tok);
    r = it_get("/v1/convocatorias?limit=1", NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_path(r, "items")->n, 1);
    cr_assert_geq(it_int(r, "total"), 2);
    const jv *next = it_path(r, "next_cursor");
    cr_assert(next && next->t == JV_STRING);
    char path[128];
    snprintf(path, sizeof path, "/v1/convocatorias?limit=1&cursor=%s", next->s);
    it_resp *p2 = it_get(path, NULL);
    cr_expect_eq(p2->status, 200);
    cr_expect_eq(it_path(p2, "items")->n, 1);
    cr_expect_lt(it_int(p2, "items.0.id"), it_int(r, "items.0.id"));
    it_free(p2);
    it_free(r);
    r = it_get("/v1/convocatorias?cursor=xyz", NULL);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
}

Test(convocatorias, seeded_2026_I_has_inscription_open_now)
{
    char *id = it_db_value("select id from convocatorias where codigo = '2026-I'", NULL);
    cr_assert(id, "the seed creates 2026-I");
    it_resp *r = get_conv(atoll(id));
    cr_expect_eq(r->status, 200);
    cr_expect_str_eq(it_str(r, "fase_actual"), "INSCRIPCION");
    cr_expect_eq(it_path(r, "cronograma")->n, 11);
    const char *etag = it_header(r, "ETag");
    char inm[200];
    snprintf(inm, sizeof inm, "If-None-Match: %s", etag ? etag : "");
    const char *h[] = {inm, NULL};
    it_resp *again = it_request("GET", arena_printf(&r->a, "/v1/convocatorias/%s", id), NULL, NULL, 0, h);
    cr_expect_eq(again->status, 304);
    it_free(again);
    it_free(r);
    free(id);
}

Test(convocatorias, the_phases_table_matches_the_domain_list)
{
    char *sql = it_db_value("select string_agg(codigo, ',' order by orden) from fases", NULL);
    char want[512] = "";
    for (int i = 0; CRONOGRAMA_FASES[i]; i++) {
        if (i) strcat(want, ",");
        strcat(want, CRONOGRAMA_FASES[i]);
    }
    cr_expect_str_eq(sql, want);
    free(sql);
}
