/* test_revision.c - the reviewers' list and the review through nginx:
 * DIRESA scope, filters, counts, cursor pages, CSV; APTO / OBSERVADO /
 * NO_APTO with their rules; the version race (409), the version required
 * after the first review (428), phases (409), roles (403), other DIRESA and
 * unknown ids (404), what the owner and the reviewer see afterwards, and
 * that every review is recorded with its hashes and audited. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_revision.h"
#include <stdlib.h>
#include <string.h>

TestSuite(revision, .timeout = 180);

#define OBSERVADO_PPP                                                                                    \
    "{\"resultado\":\"OBSERVADO\",\"observacion\":\"El PDF del PPP es ilegible; súbalo de nuevo.\","     \
    "\"requisitos\":[{\"requisito\":\"NOTA_PPP\",\"estado\":\"OBSERVADO\",\"comentario\":\"ilegible\"}," \
    "{\"requisito\":\"COLEGIATURA\",\"estado\":\"CONFORME\"}]}"

static char *db1(const char *sql, const char *p) { return it_db_value(sql, p); }

Test(revision, list_is_scoped_filtered_counted_and_paged_in_one_query)
{
    char *conv = it_conv_revision(true);
    char *ids[3];
    for (int i = 0; i < 3; i++) ids[i] = it_inscripcion_finalizada(conv, NULL);
    char *borrador = it_inscripcion_nueva(conv, NULL, NULL);
    it_fase_vigente(conv, "REVISION");
    it_resp *rv = it_revisar(ids[0], it_token_cusco(), "{\"resultado\":\"APTO\"}", 201);
    it_free(rv);

    it_resp *r = it_get(itp("/v1/convocatorias/%s/inscripciones?limit=2", conv), it_token_cusco());
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "total"), 3);                 /* the draft is never listed */
    cr_expect_eq(it_int(r, "resumen.APTO"), 1);
    cr_expect_eq(it_int(r, "resumen.INSCRITO"), 2);
    cr_expect_eq(it_path(r, "items")->n, 2);
    cr_expect_str_eq(it_str(r, "items.0.id"), ids[0]);
    cr_expect_str_eq(it_str(r, "items.0.estado"), "APTO");
    cr_expect_str_eq(it_str(r, "items.0.diresa"), "CUSCO");
    cr_expect_str_eq(it_str(r, "items.0.postulante.tipo_documento"), "DNI");
    char *cursor = strdup(it_str(r, "next_cursor"));
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?limit=2&cursor=%s", conv, cursor), it_token_cusco());
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_path(r, "items")->n, 1);
    cr_expect_str_eq(it_str(r, "items.0.id"), ids[2]);
    cr_expect_eq(it_path(r, "next_cursor")->t, JV_NULL);
    it_free(r);

    r = it_get(itp("/v1/convocatorias/%s/inscripciones?estado=INSCRITO&modalidad=REMUNERADA&profesion=OBSTETRICIA",
                   conv), it_token_admin());
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 2);
    cr_expect_eq(it_int(r, "resumen.APTO"), 1);          /* counts ignore the estado filter */
    it_free(r);

    /* another DIRESA sees nothing of Cusco's, even when it asks for it */
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?diresa=CUSCO", conv), it_token_amazonas());
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);

    /* q: the document number */
    char *dni = db1("select u.numero_documento from inscripciones i join usuarios u on u.id = i.usuario_id "
                    "where i.id = $1::bigint", ids[1]);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?q=%s", conv, dni), it_token_cusco());
    cr_expect_eq(it_int(r, "total"), 1);
    cr_expect_str_eq(it_str(r, "items.0.id"), ids[1]);
    it_free(r);
    free(dni);
    free(cursor);
    free(borrador);
    for (int i = 0; i < 3; i++) free(ids[i]);
    free(conv);
}

Test(revision, list_csv_bad_filters_roles_and_unknown_convocatoria)
{
    char *conv = it_conv_revision(true);
    char *id = it_inscripcion_finalizada(conv, NULL);
    it_resp *r = it_get(itp("/v1/convocatorias/%s/inscripciones?formato=csv", conv), it_token_cusco());
    cr_assert_eq(r->status, 200);
    cr_expect(strstr(r->content_type, "text/csv") != NULL);
    cr_expect_eq(memcmp(r->body, "\xEF\xBB\xBFid;estado;tipo_documento;", 28), 0);
    cr_expect(strstr(r->body, itp("\r\n%s;INSCRITO;DNI;", id)) != NULL, "%s", r->body);
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?estado=QUIZAS", conv), it_token_cusco());
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?cursor=abc", conv), it_token_cusco());
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get("/v1/convocatorias/999999999/inscripciones", it_token_admin());
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    char *postulante;
    free(it_inscripcion_nueva(conv, &postulante, NULL));
    r = it_get(itp("/v1/convocatorias/%s/inscripciones", conv), postulante);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones", conv), NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    free(postulante);
    free(id);
    free(conv);
}

Test(revision, the_three_results_are_recorded_with_hashes_and_audited)
{
    char *conv = it_conv_revision(true);
    char *a = it_inscripcion_finalizada(conv, NULL), *o = it_inscripcion_finalizada(conv, NULL),
         *n = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_resp *r = it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":"
                                                 "\"COLEGIATURA\",\"estado\":\"CONFORME\"}]}", 201);
    cr_expect_str_eq(it_str(r, "estado"), "APTO");
    cr_expect_str_eq(it_header(r, "etag"), itp("\"%s\"", it_str(r, "version")));
    it_free(r);
    r = it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201);
    cr_expect_str_eq(it_str(r, "estado"), "OBSERVADO");
    it_free(r);
    r = it_revisar(n, it_token_admin(), "{\"resultado\":\"NO_APTO\",\"observacion\":\"Título no registrado.\"}", 201);
    cr_expect_str_eq(it_str(r, "estado"), "NO_APTO");
    it_free(r);

    char *estado = db1("select estado from inscripciones where id = $1::bigint", o);
    cr_expect_str_eq(estado, "OBSERVADO");
    char *hashes = db1("select (r.sha256_datos = i.sha256_datos)::text || ':' || jsonb_array_length(r.documentos) || ':' "
                       "|| (r.documentos -> 0 ->> 'sha256' = (select sha256 from inscripcion_documentos d where "
                       "d.inscripcion_id = i.id and d.tipo = r.documentos -> 0 ->> 'tipo'))::text "
                       "from revisiones r join inscripciones i on i.id = r.inscripcion_id where i.id = $1::bigint", o);
    cr_expect_str_eq(hashes, "true:2:true");
    char *audit = db1("select count(*) from audit_log where action = 'inscripcion.revisar' and entity_id = $1", o);
    cr_expect_str_eq(audit, "1");

    r = it_get(itp("/v1/inscripciones/%s/revisiones", o), it_token_cusco());
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "revisiones.0.revisor.email"), "diresa.cusco@serums.test");
    cr_expect_str_eq(it_str(r, "subsanables.secciones.0"), "datos_profesionales");
    cr_expect_str_eq(it_str(r, "subsanables.documentos.0"), "PPP");
    cr_expect_str_eq(it_header(r, "etag"), itp("\"%s\"", it_str(r, "version")));
    it_free(r);
    free(estado);
    free(hashes);
    free(audit);
    free(a);
    free(o);
    free(n);
    free(conv);
}

Test(revision, owner_sees_result_and_observacion_without_reviewer)
{
    char *conv = it_conv_revision(true);
    char *token;
    char *o = it_inscripcion_finalizada(conv, &token);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201));
    it_resp *r = it_get(itp("/v1/inscripciones/%s/revisiones", o), token);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "revisiones.0.resultado"), "OBSERVADO");
    cr_expect_str_eq(it_str(r, "revisiones.0.requisitos_observados.0"), "NOTA_PPP");
    cr_expect_null(it_path(r, "revisiones.0.revisor"));
    cr_expect_null(it_path(r, "revisiones.0.documentos"));
    cr_expect(strstr(r->body, "diresa.cusco") == NULL);
    it_free(r);
    free(token);
    free(o);
    free(conv);
}

Test(revision, rules_refuse_with_422_and_change_nothing)
{
    char *conv = it_conv_revision(true);
    char *id = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_resp *r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"OBSERVADO\",\"observacion\":\"Falta algo\"}", 422);
    cr_expect(it_has_field_error(r, "requisitos"));
    it_free(r);
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"NO_APTO\"}", 422);
    cr_expect(it_has_field_error(r, "observacion"));
    it_free(r);
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":\"FFAA\","
                                         "\"estado\":\"OBSERVADO\"}]}", 422);
    it_free(r);
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\",\"extra\":1}", 422);
    cr_expect(it_has_field_error(r, "extra"));
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/revisiones", id), it_token_cusco(), "{\"resultado\":");
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    char *n = db1("select count(r.id)::text || estado from revisiones r right join inscripciones i on i.id = "
                  "r.inscripcion_id where i.id = $1::bigint group by estado", id);
    cr_expect_str_eq(n, "0INSCRITO");
    free(n);
    free(id);
    free(conv);
}

Test(revision, observado_refused_when_the_cronograma_has_no_subsanacion)
{
    char *conv = it_conv_revision(false);
    char *id = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_resp *r = it_revisar(id, it_token_cusco(), OBSERVADO_PPP, 422);
    cr_expect(it_has_field_error(r, "resultado"));
    cr_expect(strstr(r->body, "SIN_SUBSANACION") != NULL);
    it_free(r);
    it_free(it_revisar(id, it_token_cusco(), "{\"resultado\":\"NO_APTO\",\"observacion\":\"No cumple.\"}", 201));
    free(id);
    free(conv);
}

Test(revision, stale_version_is_409_and_a_second_review_needs_the_version)
{
    char *conv = it_conv_revision(true);
    char *id = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_resp *g = it_get(itp("/v1/inscripciones/%s", id), it_token_cusco());
    cr_assert_eq(g->status, 200);
    char *etag = strdup(it_header(g, "etag"));
    cr_expect_str_eq(etag, itp("\"%s\"", it_str(g, "version")));   /* GET answers ETag and version */
    it_free(g);
    /* two reviewers read the same version; the first wins */
    char if_match[64], auth[1024];
    snprintf(if_match, sizeof if_match, "If-Match: %s", etag);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", it_token_cusco());
    const char *hh[] = {if_match, auth, NULL};
    const char *body = "{\"resultado\":\"APTO\"}";
    it_resp *r = it_request("POST", itp("/v1/inscripciones/%s/revisiones", id), "application/json", body, strlen(body), hh);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    const char *obs = "{\"resultado\":\"NO_APTO\",\"observacion\":\"Otra opinión.\"}";
    r = it_request("POST", itp("/v1/inscripciones/%s/revisiones", id), "application/json", obs, strlen(obs), hh);
    it_expect_problem(r, 409, "VERSION_DESACTUALIZADA");
    it_free(r);
    r = it_revisar(id, it_token_cusco(), obs, 428);
    it_expect_problem(r, 428, "VERSION_REQUERIDA");
    it_free(r);
    char *estado = db1("select estado || (select count(*) from revisiones where inscripcion_id = $1::bigint) "
                       "from inscripciones where id = $1::bigint", id);
    cr_expect_str_eq(estado, "APTO1");
    /* with the current version in the body, the correction is accepted */
    char *version = db1("select version from inscripciones where id = $1::bigint", id);
    r = it_revisar(id, it_token_cusco(),
                   itp("{\"resultado\":\"NO_APTO\",\"observacion\":\"Corrijo: no cumple.\",\"version\":%s}", version),
                   201);
    it_free(r);
    free(version);
    free(estado);
    free(etag);
    free(id);
    free(conv);
}

Test(revision, access_and_phase)
{
    char *conv = it_conv_revision(true);
    char *token, *otro;
    char *id = it_inscripcion_finalizada(conv, &token);
    char *borrador = it_inscripcion_nueva(conv, NULL, NULL);
    free(it_inscripcion_nueva(conv, &otro, NULL));
    /* still INSCRIPCION: no review yet */
    it_resp *r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\"}", 409);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    it_fase_vigente(conv, "REVISION");
    r = it_revisar(id, it_token_amazonas(), "{\"resultado\":\"APTO\"}", 404);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_revisar(id, token, "{\"resultado\":\"APTO\"}", 403);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_revisar("999999999", it_token_admin(), "{\"resultado\":\"APTO\"}", 404);
    it_free(r);
    r = it_revisar("abc", it_token_admin(), "{\"resultado\":\"APTO\"}", 404);
    it_free(r);
    /* a draft is not reviewable: 404 for the DIRESA, 409 for admin */
    it_free(it_revisar(borrador, it_token_cusco(), "{\"resultado\":\"APTO\"}", 404));
    r = it_revisar(borrador, it_token_admin(), "{\"resultado\":\"APTO\"}", 409);
    it_expect_problem(r, 409, "INSCRIPCION_NO_FINALIZADA");
    it_free(r);
    /* the Comité evaluates casos especiales only, admin only */
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\",\"instancia\":\"COMITE_1\"}", 403);
    it_free(r);
    r = it_revisar(id, it_token_admin(), "{\"resultado\":\"APTO\",\"instancia\":\"COMITE_1\"}", 409);
    it_expect_problem(r, 409, "ESTADO_NO_REVISABLE");
    it_free(r);
    /* past REVISION */
    it_fase_vigente(conv, "PUBLICACION_APTOS");
    r = it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\"}", 409);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    /* another user's history is 404 */
    r = it_get(itp("/v1/inscripciones/%s/revisiones", id), otro);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    free(otro);
    free(borrador);
    free(token);
    free(id);
    free(conv);
}

/* A caso especial (remunerado, >= 5 plazas for profession, institution and
 * DIRESA): reviewed by the national team, shown as CASO_ESPECIAL in the
 * list, then evaluated twice by the Comité Médico; the second decides. */
Test(revision, casos_especiales_national_team_and_comite)
{
    char *conv = it_conv_revision(true);
    it_plazas_remuneradas(conv, "OBSTETRICIA", "MINSA", "CUSCO", 5);
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion",
               "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":false,"
               "\"docente\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"regimen_pensionario\":\"AFP\","
               "\"comprobante_numero\":\"B001-004512\",\"comprobante_fecha\":\"2026-01-10\",\"caso_especial\":true,"
               "\"institucion\":\"MINSA\"}", 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 4096, 201);
    it_documento(id, token, "COMPROBANTE", 3000, 201);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    it_fase_vigente(conv, "REVISION");

    /* the national team's, not Cusco's */
    r = it_get(itp("/v1/convocatorias/%s/inscripciones", conv), it_token_cusco());
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    it_free(it_revisar(id, it_token_cusco(), "{\"resultado\":\"APTO\"}", 404));
    it_free(it_revisar(id, it_token_admin(), "{\"resultado\":\"APTO\"}", 201));
    r = it_revisar(id, it_token_admin(), "{\"resultado\":\"APTO\",\"instancia\":\"COMITE_1\"}", 409);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);

    /* the list marks it, without saying why */
    it_fase_vigente(conv, "PUBLICACION_APTOS");
    r = it_post(itp("/v1/convocatorias/%s/publicaciones", conv), it_token_admin(), "{\"tipo\":\"APTOS_PRELIMINAR\"}");
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/publicaciones/APTOS_PRELIMINAR.json", conv), NULL);
    cr_expect_str_eq(it_str(r, "items.0.observacion_publica"), "CASO_ESPECIAL");
    it_free(r);

    it_fase_vigente(conv, "CASOS_ESPECIALES");
    char *v = it_db_value("select version from inscripciones where id = $1::bigint", id);
    r = it_revisar(id, it_token_admin(), itp("{\"resultado\":\"NO_APTO\",\"instancia\":\"COMITE_2\",\"observacion\":"
                                             "\"No corresponde.\",\"version\":%s}", v), 409);
    it_expect_problem(r, 409, "ESTADO_NO_REVISABLE");                 /* COMITE_2 needs COMITE_1 */
    it_free(r);
    r = it_revisar(id, it_token_admin(), itp("{\"resultado\":\"NO_APTO\",\"instancia\":\"COMITE_1\","
                                             "\"observacion\":\"Primera evaluación: no califica.\",\"version\":%s}", v),
                   201);
    cr_expect_str_eq(it_str(r, "estado"), "APTO");                     /* the first one only records */
    char *v2 = strdup(it_str(r, "version"));
    it_free(r);
    r = it_revisar(id, it_token_admin(), itp("{\"resultado\":\"NO_APTO\",\"instancia\":\"COMITE_2\",\"observacion\":"
                                             "\"Segunda evaluación: no califica.\",\"version\":%s}", v2), 201);
    cr_expect_str_eq(it_str(r, "estado"), "NO_APTO");
    it_free(r);
    char *inst = it_db_value("select string_agg(instancia, ',' order by id) from revisiones where inscripcion_id = "
                             "$1::bigint", id);
    cr_expect_str_eq(inst, "REVISION,COMITE_1,COMITE_2");
    free(inst);
    free(v);
    free(v2);
    free(token);
    free(id);
    free(conv);
}
