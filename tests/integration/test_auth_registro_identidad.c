/* test_auth_registro_identidad.c - issue 9, probes 3 and 13: names with line
 * breaks, controls or bidi overrides are refused; with the identity registry
 * configured (the test stack runs fakes/identity-verifier.mjs) a DNI's names
 * come from it, an unknown DNI is refused and counted against the code, a
 * registry that is down answers 503; a Carné de Extranjería (not in the
 * registry) must bring its names; the constancia's person always has a name. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* POST /v1/auth/register for a new email with a random DNI (or CE when
 * ce is set), birth date nac, and extra JSON members. */
static it_resp *registrar(const char *nac, bool ce, const char *extra, char **email_out)
{
    char *email = it_unique_email("identidad");
    char *code = it_email_code(email);
    char dni[9], digito, body[2048];
    it_random_dni(dni, &digito);
    if (ce)
        snprintf(body, sizeof body,
                 "{\"email\":\"%s\",\"codigo_verificacion\":\"%s\",\"tipo_documento\":\"CE\",\"numero_documento\":\"C%s\","
                 "\"fecha_nacimiento\":\"%s\",\"password\":\"Tres-Llamas-del-Sur\",\"captcha_token\":\"prueba-captcha-ok\"%s}",
                 email, code, dni, nac, extra);
    else
        snprintf(body, sizeof body,
                 "{\"email\":\"%s\",\"codigo_verificacion\":\"%s\",\"tipo_documento\":\"DNI\",\"numero_documento\":\"%s\","
                 "\"digito_verificacion\":\"%c\",\"fecha_nacimiento\":\"%s\",\"fecha_emision\":\"2015-09-01\","
                 "\"password\":\"Tres-Llamas-del-Sur\",\"captcha_token\":\"prueba-captcha-ok\"%s}",
                 email, code, dni, digito, nac, extra);
    it_resp *r = it_post("/v1/auth/register", NULL, body);
    free(code);
    if (email_out) *email_out = email;
    else free(email);
    return r;
}

static const char *first_code(it_resp *r, const char *field)
{
    const jv *errs = it_path(r, "errors");
    for (size_t i = 0; errs && i < errs->n; i++)
        if (!strcmp(jv_get(errs->items[i], "field")->s, field)) return jv_get(errs->items[i], "code")->s;
    return "(none)";
}

Test(identidad, names_with_line_breaks_or_bidi_overrides_are_422)
{
    const char *bad[] = {",\"nombres\":\"Ana\\r\\nBcc: x@y.pe\",\"apellido_paterno\":\"Quispe\"",
                         ",\"nombres\":\"Ana\",\"apellido_paterno\":\"Quispe\\u202eodaloc\"",
                         ",\"nombres\":\"Ana\\tLucía\",\"apellido_paterno\":\"Quispe\""};
    const char *field[] = {"nombres", "apellido_paterno", "nombres"};
    for (int i = 0; i < 3; i++) {
        char *email;
        it_resp *r = registrar("1995-08-20", true, bad[i], &email);
        it_expect_problem(r, 422, "VALIDACION");
        cr_expect_str_eq(first_code(r, field[i]), "CARACTER_NO_PERMITIDO", "%s", r->body);
        it_free(r);
        char *n = it_db_value("select count(*) from usuarios where email = $1", email);
        cr_expect_str_eq(n, "0", "nothing stored");
        free(n);
        free(email);
    }
}

Test(identidad, dni_names_come_from_the_registry)
{
    it_resp *r = registrar("1971-07-09", false, ",\"nombres\":\"Otro\",\"apellido_paterno\":\"Nombre\"", NULL);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "nombres"), "ROSA ELENA");
    cr_expect_str_eq(it_str(r, "apellido_paterno"), "HUAMÁN");
    cr_expect_str_eq(it_str(r, "apellido_materno"), "TORRES");
    it_free(r);
    r = registrar("1995-08-20", false, "", NULL);                 /* no names in the body: the registry's */
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "nombres"), "Ana Lucía");
    it_free(r);
}

Test(identidad, unknown_dni_is_refused_and_counts_against_the_code)
{
    char *email;
    it_resp *r = registrar("1971-07-07", false, "", &email);
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect_str_eq(first_code(r, "numero_documento"), "DOCUMENTO_NO_VERIFICADO");
    it_free(r);
    char *tries = it_db_value("select intentos from email_codigos where email = $1 order by id desc limit 1", email);
    cr_expect_str_eq(tries, "1");
    free(tries);
    free(email);
}

Test(identidad, registry_down_is_503_and_changes_nothing)
{
    char *email;
    it_resp *r = registrar("1971-07-08", false, "", &email);
    it_expect_problem(r, 503, "IDENTIDAD_NO_DISPONIBLE");
    it_free(r);
    char *n = it_db_value("select count(*) from usuarios where email = $1", email);
    cr_expect_str_eq(n, "0");
    free(n);
    free(email);
}

Test(identidad, carne_de_extranjeria_must_bring_names)
{
    it_resp *r = registrar("1990-02-14", true, "", NULL);
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect_str_eq(first_code(r, "nombres"), "REQUERIDO");
    cr_expect_str_eq(first_code(r, "apellido_paterno"), "REQUERIDO");
    it_free(r);
    r = registrar("1990-02-14", true, ",\"nombres\":\"Marie Claire\",\"apellido_paterno\":\"Dubois\"", NULL);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "nombres"), "Marie Claire");
    it_free(r);
}
