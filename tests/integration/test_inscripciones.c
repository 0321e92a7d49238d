/* test_inscripciones.c - the wizard through nginx and the workers: drafts,
 * one per person, reading and listing, access (owner, DIRESA scope, admin,
 * anyone else 404), the phase, finalize (incomplete, complete, irreversible),
 * the constancia read back with pdftotext and its email. */
#include "it_inscripcion_datos.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *conv;
static void setup(void) { conv = it_convocatoria_abierta(); }
static void teardown(void)
{
    it_set_now(NULL);
    free(conv);
}
TestSuite(inscripciones, .init = setup, .fini = teardown, .timeout = 120);

/* Fills the four sections and uploads PPP and COMPROBANTE: complete. */
static void completar(const char *id, const char *token)
{
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion", IT_POST_CUSCO, 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 4096, 201);
    it_documento(id, token, "COMPROBANTE", 3000, 201);
}

static bool has_faltante(it_resp *r, const char *field, const char *code)
{
    const jv *f = it_path(r, "faltantes");
    for (size_t i = 0; f && i < f->n; i++) {
        const jv *fl = jv_get(f->items[i], "field"), *c = jv_get(f->items[i], "code");
        if (fl && c && !strcmp(fl->s, field) && !strcmp(c->s, code)) return true;
    }
    return false;
}

Test(inscripciones, draft_is_created_once_per_person_and_convocatoria)
{
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    it_resp *r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "BORRADOR");
    cr_expect_str_eq(it_str(r, "convocatoria.id"), conv);
    cr_expect_str_eq(it_str(r, "postulante.nombres"), "Ana Lucía");
    cr_expect_str_eq(it_str(r, "completa"), "false");
    cr_expect(has_faltante(r, "datos_personales", "SECCION_FALTANTE"));
    cr_expect(has_faltante(r, "declaracion_jurada", "SECCION_FALTANTE"));
    cr_expect_null(it_str(r, "finalizado_at"));
    it_free(r);

    r = it_post(itp("/v1/convocatorias/%s/inscripciones", conv), token, NULL);
    it_expect_problem(r, 409, "INSCRIPCION_EXISTENTE");
    it_free(r);
    char *n = it_db_value("select count(*) from inscripciones where convocatoria_id = $1::bigint", conv);
    cr_expect_str_eq(n, "1");
    free(n);
    free(id);
    free(token);
}

Test(inscripciones, create_answers_location_and_is_audited)
{
    char *token = it_new_postulante(NULL);
    it_resp *r = it_post(itp("/v1/convocatorias/%s/inscripciones", conv), token, NULL);
    cr_assert_eq(r->status, 201, "%s", r->body);
    const char *loc = it_header(r, "Location");
    cr_expect(loc && strstr(loc, "/v1/inscripciones/"), "Location %s", loc ? loc : "(none)");
    char *n = it_db_value("select count(*) from audit_log where action = 'inscripcion.crear' and entity_id = $1",
                          it_str(r, "id"));
    cr_expect_str_eq(n, "1");
    free(n);
    it_free(r);
    free(token);
}

Test(inscripciones, create_needs_a_postulante_an_open_phase_and_a_real_convocatoria)
{
    it_resp *r = it_post(itp("/v1/convocatorias/%s/inscripciones", conv), NULL, NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    r = it_post(itp("/v1/convocatorias/%s/inscripciones", conv), admin, NULL);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(admin);

    char *token = it_new_postulante(NULL);
    r = it_post("/v1/convocatorias/999999999/inscripciones", token, NULL);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    r = it_post("/v1/convocatorias/abc/inscripciones", token, NULL);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    free(token);
}

Test(inscripciones, create_outside_the_phase_is_409)
{
    char *cerrada = it_convocatoria_abierta();
    free(it_db_value("update convocatoria_fases set inicia = now() - interval '20 days', termina = now() - interval '10 days' "
                     "where convocatoria_id = $1::bigint and fase = 'INSCRIPCION' returning 1", cerrada));
    char *token = it_new_postulante(NULL);
    it_resp *r = it_post(itp("/v1/convocatorias/%s/inscripciones", cerrada), token, NULL);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    free(token);
    free(cerrada);
}

Test(inscripciones, list_is_own_paginated_newest_first)
{
    char *token, *email;
    char *a = it_inscripcion_nueva(conv, &token, &email);
    char *conv2 = it_convocatoria_abierta();
    it_resp *r = it_post(itp("/v1/convocatorias/%s/inscripciones", conv2), token, NULL);
    cr_assert_eq(r->status, 201);
    char *b = strdup(it_str(r, "id"));
    it_free(r);
    char *otro = it_inscripcion_nueva(conv, NULL, NULL);

    r = it_get("/v1/me/inscripciones?limit=1", token);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "total"), 2);
    cr_expect_str_eq(it_str(r, "items.0.id"), b);
    const char *cursor = it_str(r, "next_cursor");
    cr_assert_not_null(cursor);
    char *c = strdup(cursor);
    it_free(r);
    r = it_get(itp("/v1/me/inscripciones?limit=1&cursor=%s", c), token);
    cr_expect_str_eq(it_str(r, "items.0.id"), a);
    cr_expect_null(it_str(r, "next_cursor"));
    cr_expect_null(it_path(r, "items.1"));
    it_free(r);
    r = it_get("/v1/me/inscripciones?limit=0", token);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get("/v1/me/inscripciones?cursor=x1", token);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get("/v1/me/inscripciones?cursor=99999999999999999999", token);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    r = it_get("/v1/me/inscripciones", admin);
    cr_expect_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    free(admin), free(c), free(a), free(b), free(otro), free(conv2), free(token), free(email);
}

Test(inscripciones, other_users_ids_are_404_everywhere)
{
    char *mio;
    char *id = it_inscripcion_nueva(conv, &mio, NULL);
    completar(id, mio);
    char *ajeno = it_new_postulante(NULL);
    const char *get_paths[] = {"", "/constancia", "/documentos/PPP"};
    for (size_t i = 0; i < 3; i++) {
        it_resp *r = it_get(itp("/v1/inscripciones/%s%s", id, get_paths[i]), ajeno);
        it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
        it_free(r);
    }
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), ajeno, IT_PERSONALES);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), ajeno, NULL);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_delete(itp("/v1/inscripciones/%s/documentos/PPP", id), ajeno);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    unsigned char *pdf = it_pdf_make(IT_PDF_MIN_SIZE, 1);
    r = it_put_bytes(itp("/v1/inscripciones/%s/documentos/PPP", id), ajeno, "application/pdf", pdf, IT_PDF_MIN_SIZE);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    free(pdf);
    const char *raros[] = {"999999999999", "abc", "-1", "1e3", "99999999999999999999999"};
    for (size_t i = 0; i < 5; i++) {
        r = it_get(itp("/v1/inscripciones/%s", raros[i]), mio);
        it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
        it_free(r);
    }
    r = it_get(itp("/v1/inscripciones/%s", id), NULL);
    it_expect_problem(r, 401, "NO_AUTENTICADO");
    it_free(r);
    char *n = it_db_value("select count(*) from inscripcion_documentos where inscripcion_id = $1::bigint", id);
    cr_expect_str_eq(n, "2", "nothing changed");
    free(n), free(id), free(mio), free(ajeno);
}

Test(inscripciones, diresa_reads_its_own_diresa_only_once_finalized_and_admin_reads_all)
{
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    completar(id, token);
    char *cusco = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    char *amazonas = it_login("diresa.amazonas@serums.test", IT_DEV_PASSWORD);
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    /* issue 9, probe 12: a draft (with its PDFs) is the applicant's alone, even with the DIRESA chosen */
    it_resp *r = it_get(itp("/v1/inscripciones/%s", id), cusco);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/documentos/PPP", id), cusco);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), admin);
    cr_expect_eq(r->status, 200);
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), cusco);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "datos_postulacion.diresa"), "CUSCO");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s/documentos/PPP", id), cusco);
    cr_expect_eq(r->status, 200, "finalized: the reviewer reads the PDFs too");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), amazonas);
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), admin);
    cr_expect_eq(r->status, 200);
    it_free(r);
    /* reviewers read, never write */
    r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), cusco, IT_PERSONALES);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), admin, NULL);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    free(id), free(token), free(cusco), free(amazonas), free(admin);
}

Test(inscripciones, finalize_incomplete_names_everything_missing_and_changes_nothing)
{
    char *token;
    char *id = it_inscripcion_nueva(conv, &token, NULL);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 422, "INSCRIPCION_INCOMPLETA");
    cr_expect(it_has_field_error(r, "datos_personales"));
    cr_expect(it_has_field_error(r, "datos_profesionales"));
    cr_expect(it_has_field_error(r, "datos_postulacion"));
    cr_expect(it_has_field_error(r, "declaracion_jurada"));
    it_free(r);

    it_seccion(id, token, "datos-personales",
               "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"080101\",\"direccion\":\"Av. El Sol 100\","
               "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
               "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":true,\"discapacidad\":true}",
               200);
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_seccion(id, token, "datos-postulacion", IT_POST_CUSCO, 200);
    it_seccion(id, token, "declaracion-jurada", "{\"acepta\":false}", 200);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 422, "INSCRIPCION_INCOMPLETA");
    const char *want[] = {"declaracion_jurada.acepta", "documentos.PPP", "documentos.FFAA", "documentos.DISCAPACIDAD",
                          "documentos.COMPROBANTE"};
    for (size_t i = 0; i < 5; i++) cr_expect(it_has_field_error(r, want[i]), "missing %s in %s", want[i], r->body);
    cr_expect_eq(it_path(r, "errors")->n, 5, "%s", r->body);
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_str_eq(it_str(r, "estado"), "BORRADOR");
    cr_expect_eq(it_path(r, "faltantes")->n, 5, "GET shows the same list");
    cr_expect_eq(it_path(r, "documentos_requeridos")->n, 4);
    it_free(r);
    free(id), free(token);
}

Test(inscripciones, finalize_then_every_write_is_409)
{
    char *token, *email;
    char *id = it_inscripcion_nueva(conv, &token, &email);
    completar(id, token);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "INSCRITO");
    cr_expect_str_eq(it_str(r, "completa"), "true");
    cr_expect_not_null(it_str(r, "finalizado_at"));
    cr_expect_eq(strlen(it_str(r, "codigo_verificacion")), 14);
    cr_expect_eq(strlen(it_str(r, "sha256_datos")), 64);
    it_free(r);

    const char *secciones[] = {"datos-personales", "datos-profesionales", "datos-postulacion", "declaracion-jurada"};
    const char *cuerpos[] = {IT_PERSONALES, IT_PROF_OBSTETRICIA, IT_POST_CUSCO, IT_DECLARACION};
    for (size_t i = 0; i < 4; i++) {
        r = it_put(itp("/v1/inscripciones/%s/%s", id, secciones[i]), token, cuerpos[i]);
        it_expect_problem(r, 409, "INSCRIPCION_FINALIZADA");
        it_free(r);
    }
    unsigned char *pdf = it_pdf_make(1000, 9);
    r = it_put_bytes(itp("/v1/inscripciones/%s/documentos/PPP", id), token, "application/pdf", pdf, 1000);
    it_expect_problem(r, 409, "INSCRIPCION_FINALIZADA");
    it_free(r);
    free(pdf);
    r = it_delete(itp("/v1/inscripciones/%s/documentos/PPP", id), token);
    it_expect_problem(r, 409, "INSCRIPCION_FINALIZADA");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 409, "INSCRIPCION_FINALIZADA");
    it_free(r);
    /* reading still works, documents included */
    r = it_get(itp("/v1/inscripciones/%s/documentos/PPP", id), token);
    cr_expect_eq(r->status, 200);
    it_free(r);
    /* and the database refuses to rewrite the snapshot */
    PGresult *res = PQexecParams(it_db(), "update inscripciones set sha256_datos = repeat('0', 64) where id = $1::bigint", 1,
                                 NULL, (const char *[]){id}, NULL, NULL, 0);
    cr_expect_neq(PQresultStatus(res), PGRES_COMMAND_OK);
    PQclear(res);
    free(id), free(token), free(email);
}

Test(inscripciones, writes_outside_the_phase_are_409_reads_are_fine)
{
    char *token, *email;
    char *id = it_inscripcion_nueva(conv, &token, &email);
    completar(id, token);
    free(token);
    /* the test clock 35 days ahead: REVISION */
    char *fuera = it_db_value("select to_char((now() + interval '35 days') at time zone 'UTC', "
                              "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", NULL);
    it_set_now(fuera);
    token = it_login(email, IT_DEV_PASSWORD);
    cr_assert(token);
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, IT_PERSONALES);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    unsigned char *pdf = it_pdf_make(1000, 4);
    r = it_put_bytes(itp("/v1/inscripciones/%s/documentos/FFAA", id), token, "application/pdf", pdf, 1000);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    free(pdf);
    r = it_delete(itp("/v1/inscripciones/%s/documentos/PPP", id), token);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    r = it_get(itp("/v1/inscripciones/%s", id), token);
    cr_expect_eq(r->status, 200);
    cr_expect_str_eq(it_str(r, "estado"), "BORRADOR");
    it_free(r);
    it_set_now(NULL);
    free(fuera), free(id), free(token), free(email);
}

static char *pdftotext(const char *pdf, size_t len)
{
    char in[] = "/tmp/it-constancia-XXXXXX";
    int fd = mkstemp(in);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    char *out = calloc(1, 65536);
    size_t n = fread(out, 1, 65535, p);
    out[n] = '\0';
    pclose(p);
    unlink(in);
    return out;
}

Test(inscripciones, constancia_reads_back_and_is_emailed)
{
    char *token, *email;
    char *id = it_inscripcion_nueva(conv, &token, &email);
    it_resp *r = it_get(itp("/v1/inscripciones/%s/constancia", id), token);
    it_expect_problem(r, 409, "INSCRIPCION_NO_FINALIZADA");
    it_free(r);
    completar(id, token);
    r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *codigo = strdup(it_str(r, "codigo_verificacion")), *sha = strdup(it_str(r, "sha256_datos"));
    it_free(r);

    /* the hash is the SHA-256 of the stored snapshot, which names the documents' hashes */
    char *db_sha = it_db_value("select encode(sha256(convert_to(datos_finalizados::text, 'UTF8')), 'hex') "
                               "from inscripciones where id = $1::bigint", id);
    cr_expect_str_eq(db_sha, sha);
    char *snap_docs = it_db_value("select datos_finalizados::json -> 'documentos' ->> 0 from inscripciones where id = $1::bigint", id);
    char *comprobante_sha = it_db_value("select sha256 from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = 'COMPROBANTE'", id);
    cr_expect(snap_docs && strstr(snap_docs, comprobante_sha), "%s", snap_docs);

    r = it_get(itp("/v1/inscripciones/%s/constancia", id), token);
    cr_assert_eq(r->status, 200);
    cr_expect_str_eq(r->content_type, "application/pdf");
    cr_expect(strstr(it_header(r, "Content-Disposition"), codigo));
    char *text = pdftotext(r->body, r->len);
    char *conv_codigo = it_db_value("select codigo from convocatorias where id = $1::bigint", conv);
    char *dni = it_db_value("select u.numero_documento from usuarios u join inscripciones i on i.usuario_id = u.id "
                            "where i.id = $1::bigint", id);
    const char *want[] = {"CONSTANCIA DE INSCRIPCIÓN", conv_codigo, "Quispe Mamani, Ana Lucía", dni, "Obstetricia",
                          "San Antonio Abad del Cusco", "GERESA Cusco", "REMUNERADA", "INSCRITO", codigo, sha, comprobante_sha,
                          "hora de Lima"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_expect(strstr(text, want[i]), "constancia lacks \"%s\":\n%s", want[i], text);
    it_free(r);

    /* reviewers of the DIRESA may download it too */
    char *cusco = it_login("diresa.cusco@serums.test", IT_DEV_PASSWORD);
    r = it_get(itp("/v1/inscripciones/%s/constancia", id), cusco);
    cr_expect_eq(r->status, 200);
    it_free(r);

    char *mail = it_mail_wait(email, codigo, 15000);
    cr_assert(mail, "no email with the constancia for %s", email);
    cr_expect(strstr(mail, "application/pdf"));
    cr_expect(strstr(mail, "constancia-"));
    char *audit = it_db_value("select count(*) from audit_log where entity_id = $1 and action = 'inscripcion.finalizar'", id);
    cr_expect_str_eq(audit, "1");
    free(audit), free(mail), free(cusco), free(text), free(conv_codigo), free(dni), free(db_sha), free(snap_docs);
    free(comprobante_sha), free(codigo), free(sha), free(id), free(token), free(email);
}
