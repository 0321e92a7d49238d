/* it_auth.c - account helpers for integration tests, doing the real flow
 * through nginx: email code read from the SMTP sink, a random valid DNI,
 * registration, login as the mobile client (see it.h). */
#include "it.h"
#include "documento.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Accepted by the fake captcha verifier the test stack runs (ignored when
 * captcha is off). */
#define IT_CAPTCHA_OK "prueba-captcha-ok"

char *it_login(const char *email, const char *password)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", email, password);
    it_resp *r = it_post("/v1/auth/login", NULL, body);
    const char *tok = r->status == 200 ? it_str(r, "access_token") : NULL;
    /* info, not warn: Criterion exits non-zero on any warning (Snaipe/Criterion#169),
     * and tests expect refused logins */
    if (!tok) cr_log_info("it_login %s: %ld %s", email, r->status, r->body ? r->body : "");
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

/* Quoted-printable soft breaks and =XX escapes undone (malloc'ed). */
static char *qp_decode(const char *s)
{
    size_t n = strlen(s), j = 0;
    char *out = malloc(n + 1);
    cr_assert(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=' && s[i + 1] == '\r' && s[i + 2] == '\n') { i += 2; continue; }
        if (s[i] == '=' && s[i + 1] == '\n') { i += 1; continue; }
        unsigned hi, lo;
        if (s[i] == '=' && sscanf(s + i + 1, "%1x%1x", &hi, &lo) == 2) {
            out[j++] = (char)(hi * 16 + lo);
            i += 2;
            continue;
        }
        out[j++] = s[i];
    }
    out[j] = '\0';
    return out;
}

/* Newest mail to `to` containing needle and different from `before` (raw),
 * quoted-printable decoded; waits up to 15 s. NULL when none came. */
static char *mail_newer(const char *to, const char *needle, const char *before)
{
    for (int waited = 0; waited < 15000; waited += 50) {
        char *m = it_mail_wait(to, needle, 0);
        if (m && (!before || strcmp(m, before) != 0)) {
            char *d = qp_decode(m);
            free(m);
            return d;
        }
        free(m);
        usleep(50 * 1000);
    }
    return NULL;
}

/* The run of `charset` characters after `marker` in the decoded mail. */
static char *mail_value(const char *mail, const char *marker, const char *charset)
{
    const char *p = mail ? strstr(mail, marker) : NULL;
    if (!p) return NULL;
    p += strlen(marker);
    size_t n = strspn(p, charset);
    return n ? strndup(p, n) : NULL;
}

char *it_email_code(const char *email)
{
    char *before = it_mail_wait(email, "SERUMS: ", 0);
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\"}", email);
    it_resp *r = it_post("/v1/auth/email-codes", NULL, body);
    cr_assert_eq(r->status, 202, "email-codes: %ld %s", r->status, r->body ? r->body : "");
    it_free(r);
    char *mail = mail_newer(email, "SERUMS: ", before);
    free(before);
    cr_assert(mail, "no verification email for %s", email);
    char *code = mail_value(mail, "SERUMS: ", "0123456789");
    free(mail);
    cr_assert(code && strlen(code) == 6, "no code in the email for %s", email);
    return code;
}

char *it_reset_token(const char *email)
{
    char *before = it_mail_wait(email, "restablecer?token", 0);
    char body[512];
    snprintf(body, sizeof body, "{\"email\":\"%s\"}", email);
    it_resp *r = it_post("/v1/auth/password-resets", NULL, body);
    cr_assert_eq(r->status, 202, "password-resets: %ld %s", r->status, r->body ? r->body : "");
    it_free(r);
    char *mail = mail_newer(email, "restablecer?token", before);
    free(before);
    char *tok = mail_value(mail, "/restablecer?token=",
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    free(mail);
    return tok;
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
