/* test_vinculo.c - the vínculo laboral accreditation through nginx: only an
 * equivalente postulante claiming VINCULO_LABORAL, only in its window, only a
 * PDF, replacing keeps the earlier bytes, reviewers read it, others get 404. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_revision.h"
#include <stdlib.h>
#include <string.h>

TestSuite(vinculo, .timeout = 120);

#define POST_VINCULO                                                                                       \
    "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":false,\"docente\":false," \
    "\"diresa\":\"CUSCO\",\"modalidad\":\"EQUIVALENTE\",\"categoria\":\"VINCULO_LABORAL\","                   \
    "\"regimen_pensionario\":\"AFP\",\"comprobante_numero\":\"B001-004512\",\"comprobante_fecha\":\"2026-01-10\"}"

static it_resp *subir(const char *id, const char *token, size_t size)
{
    unsigned char *pdf = it_pdf_make(size, (unsigned)size);
    it_resp *r = it_put_bytes(itp("/v1/inscripciones/%s/vinculo-laboral", id), token, "application/pdf", pdf, size);
    free(pdf);
    return r;
}

Test(vinculo, accreditation_window_owner_and_readers)
{
    char *conv = it_conv_revision(true);
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion", POST_VINCULO, 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 4096, 201);
    it_documento(id, token, "COMPROBANTE", 3000, 201);
    it_resp *r = subir(id, token, 5000);
    it_expect_problem(r, 409, "INSCRIPCION_NO_FINALIZADA");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    char *otro_token;
    char *otro = it_inscripcion_finalizada(conv, &otro_token);     /* remunerado: nothing to accredit */

    it_fase_vigente(conv, "REVISION");
    r = subir(id, token, 5000);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    it_fase_vigente(conv, "SUBSANACION");
    r = subir(otro, otro_token, 5000);
    it_expect_problem(r, 409, "CONFLICTO");
    it_free(r);
    r = subir(id, otro_token, 5000);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_put_bytes(itp("/v1/inscripciones/%s/vinculo-laboral", id), token, "application/pdf", "no soy un pdf", 13);
    it_expect_problem(r, 415, "PDF_INVALIDO");
    it_free(r);
    r = subir(id, token, 5000);
    cr_assert_eq(r->status, 201, "%s", r->body);
    char *sha1 = strdup(it_str(r, "sha256"));
    it_free(r);
    r = subir(id, token, 7000);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    char *hist = it_db_value("select sha256 from inscripcion_documentos_historial where inscripcion_id = $1::bigint "
                             "and tipo = 'VINCULO_LABORAL'", id);
    cr_expect_str_eq(hist, sha1);

    /* reviewers read it; another DIRESA does not */
    r = it_get(itp("/v1/inscripciones/%s/vinculo-laboral", id), it_token_cusco());
    cr_assert_eq(r->status, 200);
    cr_expect_eq(r->len, 7000);
    cr_expect(strstr(r->content_type, "application/pdf") != NULL);
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/vinculo-laboral", id), it_token_amazonas());
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/vinculo-laboral", otro), otro_token);
    it_expect_problem(r, 404, "DOCUMENTO_NO_ENCONTRADO");
    it_free(r);
    r = subir(id, it_token_cusco(), 5000);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);

    it_fase_vigente(conv, "PUBLICACION_FINAL");
    r = subir(id, token, 5000);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    char *audit = it_db_value("select count(*) from audit_log where action = 'inscripcion.vinculo_laboral' and "
                              "entity_id = $1", id);
    cr_expect_str_eq(audit, "2");
    free(audit);
    free(hist);
    free(sha1);
    free(otro);
    free(otro_token);
    free(token);
    free(id);
    free(conv);
}
