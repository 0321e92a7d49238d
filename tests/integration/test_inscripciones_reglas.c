/* test_inscripciones_reglas.c - every section rule through HTTP: each
 * profession group inscribes end to end, each cross-field rule answers 422
 * naming the field, bad bodies are 4xx, and a refused PUT changes nothing. */
#include "it_inscripcion_datos.h"
#include <stdlib.h>
#include <string.h>

static char *conv, *id, *token;
static void setup(void)
{
    conv = it_convocatoria_abierta();
    id = it_inscripcion_nueva(conv, &token, NULL);
}
static void teardown(void) { free(conv), free(id), free(token); }
TestSuite(reglas_http, .init = setup, .fini = teardown, .timeout = 120);

/* PUTs body to a section and expects 422 naming field with code. */
static void rechaza(const char *seccion, const char *body, const char *field, const char *code)
{
    it_resp *r = it_put(itp("/v1/inscripciones/%s/%s", id, seccion), token, body);
    it_expect_problem(r, 422, "VALIDACION");
    const jv *errs = it_path(r, "errors");
    bool found = false;
    for (size_t i = 0; errs && i < errs->n; i++) {
        const jv *f = jv_get(errs->items[i], "field"), *c = jv_get(errs->items[i], "code");
        if (f && c && !strcmp(f->s, field) && !strcmp(c->s, code)) found = true;
    }
    cr_expect(found, "%s: expected %s %s in %s", seccion, field, code, r->body);
    it_free(r);
}

static void finalizar_ok(void)
{
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    cr_expect_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "INSCRITO");
    it_free(r);
}

#define PROF(extra)                                                                                          \
    "{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Nacional de Trujillo\","                     \
    "\"numero_colegiatura\":\"54321\",\"fecha_titulacion\":\"2025-10-01\"," extra "}"

#define POST(extra)                                                                                          \
    "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"docente\":false,"                          \
    "\"regimen_pensionario\":\"AFP\"," extra "}"

Test(reglas_http, medicina_inscribes_with_ppp_and_enam)
{
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\""), "nota_ppp", "REQUERIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":15"), "nota_enam", "REQUERIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":15,\"nota_enam\":14,\"nota_evaluacion_serums\":13"),
            "nota_adjudicacion", "REQUERIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":15,\"nota_enam\":14,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""),
            "nota_adjudicacion", "VALOR_INVALIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":20.5,\"nota_enam\":14"), "nota_ppp", "FUERA_DE_RANGO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":15.123,\"nota_enam\":14"), "nota_ppp", "FUERA_DE_RANGO");
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales",
               PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":15.5,\"nota_enam\":14.25,\"nota_evaluacion_serums\":13,"
                    "\"nota_adjudicacion\":\"ENAM\""), 200);
    it_seccion(id, token, "datos-postulacion", IT_POST_CUSCO, 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 300000, 201);
    it_documento(id, token, "COMPROBANTE", 200000, 201);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 422, "INSCRIPCION_INCOMPLETA");
    cr_expect(it_has_field_error(r, "documentos.ENAM"));
    cr_expect_eq(it_path(r, "errors")->n, 1, "%s", r->body);
    it_free(r);
    it_documento(id, token, "ENAM", 250000, 201);
    finalizar_ok();
}

Test(reglas_http, ciencias_de_la_salud_choose_examen_nacional_or_evaluacion)
{
    rechaza("datos-profesionales", PROF("\"profesion\":\"ENFERMERIA\",\"nota_ppp\":15"), "nota_adjudicacion", "REQUERIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"NUTRICION\",\"nota_ppp\":15,\"nota_enam\":12,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""),
            "nota_enam", "NO_PERMITIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"ODONTOLOGIA\",\"nota_ppp\":15,\"nota_adjudicacion\":\"EVALUACION_SERUMS\""),
            "nota_evaluacion_serums", "REQUERIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"QUIMICO_FARMACEUTICO\",\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""),
            "nota_ppp", "REQUERIDO");
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales",
               PROF("\"profesion\":\"ENFERMERIA\",\"nota_ppp\":16.4,\"nota_evaluacion_serums\":15,"
                    "\"nota_adjudicacion\":\"EVALUACION_SERUMS\""), 200);
    it_seccion(id, token, "datos-postulacion", POST("\"trabajador_estado\":false,\"diresa\":\"CALLAO\",\"modalidad\":\"REMUNERADA\""), 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 400000, 201);
    finalizar_ok();
}

Test(reglas_http, sorteo_professions_inscribe_without_grades_or_ppp)
{
    rechaza("datos-profesionales", PROF("\"profesion\":\"BIOLOGIA\",\"nota_ppp\":14"), "nota_ppp", "NO_PERMITIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"TM_RADIOLOGIA\",\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""),
            "nota_adjudicacion", "NO_PERMITIDO");
    rechaza("datos-profesionales", PROF("\"profesion\":\"ARQUITECTURA\""), "profesion", "CODIGO_DESCONOCIDO");
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales", PROF("\"profesion\":\"TRABAJO_SOCIAL\""), 200);
    it_seccion(id, token, "datos-postulacion", POST("\"trabajador_estado\":false,\"diresa\":\"MOQUEGUA\",\"modalidad\":\"EQUIVALENTE\""), 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    finalizar_ok();
}

Test(reglas_http, professional_dates_and_foreign_universities)
{
    rechaza("datos-profesionales", PROF("\"profesion\":\"BIOLOGIA\",\"institucion_revalida\":\"SUNEDU\""),
            "institucion_revalida", "NO_PERMITIDO");
    rechaza("datos-profesionales",
            "{\"pais_universidad\":\"BO\",\"universidad\":\"Universidad Mayor de San Andrés\",\"profesion\":\"BIOLOGIA\","
            "\"numero_colegiatura\":\"11\",\"fecha_titulacion\":\"2023-01-01\"}", "institucion_revalida", "REQUERIDO");
    rechaza("datos-profesionales",
            "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
            "\"numero_colegiatura\":\"11\",\"fecha_titulacion\":\"1996-04-12\"}", "fecha_titulacion",
            "FECHA_ANTERIOR_AL_NACIMIENTO");
    rechaza("datos-profesionales",
            "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
            "\"numero_colegiatura\":\"11\",\"fecha_titulacion\":\"2099-01-01\"}", "fecha_titulacion", "FECHA_FUTURA");
    rechaza("datos-profesionales",
            "{\"pais_universidad\":\"ZZ\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
            "\"numero_colegiatura\":\"11\",\"fecha_titulacion\":\"2023-02-30\"}", "pais_universidad", "CODIGO_DESCONOCIDO");
}

Test(reglas_http, personal_data_rules)
{
    rechaza("datos-personales",
            "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. Áncash 455\","
            "\"estado_civil\":\"DIVORCIADO\",\"apellido_casada\":\"de Torres\",\"celular\":\"987654321\","
            "\"contacto_emergencia_nombre\":\"Rosa\",\"contacto_emergencia_celular\":\"912345678\","
            "\"licenciado_ffaa\":false,\"discapacidad\":false}", "apellido_casada", "NO_PERMITIDO");
    rechaza("datos-personales",
            "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"159999\",\"direccion\":\"Jr. Áncash 455\","
            "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
            "\"contacto_emergencia_celular\":\"987654321\",\"licenciado_ffaa\":false,\"discapacidad\":false}",
            "ubigeo_residencia", "CODIGO_DESCONOCIDO");
    rechaza("datos-personales",
            "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. Áncash 455\","
            "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
            "\"contacto_emergencia_celular\":\"987654321\",\"licenciado_ffaa\":false,\"discapacidad\":false}",
            "contacto_emergencia_celular", "CELULAR_REPETIDO");
    rechaza("datos-personales",
            "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. Áncash 455\","
            "\"estado_civil\":\"SOLTERO\",\"celular\":\"87654321\",\"contacto_emergencia_nombre\":\"Rosa\","
            "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":\"no\",\"discapacidad\":false,\"dni\":1}",
            "celular", "FORMATO_INVALIDO");
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, "{}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect_eq(it_path(r, "errors")->n, 9, "one entry per required field: %s", r->body);
    it_free(r);
    it_seccion(id, token, "datos-personales",
               "{\"pais_nacimiento\":\"VE\",\"ubigeo_residencia\":\"080101\",\"direccion\":\"Calle Plateros 320\","
               "\"estado_civil\":\"CASADO\",\"apellido_casada\":\"de Huamán\",\"celular\":\"987654321\","
               "\"contacto_emergencia_nombre\":\"José Huamán\",\"contacto_emergencia_celular\":\"912345678\","
               "\"licenciado_ffaa\":false,\"discapacidad\":false}", 200);
}

Test(reglas_http, state_workers_and_the_receipt)
{
    rechaza("datos-postulacion", POST("\"trabajador_estado\":true,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\","
                                      "\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2026-01-02\""),
            "modalidad", "MODALIDAD_INCOMPATIBLE");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":true,\"diresa\":\"CUSCO\",\"modalidad\":\"EQUIVALENTE\""),
            "diresa", "NO_PERMITIDO");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":true,\"modalidad\":\"EQUIVALENTE\""), "tipo_planilla", "REQUERIDO");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":false,\"modalidad\":\"EQUIVALENTE\",\"entidad\":\"MINSA\""),
            "entidad", "NO_PERMITIDO");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":false,\"modalidad\":\"EQUIVALENTE\""), "diresa", "REQUERIDO");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":false,\"diresa\":\"PIURA\",\"modalidad\":\"EQUIVALENTE\""),
            "comprobante_numero", "REQUERIDO");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":false,\"diresa\":\"PIURA\",\"modalidad\":\"EQUIVALENTE\","
                                      "\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2099-01-02\""),
            "comprobante_fecha", "FECHA_FUTURA");
    rechaza("datos-postulacion", POST("\"trabajador_estado\":false,\"diresa\":\"ATLANTIDA\",\"modalidad\":\"EQUIVALENTE\""),
            "diresa", "CODIGO_DESCONOCIDO");
    /* Lambayeque waives the receipt */
    it_seccion(id, token, "datos-postulacion",
               POST("\"trabajador_estado\":false,\"diresa\":\"LAMBAYEQUE\",\"modalidad\":\"REMUNERADA\",\"categoria\":\"REGULAR\""),
               200);
}

Test(reglas_http, caso_especial_needs_remunerated_and_five_plazas)
{
    it_plazas_remuneradas(conv, "OBSTETRICIA", "MINSA", "CUSCO", 3);
    it_plazas_remuneradas(conv, "OBSTETRICIA", "MINSA", "CUSCO", 2);
    it_plazas_remuneradas(conv, "OBSTETRICIA", "ESSALUD", "CUSCO", 4);
    const char *base = "\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"comprobante_numero\":\"123456\","
                       "\"comprobante_fecha\":\"2026-01-02\",\"caso_especial\":true,";
    char body[1024];
    snprintf(body, sizeof body, POST("%s\"modalidad\":\"REMUNERADA\",\"institucion\":\"MINSA\""), base);
    rechaza("datos-postulacion", body, "caso_especial", "DATOS_PROFESIONALES_FALTANTES");
    it_seccion(id, token, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    snprintf(body, sizeof body, POST("%s\"modalidad\":\"EQUIVALENTE\",\"institucion\":\"MINSA\""), base);
    rechaza("datos-postulacion", body, "caso_especial", "CASO_ESPECIAL_NO_PERMITIDO");
    snprintf(body, sizeof body, POST("%s\"modalidad\":\"REMUNERADA\""), base);
    rechaza("datos-postulacion", body, "institucion", "REQUERIDO");
    snprintf(body, sizeof body, POST("%s\"modalidad\":\"REMUNERADA\",\"institucion\":\"ESSALUD\""), base);
    rechaza("datos-postulacion", body, "caso_especial", "CASO_ESPECIAL_SIN_PLAZAS");
    snprintf(body, sizeof body, POST("%s\"modalidad\":\"REMUNERADA\",\"institucion\":\"MINSA\""), base);
    it_seccion(id, token, "datos-postulacion", body, 200);

    /* changing the profession afterwards: finalize re-checks the offer */
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    it_seccion(id, token, "datos-profesionales",
               "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSAAC\",\"profesion\":\"ENFERMERIA\","
               "\"numero_colegiatura\":\"27891\",\"fecha_titulacion\":\"2025-12-15\",\"nota_ppp\":15.75,"
               "\"nota_adjudicacion\":\"EXAMEN_NACIONAL\"}", 200);
    it_seccion(id, token, "declaracion-jurada", IT_DECLARACION, 200);
    it_documento(id, token, "PPP", 2000, 201);
    it_documento(id, token, "COMPROBANTE", 2000, 201);
    it_resp *r = it_post(itp("/v1/inscripciones/%s/finalizar", id), token, NULL);
    it_expect_problem(r, 422, "INSCRIPCION_INCOMPLETA");
    cr_expect(it_has_field_error(r, "datos_postulacion.caso_especial"), "%s", r->body);
    it_free(r);
}

Test(reglas_http, bad_bodies_are_4xx_and_change_nothing)
{
    it_seccion(id, token, "datos-personales", IT_PERSONALES, 200);
    char *antes = it_db_value("select datos_personales::text from inscripciones where id = $1::bigint", id);
    it_resp *r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, "{\"pais_nacimiento\":");
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, "[]");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_put(itp("/v1/inscripciones/%s/datos-personales", id), token, "{\"pais_nacimiento\":\"PE\",\"pais_nacimiento\":\"AR\"}");
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    r = it_put_bytes(itp("/v1/inscripciones/%s/datos-personales", id), token, "text/plain", "{}", 2);
    it_expect_problem(r, 415, "TIPO_NO_SOPORTADO");
    it_free(r);
    r = it_put(itp("/v1/inscripciones/%s/declaracion-jurada", id), token, "{\"acepta\":\"SI\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    rechaza("datos-personales", "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"   \"}",
            "direccion", "LONGITUD_INVALIDA");
    char *despues = it_db_value("select datos_personales::text from inscripciones where id = $1::bigint", id);
    cr_expect_str_eq(antes, despues);
    char *audits = it_db_value("select count(*) from audit_log where entity_id = $1 and action = 'inscripcion.datos_personales'", id);
    cr_expect_str_eq(audits, "1", "only the accepted PUT is audited");
    free(antes), free(despues), free(audits);
}
