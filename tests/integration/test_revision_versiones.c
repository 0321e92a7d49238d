/* test_revision_versiones.c - through nginx: the reviewers' list served
 * from the worker's page cache yet never stale after a change it shows
 * (finalize, review, validation load, correction: revision_versiones bumped in the
 * writer's transaction); the row version in inscripcion_vista (GET's ETag);
 * the admin's audited correction of APTO / NO_APTO after PUBLICACION_FINAL
 * begins (422 without a reason, 403 for a DIRESA or postulante, 409 before
 * the phase or from another estado, 404 unknown); earlier snapshots and the
 * constancia of the version in force after a subsanación. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_revision.h"
#include <stdlib.h>
#include <string.h>

TestSuite(revision_versiones, .timeout = 240);

#define OBSERVADO_PPP                                                                                    \
    "{\"resultado\":\"OBSERVADO\",\"observacion\":\"El PDF del PPP es ilegible; súbalo de nuevo.\","     \
    "\"requisitos\":[{\"requisito\":\"NOTA_PPP\",\"estado\":\"OBSERVADO\",\"comentario\":\"ilegible\"}]}"
#define MOTIVO "\"motivo\":\"Resolución de la comisión N° 12: el título fue registrado por SUNEDU.\""

static char *version_lista(const char *conv)
{
    return it_db_value("select coalesce((select version from revision_versiones where convocatoria_id = $1::bigint), "
                       "0)::text", conv);
}

static it_resp *lista(const char *conv)
{
    it_resp *r = it_get(itp("/v1/convocatorias/%s/inscripciones?limit=50", conv), it_token_cusco());
    cr_assert_eq(r->status, 200, "%s", r->body);
    return r;
}

Test(revision_versiones, cached_list_pages_follow_every_change_they_show)
{
    char *conv = it_conv_revision(true);
    char *a = it_inscripcion_finalizada(conv, NULL);
    char *v0 = version_lista(conv);
    it_resp *r = lista(conv), *r2 = lista(conv);
    cr_expect_eq(it_int(r, "total"), 1);
    cr_expect_str_eq(r2->body, r->body); /* the same page, from the cache or not */
    it_free(r);
    it_free(r2);

    /* finalize: a new row in the page */
    char *b = it_inscripcion_finalizada(conv, NULL);
    char *v1 = version_lista(conv);
    cr_expect_gt(atoll(v1), atoll(v0));
    r = lista(conv);
    cr_expect_eq(it_int(r, "total"), 2);
    it_free(r);

    /* a review: the new estado in the page */
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\"}", 201));
    char *v2 = version_lista(conv);
    cr_expect_gt(atoll(v2), atoll(v1));
    r = lista(conv);
    cr_expect_str_eq(it_str(r, "items.0.estado"), "APTO");
    cr_expect_eq(it_int(r, "resumen.APTO"), 1);
    it_free(r);
    /* a validation load: its results in the page */
    char *dni = it_db_value("select u.numero_documento from inscripciones i join usuarios u on u.id = i.usuario_id "
                            "where i.id = $1::bigint",
                            b);
    char auth[1024], *csv = strdup(itp("tipo_documento,numero_documento,valor\nDNI,%s,99999\n", dni));
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", it_token_admin());
    const char *h[] = {auth, NULL};
    r = it_request("POST", itp("/v1/convocatorias/%s/validaciones?fuente=COLEGIATURA", conv), "text/csv", csv,
                   strlen(csv), h);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    char *v3 = version_lista(conv);
    cr_expect_gt(atoll(v3), atoll(v2));
    r = lista(conv);
    cr_expect_str_eq(it_str(r, "items.0.validaciones.COLEGIATURA"), "NO_ENCONTRADO"); /* a: not in the file */
    it_free(r);
    free(dni), free(csv), free(v3);
    /* a DIRESA and the admin have their own pages of the same URL */
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?limit=50", conv), it_token_amazonas());
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/inscripciones?limit=50", conv), it_token_admin());
    cr_expect_eq(it_int(r, "total"), 2);
    it_free(r);
    free(v0), free(v1), free(v2), free(a), free(b), free(conv);
}

Test(revision_versiones, get_answers_the_version_of_the_view)
{
    char *conv = it_conv_revision(true);
    char *token;
    char *a = it_inscripcion_finalizada(conv, &token);
    char *v = it_db_value("select version from inscripcion_vista where id = $1::bigint", a);
    it_resp *r = it_get(itp("/v1/inscripciones/%s", a), token);
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(it_header(r, "etag"), itp("\"%s\"", v));
    cr_expect_eq(it_int(r, "version"), atoll(v));
    it_free(r);
    free(v), free(a), free(token), free(conv);
}

Test(revision_versiones, admin_corrects_apto_after_the_final_publication_begins)
{
    char *conv = it_conv_revision(true);
    char *ta;
    char *a = it_inscripcion_finalizada(conv, &ta), *i = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\"}", 201));
    const char *cuerpo = "{\"resultado\":\"NO_APTO\"," MOTIVO "}";

    /* before PUBLICACION_FINAL a change is a review */
    it_resp *r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_admin(), cuerpo);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);

    it_fase_vigente(conv, "PUBLICACION_FINAL");
    char *v0 = version_lista(conv);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_admin(), "{\"resultado\":\"NO_APTO\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_admin(),
                "{\"resultado\":\"NO_APTO\",\"motivo\":\"corto\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_cusco(), cuerpo);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), ta, cuerpo);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post("/v1/inscripciones/999999999/correcciones", it_token_admin(), cuerpo);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", i), it_token_admin(), cuerpo); /* INSCRITO */
    it_expect_problem(r, 409, "ESTADO_NO_REVISABLE");
    it_free(r);
    char *nada = it_db_value("select estado || ':' || (select count(*) from correcciones where inscripcion_id = "
                             "$1::bigint) from inscripciones where id = $1::bigint", a);
    cr_expect_str_eq(nada, "APTO:0"); /* the refusals changed nothing */
    char *v1 = version_lista(conv);
    cr_expect_str_eq(v1, v0);

    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_admin(), cuerpo);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado_anterior"), "APTO");
    cr_expect_str_eq(it_str(r, "estado"), "NO_APTO");
    it_free(r);
    char *estado = it_db_value("select estado from inscripciones where id = $1::bigint", a);
    cr_expect_str_eq(estado, "NO_APTO");
    char *audit = it_db_value("select after ->> 'motivo' from audit_log where action = 'inscripcion.corregir' "
                              "and entity_id = $1",
                              a);
    cr_expect_str_eq(audit, "Resolución de la comisión N° 12: el título fue registrado por SUNEDU.");
    char *v2 = version_lista(conv);
    cr_expect_gt(atoll(v2), atoll(v1)); /* a new list version */
    r = lista(conv);
    cr_expect_eq(it_int(r, "resumen.NO_APTO"), 1);
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/correcciones", a), it_token_admin(), cuerpo); /* already NO_APTO */
    it_expect_problem(r, 409, "ESTADO_NO_REVISABLE");
    it_free(r);
    free(nada), free(estado), free(audit), free(v0), free(v1), free(v2), free(a), free(i), free(ta), free(conv);
}

Test(revision_versiones, earlier_snapshots_and_the_constancia_in_force)
{
    char *conv = it_conv_revision(true);
    char *to;
    char *o = it_inscripcion_finalizada(conv, &to);
    char *otro; /* a stranger, created while INSCRIPCION is open */
    free(it_inscripcion_nueva(conv, &otro, NULL));
    char *codigo1 = it_db_value("select codigo_verificacion from inscripciones where id = $1::bigint", o);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201));
    it_fase_vigente(conv, "SUBSANACION");
    it_documento(o, to, "PPP", 5000, 200);
    it_resp *s = it_post(itp("/v1/inscripciones/%s/subsanar", o), to, "{\"acepta_declaracion\":true}");
    cr_assert_eq(s->status, 200, "%s", s->body);
    char *codigo2 = strdup(it_str(s, "codigo_verificacion"));
    char *sha2 = strdup(it_str(s, "sha256_datos"));
    it_free(s);

    /* the constancia is the one of version 2 */
    it_resp *r = it_get(itp("/v1/inscripciones/%s/constancia", o), to);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(memcmp(r->body, "%PDF", 4), 0);
    cr_expect_str_eq(it_header(r, "content-disposition"), itp("attachment; filename=\"constancia-%s.pdf\"", codigo2));
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/versiones/1/constancia", o), it_token_cusco());
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(it_header(r, "content-disposition"), itp("attachment; filename=\"constancia-%s.pdf\"", codigo1));
    it_free(r);

    /* both snapshots, to the owner and the reviewer */
    r = it_get(itp("/v1/inscripciones/%s/versiones/1", o), to);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "version"), 1);
    cr_expect_str_eq(it_str(r, "codigo_verificacion"), codigo1);
    cr_expect(!it_path(r, "vigente")->b);
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/versiones/2", o), it_token_cusco());
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "sha256_datos"), sha2);
    cr_expect(it_path(r, "vigente")->b);
    it_free(r);

    /* unknown versions, other DIRESA, strangers */
    r = it_get(itp("/v1/inscripciones/%s/versiones/3", o), to);
    it_expect_problem(r, 404, "VERSION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/versiones/x", o), to);
    it_expect_problem(r, 404, "VERSION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/versiones/1", o), it_token_amazonas());
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/versiones/1/constancia", o), otro);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    free(otro), free(codigo1), free(codigo2), free(sha2), free(o), free(to), free(conv);
}
