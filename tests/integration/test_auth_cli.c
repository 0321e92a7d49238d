/* test_auth_cli.c - `serumsd user create` (password from standard input, the
 * policy applied, staff roles) and the seed's refusal under production; the
 * email outbox rows of the accounts module. Runs the stack's own serumsd
 * binary ($SERUMS_ROOT/$SERUMS_BUILD/serumsd) against the test database. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int serumsd(const char *args, const char *stdin_text, const char *env)
{
    const char *root = getenv("SERUMS_ROOT"), *build = getenv("SERUMS_BUILD");
    cr_assert(root && build, "SERUMS_ROOT and SERUMS_BUILD come from the test scripts");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/%s/serumsd %s", env ? env : "", root, build, args);
    return it_shell(cmd, stdin_text, stdin_text ? strlen(stdin_text) : 0, NULL);
}

Test(cli, user_create_makes_a_diresa_account_from_stdin)
{
    char *email = it_unique_email("evaluador.puno");
    char args[512];
    snprintf(args, sizeof args, "user create --role diresa --diresa PUNO --email %s", email);
    cr_expect_eq(serumsd(args, "Lago-Titicaca-3812\n", NULL), 0);
    char *tok = it_login(email, "Lago-Titicaca-3812");
    cr_assert(tok);
    it_resp *r = it_get("/v1/me", tok);
    cr_expect_str_eq(it_str(r, "rol"), "diresa");
    cr_expect_str_eq(it_str(r, "diresa"), "PUNO");
    it_free(r);
    cr_expect_neq(serumsd(args, "Lago-Titicaca-3812\n", NULL), 0, "a second time: already exists");
    char *audit = it_db_value("select count(*) from audit_log where action = 'usuario.crear' and after->>'email' = $1",
                              email);
    cr_expect_str_eq(audit, "1");
    free(audit);
    free(tok);
    free(email);
}

Test(cli, user_create_refuses_bad_input)
{
    char *email = it_unique_email("admin.debil");
    char args[512];
    snprintf(args, sizeof args, "user create --role admin --email %s", email);
    cr_expect_neq(serumsd(args, "password123\n", NULL), 0, "common password");
    cr_expect_neq(serumsd(args, "", NULL), 0, "no password");
    snprintf(args, sizeof args, "user create --role diresa --email %s", email);
    cr_expect_neq(serumsd(args, "Lago-Titicaca-3812\n", NULL), 0, "diresa without --diresa");
    snprintf(args, sizeof args, "user create --role postulante --email %s", email);
    cr_expect_neq(serumsd(args, "Lago-Titicaca-3812\n", NULL), 0, "postulantes register themselves");
    snprintf(args, sizeof args, "user create --role diresa --diresa NARNIA --email %s", email);
    cr_expect_neq(serumsd(args, "Lago-Titicaca-3812\n", NULL), 0, "unknown DIRESA");
    char *n = it_db_value("select count(*) from usuarios where email = $1", email);
    cr_expect_str_eq(n, "0");
    free(n);
    free(email);
}

/* Runs serumsd with stdin closed; its combined output (malloc'ed). */
static char *serumsd_output(const char *args, const char *env)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/%s/serumsd %s", env, getenv("SERUMS_ROOT"), getenv("SERUMS_BUILD"), args);
    char *out = NULL;
    it_shell(cmd, NULL, 0, &out);
    return out;
}

Test(cli, production_never_seeds_demo_accounts)
{
    char *before = it_db_value("select count(*) from usuarios", NULL);
    char *out = serumsd_output("seed", "env -u SERUMS_NOW SERUMS_ENV=production "
                                       "SERUMS_JWT_SECRET=0123456789abcdef0123456789abcdef-prod "
                                       "SERUMS_APP_URL=https://serums.minsa.gob.pe");
    cr_expect(strstr(out, "refusing to load demo data"), "seed refuses under production: %s", out);
    char *after = it_db_value("select count(*) from usuarios", NULL);
    cr_expect_str_eq(before, after);
    free(out);
    free(before);
    free(after);
}

Test(cli, account_emails_go_through_the_outbox_in_text_and_html)
{
    char *email = it_unique_email("outbox");
    char *code = it_email_code(email);
    char *sent = NULL;   /* the sink has the mail; the mailer commits its delivery just after */
    for (int i = 0; i < 100 && !sent; i++) {
        sent = it_db_value("select 1 from outbox where destinatario = $1 and enviado_at is not null", email);
        if (!sent) usleep(100000);
    }
    cr_assert(sent, "delivery recorded");
    free(sent);
    char *text = it_db_value("select texto from outbox where destinatario = $1 order by id desc limit 1", email);
    char *html = it_db_value("select html from outbox where destinatario = $1 order by id desc limit 1", email);
    char *subject = it_db_value("select asunto from outbox where destinatario = $1 order by id desc limit 1", email);
    /* the code reached the sink (it_email_code read it there); delivered, the outbox keeps no copy */
    cr_expect(text && !strstr(text, code) && strstr(text, "[retirado]") && strstr(text, "código"), "text part: %s",
              text ? text : "-");
    cr_expect(html && !strstr(html, code) && strstr(html, "<strong>[retirado]</strong>"), "HTML part: %s", html ? html : "-");
    cr_expect_str_eq(subject, "Código de verificación SERUMS");
    free(text);
    free(html);
    free(subject);
    char *row;
    row = it_db_value("select count(*) from outbox where destinatario = $1 and enviado_at is not null", email);
    cr_expect_str_eq(row, "1", "delivered and kept");
    free(row);
    free(code);
    free(email);
}
