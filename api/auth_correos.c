/* auth_correos.c - the accounts module's emails, in Spanish, text and HTML,
 * inserted into the outbox inside the caller's transaction (the mailer
 * delivers and retries). Values put in HTML are digits, base64url tokens and
 * the configured app URL, so no escaping is needed beyond that. */
#include "auth_internal.h"
#include "db.h"
#include "worker.h"
#include "sql_gen.h"

/* secret (may be NULL): the code or token in the message, removed from the
 * outbox once delivered (migration 0751). Base64url and digits need no
 * quoting inside the array literal. */
static bool enqueue(req *r, const char *to, const char *subject, const char *text, const char *html,
                    const char *secret)
{
    if (!subject || !text || !html) return false;
    const char *p[] = {to, subject, text, html, secret ? arena_printf(r->a, "{%s}", secret) : NULL};
    return db_exec(r->w->db, r->a, &SQL_auth_outbox_enqueue, 5, p) != NULL;
}

static const char *html_page(req *r, const char *body)
{
    return arena_printf(
        r->a,
        "<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><body style=\"font-family:sans-serif\">"
        "%s<p style=\"color:#666\">Ministerio de Salud del Perú &middot; SERUMS</p></body></html>",
        body);
}

bool auth_mail_code(req *r, const char *email, const char *codigo, bool cuenta_existe)
{
    const char *nota_txt =
        cuenta_existe
            ? "Ya existe una cuenta SERUMS con este correo. Si olvidó su contraseña, use \"Olvidé mi contraseña\".\n\n"
            : "";
    const char *nota_html =
        cuenta_existe ? "<p>Ya existe una cuenta SERUMS con este correo. Si olvidó su contraseña, use "
                        "<em>Olvidé mi contraseña</em>.</p>"
                      : "";
    const char *text = arena_printf(
        r->a,
        "Hola:\n\n"
        "Tu código de verificación SERUMS: %s\n\n"
        "Es válido por %d minutos. Si no lo solicitaste, ignora este mensaje.\n\n%s"
        "Ministerio de Salud del Perú - SERUMS\n",
        codigo, AUTH_CODE_TTL_MIN, nota_txt);
    const char *html = html_page(
        r, arena_printf(r->a,
                        "<p>Hola:</p><p>Tu código de verificación SERUMS:</p>"
                        "<p style=\"font-size:28px;letter-spacing:6px\"><strong>%s</strong></p>"
                        "<p>Es válido por %d minutos. Si no lo solicitaste, ignora este mensaje.</p>%s",
                        codigo, AUTH_CODE_TTL_MIN, nota_html));
    return enqueue(r, email, "Código de verificación SERUMS", text, html, codigo);
}

bool auth_mail_reset(req *r, const char *email, const char *token)
{
    const char *link = arena_printf(r->a, "%s/restablecer?token=%s", r->w->cfg->app_url, token);
    const char *text = arena_printf(
        r->a,
        "Hola:\n\nRecibimos una solicitud para restablecer tu contraseña SERUMS. Abre este enlace:\n\n%s\n\n"
        "El enlace es válido por %d minutos y sirve una sola vez. Si no lo solicitaste, ignora este "
        "mensaje: tu contraseña no cambiará.\n\nMinisterio de Salud del Perú - SERUMS\n",
        link, AUTH_RESET_TTL_MIN);
    const char *html = html_page(
        r,
        arena_printf(
            r->a,
            "<p>Hola:</p><p>Recibimos una solicitud para restablecer tu contraseña SERUMS.</p>"
            "<p><a href=\"%s\">Restablecer mi contraseña</a></p>"
            "<p>El enlace es válido por %d minutos y sirve una sola vez. Si no lo solicitaste, ignora este "
            "mensaje: tu contraseña no cambiará.</p>",
            link, AUTH_RESET_TTL_MIN));
    return enqueue(r, email, "Restablecer contraseña SERUMS", text, html, token);
}

bool auth_mail_password_changed(req *r, const char *email)
{
    const char *text =
        "Hola:\n\nLa contraseña de tu cuenta SERUMS acaba de cambiar y se cerraron todas tus sesiones.\n"
        "Si no fuiste tú, restablece tu contraseña de inmediato y avisa a soporte.\n\n"
        "Ministerio de Salud del Perú - SERUMS\n";
    const char *html = html_page(
        r,
        "<p>Hola:</p><p>La contraseña de tu cuenta SERUMS acaba de cambiar y se cerraron todas tus sesiones.</p>"
        "<p>Si no fuiste tú, restablece tu contraseña de inmediato y avisa a soporte.</p>");
    return enqueue(r, email, "Tu contraseña SERUMS cambió", text, html, NULL);
}

bool auth_mail_documento_existente(req *r, const char *email)
{
    const char *text =
        "Hola:\n\nAlguien intentó crear una cuenta SERUMS con tu documento de identidad, que ya tiene esta "
        "cuenta. No se creó ninguna cuenta nueva.\nSi fuiste tú, inicia sesión con este correo o usa \"Olvidé mi "
        "contraseña\". Si no, no hace falta hacer nada.\n\nMinisterio de Salud del Perú - SERUMS\n";
    const char *html = html_page(
        r,
        "<p>Hola:</p><p>Alguien intentó crear una cuenta SERUMS con tu documento de identidad, que ya tiene esta "
        "cuenta. No se creó ninguna cuenta nueva.</p><p>Si fuiste tú, inicia sesión con este correo o usa "
        "<em>Olvidé mi contraseña</em>. Si no, no hace falta hacer nada.</p>");
    return enqueue(r, email, "Intento de registro con tu documento SERUMS", text, html, NULL);
}
