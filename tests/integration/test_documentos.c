/* test_documentos.c - PDFs through nginx: the exact 1 MiB boundary (nginx's
 * 413 one byte above), fake and broken PDFs (415), the content type, the
 * SHA-256 and the bytes read back, replace, delete, types, reviewers' reads,
 * and which documents the answers require. */
#include "it_inscripcion_datos.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static char *conv, *id, *token;
static void setup(void)
{
    conv = it_convocatoria_abierta();
    id = it_inscripcion_nueva(conv, &token, NULL);
}
static void teardown(void)
{
    free(conv), free(id), free(token);
}
TestSuite(documentos, .init = setup, .fini = teardown, .timeout = 120);

static const char *doc_path(const char *tipo) { return itp("/v1/inscripciones/%s/documentos/%s", id, tipo); }

static void sha_hex(const void *p, size_t n, char out[65])
{
    unsigned char h[32];
    crypto_hash_sha256(h, p, n);
    sodium_bin2hex(out, 65, h, 32);
}

static char *count_docs(void)
{
    return it_db_value("select count(*) from inscripcion_documentos where inscripcion_id = $1::bigint", id);
}

Test(documentos, exactly_one_mebibyte_is_stored_and_read_back_byte_for_byte)
{
    size_t n = 1048576;
    unsigned char *pdf = it_pdf_make(n, 42);
    cr_assert(pdf);
    it_resp *r = it_put_bytes(doc_path("PPP"), token, "application/pdf", pdf, n);
    cr_assert_eq(r->status, 201, "%s", r->body);
    char want[65];
    sha_hex(pdf, n, want);
    cr_expect_str_eq(it_str(r, "sha256"), want);
    cr_expect_eq(it_int(r, "tamano"), 1048576);
    cr_expect_str_eq(it_str(r, "tipo"), "PPP");
    it_free(r);

    r = it_get(doc_path("PPP"), token);
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(r->content_type, "application/pdf");
    cr_expect_eq(r->len, n);
    cr_expect(r->len == n && memcmp(r->body, pdf, n) == 0, "same bytes");
    const char *cd = it_header(r, "Content-Disposition");
    cr_expect(cd && strstr(cd, "attachment") && strstr(cd, ".pdf"), "Content-Disposition: %s", cd ? cd : "(none)");
    it_free(r);

    r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_str_eq(it_str(r, "documentos.0.sha256"), want);
    cr_expect_eq(it_int(r, "documentos.0.tamano"), 1048576);
    cr_expect_not_null(it_str(r, "documentos.0.subido_at"));
    it_free(r);
    free(pdf);
}

Test(documentos, one_byte_over_is_a_problem_413_and_stores_nothing)
{
    size_t n = 1048577;
    unsigned char *pdf = it_pdf_make(n, 43);
    it_resp *r = it_put_bytes(doc_path("PPP"), token, "application/pdf", pdf, n);
    it_expect_problem(r, 413, "CUERPO_DEMASIADO_GRANDE");
    it_free(r);
    free(pdf);
    char *c = count_docs();
    cr_expect_str_eq(c, "0");
    free(c);
}

Test(documentos, replacing_answers_200_with_the_new_hash)
{
    it_documento(id, token, "COMPROBANTE", 5000, 201);
    unsigned char *pdf = it_pdf_make(7000, 77);
    it_resp *r = it_put_bytes(doc_path("COMPROBANTE"), token, "application/pdf", pdf, 7000);
    cr_expect_eq(r->status, 200, "%s", r->body);
    char want[65];
    sha_hex(pdf, 7000, want);
    cr_expect_str_eq(it_str(r, "sha256"), want);
    it_free(r);
    free(pdf);
    char *c = count_docs();
    cr_expect_str_eq(c, "1");
    free(c);
    char *a = it_db_value("select count(*) from audit_log where entity_id = $1 and action = 'inscripcion.documento_subir'", id);
    cr_expect_str_eq(a, "2");
    free(a);
}

Test(documentos, fake_and_broken_pdfs_are_415)
{
    unsigned char *good = it_pdf_make(3000, 5);
    struct { const char *name; const char *body; size_t len; } fakes[] = {
        {"text", "hola, soy un PDF de verdad", 26},
        {"magic only", "%PDF-1.4\nnada\n%%EOF\n", 20},
        {"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01", 13},
        {"truncated", (const char *)good, 2000},
        {"html", "<html><body>%PDF-1.4</body></html>", 34},
        {"empty", "", 0},
    };
    for (size_t i = 0; i < sizeof fakes / sizeof fakes[0]; i++) {
        it_resp *r = it_put_bytes(doc_path("PPP"), token, "application/pdf", fakes[i].body, fakes[i].len);
        cr_expect_eq(r->status, 415, "%s: %ld %s", fakes[i].name, r->status, r->body ? r->body : "");
        cr_expect_str_eq(it_str(r, "code"), "PDF_INVALIDO", "%s", fakes[i].name);
        it_free(r);
    }
    /* a broken cross-reference offset */
    char *broken = malloc(3000);
    memcpy(broken, good, 3000);
    char *sx = memmem(broken, 3000, "startxref\n", 10);
    cr_assert(sx);
    sx[10] = sx[10] == '9' ? '1' : '9';
    it_resp *r = it_put_bytes(doc_path("PPP"), token, "application/pdf", broken, 3000);
    it_expect_problem(r, 415, "PDF_INVALIDO");
    it_free(r);
    free(broken);
    free(good);
    char *c = count_docs();
    cr_expect_str_eq(c, "0");
    free(c);
}

Test(documentos, wrong_content_type_is_415)
{
    unsigned char *pdf = it_pdf_make(2000, 6);
    it_resp *r = it_put_bytes(doc_path("PPP"), token, "application/octet-stream", pdf, 2000);
    it_expect_problem(r, 415, "TIPO_NO_SOPORTADO");
    it_free(r);
    r = it_put_bytes(doc_path("PPP"), token, "application/json", pdf, 2000);
    it_expect_problem(r, 415, "TIPO_NO_SOPORTADO");
    it_free(r);
    free(pdf);
}

Test(documentos, unknown_types_are_404)
{
    unsigned char *pdf = it_pdf_make(2000, 7);
    it_resp *r = it_put_bytes(doc_path("DNI"), token, "application/pdf", pdf, 2000);
    it_expect_problem(r, 404, "TIPO_DOCUMENTO_DESCONOCIDO");
    it_free(r);
    r = it_get(doc_path("ppp"), token);
    it_expect_problem(r, 404, "TIPO_DOCUMENTO_DESCONOCIDO");
    it_free(r);
    free(pdf);
}

Test(documentos, delete_then_gone)
{
    it_documento(id, token, "FFAA", 2500, 201);
    it_resp *r = it_delete(doc_path("FFAA"), token);
    cr_expect_eq(r->status, 204);
    it_free(r);
    r = it_delete(doc_path("FFAA"), token);
    it_expect_problem(r, 404, "DOCUMENTO_NO_ENCONTRADO");
    it_free(r);
    r = it_get(doc_path("FFAA"), token);
    it_expect_problem(r, 404, "DOCUMENTO_NO_ENCONTRADO");
    it_free(r);
    char *a = it_db_value("select count(*) from audit_log where entity_id = $1 and action = 'inscripcion.documento_borrar'", id);
    cr_expect_str_eq(a, "1");
    free(a);
}

Test(documentos, reviewers_read_in_scope_once_finalized_but_never_upload)
{
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion", IT_POST_CUSCO, 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 4096, 201);
    it_documento(id, token, "COMPROBANTE", 2500, 201);
    char *cusco = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    char *amazonas = it_login("diresa.amazonas@serums.test", IT_DEV_PASSWORD);
    it_resp *r = it_get(doc_path("COMPROBANTE"), cusco);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");   /* issue 9, probe 12: not while a draft */
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = it_get(doc_path("COMPROBANTE"), cusco);
    cr_expect_eq(r->status, 200);
    cr_expect_eq(r->len, 2500);
    it_free(r);
    r = it_get(doc_path("COMPROBANTE"), amazonas);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    unsigned char *pdf = it_pdf_make(2000, 8);
    r = it_put_bytes(doc_path("COMPROBANTE"), cusco, "application/pdf", pdf, 2000);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_delete(doc_path("COMPROBANTE"), cusco);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(pdf), free(cusco), free(amazonas);
}

static bool requiere(it_resp *r, const char *tipo)
{
    const jv *a = it_path(r, "documentos_requeridos");
    for (size_t i = 0; a && i < a->n; i++)
        if (!strcmp(a->items[i]->s, tipo)) return true;
    return false;
}

Test(documentos, required_documents_follow_the_answers)
{
    it_resp *r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_eq(it_path(r, "documentos_requeridos")->n, 0, "nothing answered, nothing required");
    it_free(r);
    /* FFAA and DISCAPACIDAD when declared */
    it_seccion(id, token, "datos-personales",
               "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. Áncash 455\","
               "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
               "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":true,\"discapacidad\":true}",
               200);
    /* PPP and ENAM by profession (Medicina with ENAM) */
    it_seccion(id, token, "datos-profesionales",
               "{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Peruana Cayetano Heredia\","
               "\"profesion\":\"MEDICINA\",\"numero_colegiatura\":\"98765\",\"fecha_titulacion\":\"2025-11-30\","
               "\"nota_ppp\":14.8,\"nota_enam\":13.5}",
               200);
    /* RENUNCIA for state workers, COMPROBANTE when not waived */
    it_seccion(id, token, "datos-postulacion",
               "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":true,\"docente\":true,"
               "\"tipo_planilla\":\"NOMBRADO\",\"entidad\":\"Gobierno Regional de Puno\","
               "\"institucion_laboral\":\"Hospital Carlos Monge Medrano\",\"modalidad\":\"EQUIVALENTE\","
               "\"regimen_pensionario\":\"ONP\",\"comprobante_numero\":\"00451239\",\"comprobante_fecha\":\"2026-01-05\"}",
               200);
    r = it_get(itp("/v1/inscripciones/%s", id), token);
    const char *all[] = {"PPP", "ENAM", "FFAA", "DISCAPACIDAD", "RENUNCIA", "COMPROBANTE"};
    for (size_t i = 0; i < 6; i++) cr_expect(requiere(r, all[i]), "%s required", all[i]);
    cr_expect_str_eq(it_str(r, "datos_profesionales.nota_adjudicacion"), "ENAM");
    it_free(r);
    /* a sorteo profession, no disability, a DIRESA that waives the receipt: nothing */
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales",
               "{\"pais_universidad\":\"AR\",\"universidad\":\"Universidad de Buenos Aires\",\"profesion\":\"PSICOLOGIA\","
               "\"numero_colegiatura\":\"4455\",\"fecha_titulacion\":\"2024-03-01\",\"institucion_revalida\":\"SUNEDU\"}",
               200);
    it_seccion(id, token, "datos-postulacion",
               "{\"convalida_servicer\":true,\"pensionista_estado\":false,\"trabajador_estado\":false,\"docente\":false,"
               "\"diresa\":\"LIMA_ESTE\",\"modalidad\":\"REMUNERADA\",\"regimen_pensionario\":\"NINGUNO\"}",
               200);
    it_documento(id, token, "FFAA", 900, 201);
    r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_eq(it_path(r, "documentos_requeridos")->n, 0, "%s", r->body);
    cr_expect_str_eq(it_str(r, "documentos.0.requerido"), "false", "an extra upload is kept but not required");
    it_free(r);
}
