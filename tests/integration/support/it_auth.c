/* it_auth.c - account helpers for integration tests, doing the real flow
 * through nginx: email code read from the SMTP sink, a random valid DNI,
 * registration, login as the mobile client (see it.h). */
#include "it.h"
#include "documento.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Accepted by the fake captcha verifier the test stack runs (ignored when
 * captcha is off). */
#define IT_CAPTCHA_OK "prueba-captcha-ok"

char *it_login(const char *email, const char *password)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", email, password);
    it_resp *r = it_post("/v1/auth/login", NULL, body);
    const char *tok = r->status == 200 ? it_str(r, "access_token") : NULL;
    if (!tok) cr_log_warn("it_login %s: %ld %s", email, r->status, r->body ? r->body : "");
    char *out = tok ? strdup(tok) : NULL;
    it_free(r);
    return out;
}

void it_random_dni(char dni[9], char *digito)
{
    snprintf(dni, 9, "%08u", 10000000u + randombytes_uniform(89999999u));
    char letra;
    dni_digitos_verificacion(dni, digito, &letra);
}

char *it_email_code(const char *email)
{
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\"}", email);
    it_resp *r = it_post("/v1/auth/email-codes", NULL, body);
    cr_assert_eq(r->status, 202, "email-codes: %ld %s", r->status, r->body ? r->body : "");
    it_free(r);
    char *mail = it_mail_wait(email, "SERUMS: ", 15000);
    cr_assert(mail, "no verification email for %s", email);
    const char *p = strstr(mail, "SERUMS: ");
    char *code = p ? strndup(p + 8, 6) : NULL;
    free(mail);
    cr_assert(code && strspn(code, "0123456789") == 6, "no code in the email for %s", email);
    return code;
}

char *it_new_postulante(char **email_out)
{
    char *email = it_unique_email("postulante");
    char *code = it_email_code(email);
    long status = 0;
    for (int attempt = 0; attempt < 5 && status != 201; attempt++) {
        char dni[9], digito;
        it_random_dni(dni, &digito);
        char body[1024];
        snprintf(body, sizeof body,
                 "{\"email\":\"%s\",\"codigo_verificacion\":\"%s\",\"tipo_documento\":\"DNI\","
                 "\"numero_documento\":\"%s\",\"digito_verificacion\":\"%c\",\"fecha_nacimiento\":\"1996-04-12\","
                 "\"fecha_emision\":\"2018-07-03\",\"password\":\"%s\",\"captcha_token\":\"%s\","
                 "\"nombres\":\"Ana Lucía\",\"apellido_paterno\":\"Quispe\",\"apellido_materno\":\"Mamani\"}",
                 email, code, dni, digito, IT_DEV_PASSWORD, IT_CAPTCHA_OK);
        it_resp *r = it_post("/v1/auth/register", NULL, body);
        status = r->status;
        if (status != 201 && !(status == 409 && strstr(r->body, "DOCUMENTO_REGISTRADO")))
            cr_assert_fail("register %s: %ld %s", email, status, r->body ? r->body : "");
        it_free(r);
    }
    free(code);
    cr_assert_eq(status, 201);
    char *token = it_login(email, IT_DEV_PASSWORD);
    cr_assert(token, "login of the new postulante failed");
    if (email_out) *email_out = email;
    else free(email);
    return token;
}
