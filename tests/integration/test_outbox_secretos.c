/* test_outbox_secretos.c - issue 9, probe 8: once the mailer delivers a
 * verification code or a password-reset link, the outbox no longer holds
 * them (the text says [retirado]); the person still received them. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Waits (up to 10 s) until the newest message to `to` is delivered and its
 * secrets scrubbed; returns its texto || html (malloc'ed). */
static char *delivered_text(const char *to)
{
    for (int i = 0; i < 100; i++) {
        char *v = it_db_value("select texto || coalesce(html, '') from outbox where destinatario = $1 "
                              "and enviado_at is not null and secretos is null order by id desc limit 1", to);
        if (v) return v;
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
    cr_assert_fail("no delivered message to %s", to);
    return NULL;
}

Test(outbox, verification_code_scrubbed_after_delivery)
{
    char *email = it_unique_email("secreto");
    char *code = it_email_code(email);                    /* read from the SMTP sink: delivered */
    cr_assert(code && strlen(code) == 6);
    char *stored = delivered_text(email);
    cr_expect_null(strstr(stored, code), "the code is still in the outbox: %s", stored);
    cr_expect(strstr(stored, "[retirado]"), "%s", stored);
    cr_expect(strstr(stored, "código de verificación"), "the rest of the message stays");
    free(stored);
    free(code);
    free(email);
}

Test(outbox, reset_link_scrubbed_after_delivery)
{
    char *email = NULL;
    char *access = it_new_postulante(&email);
    char *token = it_reset_token(email);
    cr_assert(token);
    char *stored = NULL;
    for (int i = 0; i < 100 && !stored; i++) {
        stored = it_db_value("select texto || coalesce(html, '') from outbox where destinatario = $1 "
                             "and asunto like 'Restablecer%' and enviado_at is not null and secretos is null "
                             "order by id desc limit 1", email);
        if (!stored) { struct timespec ts = {0, 100000000L}; nanosleep(&ts, NULL); }
    }
    cr_assert(stored, "the reset message was delivered");
    cr_expect_null(strstr(stored, token), "the link token is still in the outbox");
    cr_expect(strstr(stored, "restablecer?token=[retirado]"), "%s", stored);
    char *pending = it_db_value("select count(*)::text from outbox where secretos is not null and enviado_at is not null", NULL);
    cr_expect_str_eq(pending, "0", "no delivered message keeps a secret");
    free(pending);
    free(stored);
    free(token);
    free(access);
    free(email);
}
