/* test_inscripcion_reglas.c - the four sections against fake catalogs: every
 * field rule, each profession group's grades, every cross-field rule, which
 * documents the answers require, and what is still missing to finalize. */
#include "inscripcion_reglas.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static bool catalogo_caido;

static int f_profesion(void *ud, const char *c, insc_profesion *out)
{
    (void)ud;
    if (catalogo_caido) return -1;
    const char *grupo = !strcmp(c, "MEDICINA") ? "MEDICINA"
                        : !strcmp(c, "ENFERMERIA") || !strcmp(c, "OBSTETRICIA") ? "CIENCIAS_SALUD"
                        : !strcmp(c, "BIOLOGIA") ? "OTRAS" : NULL;
    if (!grupo) return 0;
    strcpy(out->grupo, grupo);
    out->requiere_ppp = strcmp(grupo, "OTRAS") != 0;
    return 1;
}
static int f_diresa(void *ud, const char *c, bool *exonera)
{
    (void)ud;
    if (catalogo_caido) return -1;
    if (!strcmp(c, "CUSCO")) { *exonera = false; return 1; }
    if (!strcmp(c, "AMAZONAS")) { *exonera = true; return 1; }
    return 0;
}
static int f_distrito(void *ud, const char *c) { (void)ud; return catalogo_caido ? -1 : !strcmp(c, "150101") || !strcmp(c, "080101"); }
static int f_institucion(void *ud, const char *c) { (void)ud; return !strcmp(c, "MINSA") || !strcmp(c, "ESSALUD"); }
static int f_plazas(void *ud, const char *p, const char *i, const char *d, long *n)
{
    (void)ud;
    *n = !strcmp(p, "ENFERMERIA") && !strcmp(i, "MINSA") && !strcmp(d, "CUSCO") ? 7 : 4;
    return 1;
}
static const insc_catalogo CAT = {NULL, f_profesion, f_diresa, f_distrito, f_institucion, f_plazas};

static insc_ctx ctx;
static verr E;
static void setup(void)
{
    arena_init(&A, 8192);
    catalogo_caido = false;
    ctx = (insc_ctx){.a = &A, .cat = &CAT, .hoy = "2026-03-02", .fecha_nacimiento = "1998-05-10"};
    verr_init(&E, &A);
}
static void teardown(void) { arena_free(&A); }
TestSuite(reglas, .init = setup, .fini = teardown);

static const jv *json(const char *s)
{
    jv *v = NULL;
    char err[160];
    cr_assert_eq(json_parse(&A, s, strlen(s), &JSON_BODY_LIMITS, &v, err, sizeof err), 0, "%s: %s", s, err);
    return v;
}

static bool leer(insc_seccion_id id, const char *body, insc_seccion *s)
{
    verr_init(&E, &A);
    return insc_seccion_leer(id, json(body), &ctx, &E, "", s);
}

static const char *code_of(const char *field)
{
    for (verr_item *it = E.head; it; it = it->next)
        if (!strcmp(it->field, field)) return it->code;
    return NULL;
}

static void expect_error(const char *field, const char *code)
{
    const char *got = code_of(field);
    cr_expect(got && !strcmp(got, code), "%s: expected %s, got %s", field, code, got ? got : "(none)");
}

static int count_for(const char *field)
{
    int n = 0;
    for (verr_item *it = E.head; it; it = it->next) n += !strcmp(it->field, field);
    return n;
}

#define PERSONALES_OK                                                                                          \
    "\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Av. Grau 123, Lima\","       \
    "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa Quispe\","  \
    "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":false,\"discapacidad\":false"

/* ---- datos personales ---- */

Test(reglas, personales_valid_and_canonical)
{
    insc_seccion s;
    cr_assert(leer(SEC_PERSONALES, "{" PERSONALES_OK ",\"telefono_fijo\":\"014567890\"}", &s));
    jw *w = jw_new(&A);
    insc_seccion_escribir(w, &s);
    size_t len;
    const char *out = jw_finish(w, &len);
    cr_expect(strstr(out, "\"apellido_casada\":null"), "%s", out);
    cr_expect(strstr(out, "\"licenciado_ffaa\":false"), "%s", out);
    cr_expect(strstr(out, "\"telefono_fijo\":\"014567890\""), "%s", out);
    insc_seccion again;
    cr_expect(leer(SEC_PERSONALES, out, &again), "the canonical form reads back");
}

Test(reglas, personales_every_required_field_named_once)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PERSONALES, "{}", &s));
    const char *req[] = {"pais_nacimiento", "ubigeo_residencia", "direccion", "estado_civil", "celular",
                         "contacto_emergencia_nombre", "contacto_emergencia_celular", "licenciado_ffaa", "discapacidad"};
    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
        expect_error(req[i], "REQUERIDO");
        cr_expect_eq(count_for(req[i]), 1, "%s", req[i]);
    }
    cr_expect_eq(E.n, 9);
}

Test(reglas, personales_formats)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PERSONALES,
                       "{\"pais_nacimiento\":\"XX\",\"ubigeo_residencia\":\"999999\",\"direccion\":\"  a  \","
                       "\"estado_civil\":\"CASADA\",\"celular\":\"887654321\",\"telefono_fijo\":\"12\","
                       "\"contacto_emergencia_nombre\":\"R\\nQ\",\"contacto_emergencia_celular\":\"9123\","
                       "\"licenciado_ffaa\":\"no\",\"discapacidad\":false,\"extra\":1}", &s));
    expect_error("pais_nacimiento", "CODIGO_DESCONOCIDO");
    expect_error("ubigeo_residencia", "CODIGO_DESCONOCIDO");
    expect_error("direccion", "LONGITUD_INVALIDA");
    expect_error("estado_civil", "VALOR_INVALIDO");
    expect_error("celular", "FORMATO_INVALIDO");
    expect_error("telefono_fijo", "FORMATO_INVALIDO");
    expect_error("contacto_emergencia_nombre", "FORMATO_INVALIDO");
    expect_error("contacto_emergencia_celular", "FORMATO_INVALIDO");
    cr_expect_not_null(code_of("licenciado_ffaa"));
    expect_error("extra", "CAMPO_DESCONOCIDO");
    cr_expect_eq(E.n, 10);
}

Test(reglas, personales_body_must_be_an_object)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PERSONALES, "[1]", &s));
    cr_expect_eq(E.n, 1);
    cr_expect_not(leer(SEC_PERSONALES, "{\"pais_nacimiento\":\"pe\"}", &s));
    expect_error("pais_nacimiento", "FORMATO_INVALIDO");
}

Test(reglas, apellido_de_casada_only_when_married_or_widowed)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PERSONALES, "{" PERSONALES_OK ",\"apellido_casada\":\"de Torres\"}", &s));
    expect_error("apellido_casada", "NO_PERMITIDO");
    cr_expect(leer(SEC_PERSONALES,
                   "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Av. Grau 123\","
                   "\"estado_civil\":\"CASADO\",\"apellido_casada\":\"de Torres\",\"celular\":\"987654321\","
                   "\"contacto_emergencia_nombre\":\"Rosa\",\"contacto_emergencia_celular\":\"912345678\","
                   "\"licenciado_ffaa\":true,\"discapacidad\":true}", &s));
    cr_expect_str_eq(insc_texto(&s, "apellido_casada"), "de Torres");
}

Test(reglas, emergency_contact_is_someone_else)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PERSONALES,
                       "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Av. Grau 123\","
                       "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
                       "\"contacto_emergencia_celular\":\"987654321\",\"licenciado_ffaa\":false,\"discapacidad\":false}",
                       &s));
    expect_error("contacto_emergencia_celular", "CELULAR_REPETIDO");
    cr_expect_eq(E.n, 1);
}

Test(reglas, text_is_trimmed)
{
    insc_seccion s;
    cr_assert(leer(SEC_PERSONALES,
                   "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"  Jr. Puno 5  \","
                   "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
                   "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":false,\"discapacidad\":false}",
                   &s));
    cr_expect_str_eq(insc_texto(&s, "direccion"), "Jr. Puno 5");
}

/* ---- datos profesionales, by group ---- */

#define PROF(extra)                                                                                    \
    "{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Nacional de San Agustín\","           \
    "\"numero_colegiatura\":\"12345\",\"fecha_titulacion\":\"2025-12-15\"," extra "}"

Test(reglas, medicina_needs_ppp_and_enam_or_evaluacion)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\""), &s));
    expect_error("nota_ppp", "REQUERIDO");
    expect_error("nota_enam", "REQUERIDO");
    cr_expect_eq(E.n, 2);
}

Test(reglas, medicina_with_only_enam_adjudicates_with_enam)
{
    insc_seccion s;
    cr_assert(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14.25,\"nota_enam\":15.5"), &s));
    cr_expect_str_eq(insc_texto(&s, "nota_adjudicacion"), "ENAM");
    cr_expect(s.requiere_ppp);
    unsigned req = insc_documentos_requeridos(NULL, &s, NULL);
    cr_expect_eq(req, INSC_DOC_BIT(DOC_PPP) | INSC_DOC_BIT(DOC_ENAM));
}

Test(reglas, medicina_with_only_evaluacion_needs_no_enam_pdf)
{
    insc_seccion s;
    cr_assert(leer(SEC_PROFESIONALES,
                   PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_evaluacion_serums\":13.75"), &s));
    cr_expect_str_eq(insc_texto(&s, "nota_adjudicacion"), "EVALUACION_SERUMS");
    cr_expect_eq(insc_documentos_requeridos(NULL, &s, NULL), INSC_DOC_BIT(DOC_PPP));
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_evaluacion_serums\":13.75,"
                            "\"nota_adjudicacion\":\"ENAM\""), &s));
    expect_error("nota_adjudicacion", "NOTA_NO_REGISTRADA");
}

Test(reglas, medicina_with_both_grades_chooses)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_enam\":12,\"nota_evaluacion_serums\":13"),
                       &s));
    expect_error("nota_adjudicacion", "REQUERIDO");
    cr_expect(leer(SEC_PROFESIONALES,
                   PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_enam\":12,\"nota_evaluacion_serums\":13,"
                        "\"nota_adjudicacion\":\"EVALUACION_SERUMS\""), &s));
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_enam\":12,"
                            "\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""), &s));
    expect_error("nota_adjudicacion", "VALOR_INVALIDO");
}

Test(reglas, ciencias_de_la_salud_choose_examen_nacional_or_evaluacion)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"ENFERMERIA\",\"nota_enam\":12"), &s));
    expect_error("nota_ppp", "REQUERIDO");
    expect_error("nota_enam", "NO_PERMITIDO");
    expect_error("nota_adjudicacion", "REQUERIDO");
    cr_expect_eq(E.n, 3);
    cr_expect(leer(SEC_PROFESIONALES,
                   PROF("\"profesion\":\"ENFERMERIA\",\"nota_ppp\":16.5,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""), &s));
    cr_expect_eq(insc_documentos_requeridos(NULL, &s, NULL), INSC_DOC_BIT(DOC_PPP));
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"OBSTETRICIA\",\"nota_ppp\":16.5,\"nota_adjudicacion\":\"EVALUACION_SERUMS\""), &s));
    expect_error("nota_evaluacion_serums", "REQUERIDO");
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"OBSTETRICIA\",\"nota_ppp\":16.5,\"nota_adjudicacion\":\"ENAM\""), &s));
    expect_error("nota_adjudicacion", "VALOR_INVALIDO");
}

Test(reglas, sorteo_professions_register_no_grades)
{
    insc_seccion s;
    cr_expect(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"BIOLOGIA\""), &s));
    cr_expect_not(s.requiere_ppp);
    cr_expect_eq(insc_documentos_requeridos(NULL, &s, NULL), 0);
    cr_expect_not(leer(SEC_PROFESIONALES,
                       PROF("\"profesion\":\"BIOLOGIA\",\"nota_ppp\":12,\"nota_enam\":1,\"nota_evaluacion_serums\":2,"
                            "\"nota_adjudicacion\":\"EVALUACION_SERUMS\""), &s));
    expect_error("nota_ppp", "NO_PERMITIDO");
    expect_error("nota_enam", "NO_PERMITIDO");
    expect_error("nota_evaluacion_serums", "NO_PERMITIDO");
    expect_error("nota_adjudicacion", "NO_PERMITIDO");
}

Test(reglas, grades_are_0_to_20_with_two_decimals)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":20.01,\"nota_enam\":15.555"), &s));
    expect_error("nota_ppp", "FUERA_DE_RANGO");
    expect_error("nota_enam", "FUERA_DE_RANGO");
    cr_expect_eq(E.n, 2, "no spurious 'choose a grade' error");
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":-1,\"nota_enam\":\"15\""), &s));
    cr_expect_not_null(code_of("nota_ppp"));
    cr_expect_not_null(code_of("nota_enam"));
    cr_expect(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":0,\"nota_enam\":20"), &s));
}

Test(reglas, foreign_universities_need_revalida)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES,
                       "{\"pais_universidad\":\"CU\",\"universidad\":\"Universidad de La Habana\",\"profesion\":\"BIOLOGIA\","
                       "\"numero_colegiatura\":\"777\",\"fecha_titulacion\":\"2020-01-10\"}", &s));
    expect_error("institucion_revalida", "REQUERIDO");
    cr_expect(leer(SEC_PROFESIONALES,
                   "{\"pais_universidad\":\"CU\",\"universidad\":\"Universidad de La Habana\",\"profesion\":\"BIOLOGIA\","
                   "\"numero_colegiatura\":\"777\",\"fecha_titulacion\":\"2020-01-10\",\"institucion_revalida\":\"SUNEDU\"}",
                   &s));
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"BIOLOGIA\",\"institucion_revalida\":\"SUNEDU\""), &s));
    expect_error("institucion_revalida", "NO_PERMITIDO");
}

Test(reglas, titulacion_not_future_and_after_birth)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_PROFESIONALES,
                       "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
                       "\"numero_colegiatura\":\"1\",\"fecha_titulacion\":\"2026-03-03\"}", &s));
    expect_error("fecha_titulacion", "FECHA_FUTURA");
    cr_expect_not(leer(SEC_PROFESIONALES,
                       "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
                       "\"numero_colegiatura\":\"1\",\"fecha_titulacion\":\"1998-05-10\"}", &s));
    expect_error("fecha_titulacion", "FECHA_ANTERIOR_AL_NACIMIENTO");
    cr_expect(leer(SEC_PROFESIONALES,
                   "{\"pais_universidad\":\"PE\",\"universidad\":\"UNSA\",\"profesion\":\"BIOLOGIA\","
                   "\"numero_colegiatura\":\"1\",\"fecha_titulacion\":\"2026-03-02\"}", &s), "today is fine");
    cr_expect_not(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"ZOOLOGIA\""), &s));
    expect_error("profesion", "CODIGO_DESCONOCIDO");
}

/* ---- datos de postulación ---- */

#define POST(extra)                                                                                   \
    "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"docente\":false,"                   \
    "\"regimen_pensionario\":\"AFP\"," extra "}"

Test(reglas, postulacion_receipt_unless_the_diresa_waives_it)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_POSTULACION, POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\""), &s));
    expect_error("comprobante_numero", "REQUERIDO");
    expect_error("comprobante_fecha", "REQUERIDO");
    cr_expect_eq(E.n, 2);
    cr_expect(leer(SEC_POSTULACION, POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"REMUNERADA\""), &s));
    cr_expect(s.exonera_comprobante);
    cr_expect_eq(insc_documentos_requeridos(NULL, NULL, &s), 0);
    cr_expect(leer(SEC_POSTULACION,
                   POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"EQUIVALENTE\","
                        "\"comprobante_numero\":\"B001-000123\",\"comprobante_fecha\":\"2026-03-01\",\"categoria\":\"REGULAR\""), &s));
    cr_expect_eq(insc_documentos_requeridos(NULL, NULL, &s), INSC_DOC_BIT(DOC_COMPROBANTE));
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"EQUIVALENTE\","
                            "\"comprobante_numero\":\"b1\",\"comprobante_fecha\":\"2026-03-05\""), &s));
    expect_error("comprobante_numero", "FORMATO_INVALIDO");
    expect_error("comprobante_fecha", "FECHA_FUTURA");
}

Test(reglas, postulacion_non_workers_pick_a_known_diresa)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_POSTULACION, POST("\"trabajador_estado\":false,\"modalidad\":\"REMUNERADA\""), &s));
    expect_error("diresa", "REQUERIDO");
    cr_expect_not(leer(SEC_POSTULACION, POST("\"trabajador_estado\":false,\"diresa\":\"NARNIA\",\"modalidad\":\"REMUNERADA\""), &s));
    expect_error("diresa", "CODIGO_DESCONOCIDO");
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"REMUNERADA\","
                            "\"tipo_planilla\":\"CAS\",\"entidad\":\"MINSA\""), &s));
    expect_error("tipo_planilla", "NO_PERMITIDO");
    expect_error("entidad", "NO_PERMITIDO");
}

Test(reglas, state_workers_go_equivalente_without_diresa)
{
    insc_seccion s;
    cr_expect_not(leer(SEC_POSTULACION, POST("\"trabajador_estado\":true,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\""), &s));
    expect_error("tipo_planilla", "REQUERIDO");
    expect_error("entidad", "REQUERIDO");
    expect_error("institucion_laboral", "REQUERIDO");
    expect_error("modalidad", "MODALIDAD_INCOMPATIBLE");
    expect_error("diresa", "NO_PERMITIDO");
    cr_expect(leer(SEC_POSTULACION,
                   POST("\"trabajador_estado\":true,\"modalidad\":\"EQUIVALENTE\",\"tipo_planilla\":\"NOMBRADO\","
                        "\"entidad\":\"Gobierno Regional de Cusco\",\"institucion_laboral\":\"Hospital Antonio Lorena\","
                        "\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2026-02-27\""), &s));
    cr_expect_eq(insc_documentos_requeridos(NULL, NULL, &s), INSC_DOC_BIT(DOC_RENUNCIA) | INSC_DOC_BIT(DOC_COMPROBANTE));
}

Test(reglas, caso_especial_remunerated_with_five_plazas)
{
    insc_seccion s;
    ctx.profesion = "ENFERMERIA";
    cr_expect(leer(SEC_POSTULACION,
                   POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"caso_especial\":true,"
                        "\"institucion\":\"MINSA\",\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2026-02-27\""), &s));
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"caso_especial\":true,"
                            "\"institucion\":\"ESSALUD\",\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2026-02-27\""), &s));
    expect_error("caso_especial", "CASO_ESPECIAL_SIN_PLAZAS");
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"EQUIVALENTE\",\"caso_especial\":true"), &s));
    expect_error("caso_especial", "CASO_ESPECIAL_NO_PERMITIDO");
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"REMUNERADA\",\"caso_especial\":true"), &s));
    expect_error("institucion", "REQUERIDO");
    ctx.profesion = NULL;
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"REMUNERADA\",\"caso_especial\":true,"
                            "\"institucion\":\"MINSA\""), &s));
    expect_error("caso_especial", "DATOS_PROFESIONALES_FALTANTES");
    cr_expect_not(leer(SEC_POSTULACION,
                       POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"REMUNERADA\",\"institucion\":\"SUNAT\""), &s));
    expect_error("institucion", "CODIGO_DESCONOCIDO");
}

Test(reglas, catalog_failure_is_reported_not_blamed_on_the_applicant)
{
    insc_seccion s;
    catalogo_caido = true;
    leer(SEC_PERSONALES, "{" PERSONALES_OK "}", &s);
    cr_expect(ctx.fallo);
    cr_expect_null(code_of("ubigeo_residencia"));
}

Test(reglas, declaracion_is_a_boolean)
{
    insc_seccion s;
    cr_expect(leer(SEC_DECLARACION, "{\"acepta\":false}", &s));
    cr_expect_not(insc_bool(&s, "acepta"));
    cr_expect_not(leer(SEC_DECLARACION, "{\"acepta\":\"si\"}", &s));
    cr_expect_not(leer(SEC_DECLARACION, "{}", &s));
    expect_error("acepta", "REQUERIDO");
}

/* ---- documents and what is missing ---- */

Test(reglas, documents_follow_the_answers)
{
    insc_seccion per, pro, pos;
    cr_assert(leer(SEC_PERSONALES,
                   "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"080101\",\"direccion\":\"Av. Sol 1\","
                   "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"contacto_emergencia_nombre\":\"Rosa\","
                   "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":true,\"discapacidad\":true}", &per));
    cr_assert(leer(SEC_PROFESIONALES, PROF("\"profesion\":\"MEDICINA\",\"nota_ppp\":14,\"nota_enam\":12"), &pro));
    cr_assert(leer(SEC_POSTULACION,
                   POST("\"trabajador_estado\":true,\"modalidad\":\"EQUIVALENTE\",\"tipo_planilla\":\"CAS\","
                        "\"entidad\":\"EsSalud\",\"institucion_laboral\":\"Hospital Sabogal\","
                        "\"comprobante_numero\":\"99887766\",\"comprobante_fecha\":\"2026-02-20\""), &pos));
    cr_expect_eq(insc_documentos_requeridos(&per, &pro, &pos), 0x3F, "all six");
    cr_expect_eq(insc_documentos_requeridos(NULL, NULL, NULL), 0);
}

Test(reglas, faltantes_names_every_missing_section)
{
    const jv *stored[SEC_N] = {NULL, NULL, NULL, NULL};
    unsigned req = 99;
    insc_faltantes(stored, 0, &ctx, &E, &req);
    expect_error("datos_personales", "SECCION_FALTANTE");
    expect_error("datos_profesionales", "SECCION_FALTANTE");
    expect_error("datos_postulacion", "SECCION_FALTANTE");
    expect_error("declaracion_jurada", "SECCION_FALTANTE");
    cr_expect_eq(E.n, 4);
    cr_expect_eq(req, 0);
}

Test(reglas, faltantes_declaration_documents_and_revalidated_sections)
{
    const jv *stored[SEC_N] = {
        json("{" PERSONALES_OK "}"),
        json(PROF("\"profesion\":\"ENFERMERIA\",\"nota_ppp\":16,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\"")),
        json(POST("\"trabajador_estado\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"caso_especial\":true,"
                  "\"institucion\":\"MINSA\",\"comprobante_numero\":\"123456\",\"comprobante_fecha\":\"2026-02-27\"")),
        json("{\"acepta\":false}"),
    };
    unsigned req = 0;
    insc_faltantes(stored, INSC_DOC_BIT(DOC_PPP), &ctx, &E, &req);
    expect_error("declaracion_jurada.acepta", "DECLARACION_NO_ACEPTADA");
    expect_error("documentos.COMPROBANTE", "DOCUMENTO_FALTANTE");
    cr_expect_eq(E.n, 2, "caso especial valid for ENFERMERIA/MINSA/CUSCO; PPP uploaded");
    cr_expect_eq(req, INSC_DOC_BIT(DOC_PPP) | INSC_DOC_BIT(DOC_COMPROBANTE));

    /* the profession changed after the caso especial was declared */
    stored[SEC_PROFESIONALES] = json(PROF("\"profesion\":\"OBSTETRICIA\",\"nota_ppp\":16,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\""));
    stored[SEC_DECLARACION] = json("{\"acepta\":true}");
    verr_init(&E, &A);
    insc_faltantes(stored, INSC_DOC_BIT(DOC_PPP) | INSC_DOC_BIT(DOC_COMPROBANTE), &ctx, &E, &req);
    expect_error("datos_postulacion.caso_especial", "CASO_ESPECIAL_SIN_PLAZAS");
    cr_expect_eq(E.n, 1);
}

Test(reglas, faltantes_empty_when_complete)
{
    const jv *stored[SEC_N] = {
        json("{" PERSONALES_OK "}"),
        json(PROF("\"profesion\":\"BIOLOGIA\"")),
        json(POST("\"trabajador_estado\":false,\"diresa\":\"AMAZONAS\",\"modalidad\":\"EQUIVALENTE\"")),
        json("{\"acepta\":true}"),
    };
    unsigned req = 99;
    insc_faltantes(stored, 0, &ctx, &E, &req);
    cr_expect_eq(E.n, 0, "%s %s", E.head ? E.head->field : "", E.head ? E.head->code : "");
    cr_expect_eq(req, 0);
}

Test(reglas, document_names_round_trip)
{
    for (int d = 0; d < DOC_N; d++) {
        cr_expect_eq(insc_doc_desde_tipo(insc_doc_tipo((insc_doc)d)), d);
        cr_expect_not_null(insc_doc_descripcion((insc_doc)d));
    }
    cr_expect_eq(insc_doc_desde_tipo("ppp"), -1);
    cr_expect_eq(insc_doc_desde_tipo(NULL), -1);
    cr_expect_str_eq(insc_seccion_nombre(SEC_POSTULACION), "datos_postulacion");
}
