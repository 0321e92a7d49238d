/* mailer.c - the outbox worker. Claims due messages with FOR UPDATE SKIP
 * LOCKED (several mailers may run), builds a multipart MIME message with
 * curl_mime (text + HTML alternative, optional attachment), sends it, and
 * marks it sent or schedules the next attempt (30 s doubling, capped at 1 h).
 * Wakes on NOTIFY outbox or every few seconds. A delivered message keeps no
 * secret: the values listed in `secretos` (codes, link tokens) are replaced
 * in its text (migration 0751), as are those of messages a day undelivered. */
#include "mailer.h"
#include "curl_cliente.h"
#include "log.h"
#include "signals.h"
#include <curl/curl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static volatile sig_atomic_t mailer_stop_requested;
static void on_term(int sig)
{
    (void)sig;
    mailer_stop_requested = 1;
}

#define CLAIM_SQL                                                                  \
    "select id, destinatario, asunto, texto, html, adjunto_nombre, adjunto_tipo, " \
    "encode(adjunto, 'base64') "                                                   \
    "from outbox where enviado_at is null and proximo_intento <= now() "           \
    "order by id limit 20 for update skip locked"

typedef struct msg {
    const char *id, *to, *subject, *text, *html, *att_name, *att_type;
    const char *att;
    size_t att_len;
} msg;

static curl_mime *build_mime(CURL *c, const msg *m)
{
    curl_mime *mime = curl_mime_init(c);
    curl_mime *alt = curl_mime_init(c);
    if (!mime || !alt) {
        curl_mime_free(mime);
        curl_mime_free(alt);
        return NULL;
    }
    curl_mimepart *part = curl_mime_addpart(alt);
    curl_mime_data(part, m->text ? m->text : "", CURL_ZERO_TERMINATED);
    curl_mime_type(part, "text/plain; charset=utf-8");
    curl_mime_encoder(part, "quoted-printable");
    if (m->html) {
        part = curl_mime_addpart(alt);
        curl_mime_data(part, m->html, CURL_ZERO_TERMINATED);
        curl_mime_type(part, "text/html; charset=utf-8");
        curl_mime_encoder(part, "quoted-printable");
    }
    part = curl_mime_addpart(mime);
    curl_mime_subparts(part, alt);
    curl_mime_type(part, "multipart/alternative");
    if (m->att && m->att_len) {
        part = curl_mime_addpart(mime);
        curl_mime_data(part, m->att, m->att_len);
        curl_mime_type(part, m->att_type ? m->att_type : "application/octet-stream");
        curl_mime_filename(part, m->att_name ? m->att_name : "adjunto");
        curl_mime_encoder(part, "base64");
    }
    return mime;
}

/* RFC 2047 encoded-word for a UTF-8 subject. */
static void encode_subject(const char *s, char *out, size_t outlen)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(s), j = (size_t)snprintf(out, outlen, "Subject: =?UTF-8?B?");
    for (size_t i = 0; i < n && j + 5 < outlen - 3; i += 3) {
        unsigned v = (unsigned char)s[i] << 16;
        if (i + 1 < n) v |= (unsigned char)s[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)s[i + 2];
        out[j++] = b64[(v >> 18) & 63];
        out[j++] = b64[(v >> 12) & 63];
        out[j++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[j++] = i + 2 < n ? b64[v & 63] : '=';
    }
    snprintf(out + j, outlen - j, "?=");
}

static int send_one(const config *cfg, const msg *m, char *err, size_t errlen)
{
    CURL *c = curl_cliente(cfg->smtp_url, 5000L, 30000L);
    if (!c) {
        snprintf(err, errlen, "curl init");
        return -1;
    }
    char from[512], to[512], subject[1024], from_hdr[600], to_hdr[600];
    snprintf(from, sizeof from, "<%s>", cfg->mail_from);
    snprintf(to, sizeof to, "<%s>", m->to);
    snprintf(from_hdr, sizeof from_hdr, "From: SERUMS MINSA <%s>", cfg->mail_from);
    snprintf(to_hdr, sizeof to_hdr, "To: <%s>", m->to);
    encode_subject(m->subject ? m->subject : "", subject, sizeof subject);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct curl_slist *hdrs = curl_slist_append(NULL, from_hdr);
    hdrs = curl_slist_append(hdrs, to_hdr);
    hdrs = curl_slist_append(hdrs, subject);
    hdrs = curl_slist_append(hdrs, "MIME-Version: 1.0");
    curl_mime *mime = build_mime(c, m);
    int rc = -1;
    if (rcpt && hdrs && mime) {
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
        CURLcode res = curl_easy_perform(c);
        if (res == CURLE_OK) rc = 0;
        else snprintf(err, errlen, "%s", curl_easy_strerror(res));
    } else {
        snprintf(err, errlen, "out of memory");
    }
    curl_mime_free(mime);
    curl_slist_free_all(rcpt);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return rc;
}

static int exec_simple(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
    PQclear(r);
    return ok ? 0 : -1;
}

static void mark(PGconn *c, const char *id, int ok, const char *err)
{
    const char *p[] = {id, err};
    PGresult *r = ok ? PQexecParams(c,
                                    "update outbox set enviado_at = now(), intentos = intentos + 1, "
                                    "ultimo_error = null, texto = outbox_tachar(texto, secretos), "
                                    "html = outbox_tachar(html, secretos), secretos = null where id = $1",
                                    1, NULL, p, NULL, NULL, 0)
                     : PQexecParams(c,
                                    "update outbox set intentos = intentos + 1, ultimo_error = $2, "
                                    "proximo_intento = now() + least(interval '1 hour', "
                                    "interval '30 seconds' * power(2, least(intentos, 12))) where id = $1",
                                    2, NULL, p, NULL, NULL, 0);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) log_error("mailer_mark_failed", "\"id\":%s", id);
    PQclear(r);
}

static const char *field(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* Undelivered for a day: whatever secret the message held has expired, and
 * the table must not keep it either. */
#define SCRUB_STALE_SQL                                                                                \
    "update outbox set texto = outbox_tachar(texto, secretos), html = outbox_tachar(html, secretos), " \
    "secretos = null where secretos is not null and creado_at < now() - interval '1 day'"

/* One pass over due messages. Returns how many were sent, -1 on DB trouble. */
static int drain(PGconn *c, const config *cfg)
{
    if (exec_simple(c, "begin") != 0) return -1;
    PGresult *r = PQexec(c, CLAIM_SQL);
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
        PQclear(r);
        exec_simple(c, "rollback");
        return -1;
    }
    int sent = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *b64 = PQgetisnull(r, i, 7) ? NULL : PQgetvalue(r, i, 7);
        size_t b64len = b64 ? strlen(b64) : 0, att_len = 0;
        unsigned char *att = b64len ? malloc(b64len) : NULL;
        if (att && sodium_base642bin(att, b64len, b64, b64len, "\r\n", &att_len, NULL,
                                     sodium_base64_VARIANT_ORIGINAL) != 0)
            att_len = 0;
        msg m = {PQgetvalue(r, i, 0), field(r, i, 1), field(r, i, 2),    field(r, i, 3), field(r, i, 4),
                 field(r, i, 5),      field(r, i, 6), (const char *)att, att_len};
        char err[256] = "";
        int ok = m.to && (!b64len || att_len) && send_one(cfg, &m, err, sizeof err) == 0;
        mark(c, m.id, ok, ok ? NULL : err);
        if (ok) sent++;
        else log_warn("mail_retry", "\"id\":%s", m.id);
        free(att);
    }
    PQclear(r);
    if (exec_simple(c, SCRUB_STALE_SQL) != 0) {
        exec_simple(c, "rollback");
        return -1;
    }
    if (exec_simple(c, "commit") != 0) return -1;
    if (sent) log_info("mail_sent", "\"count\":%d", sent);
    return sent;
}

static PGconn *connect_listen(const config *cfg)
{
    PGconn *c = PQconnectdb(cfg->database_url);
    if (PQstatus(c) != CONNECTION_OK || exec_simple(c, "listen outbox") != 0) {
        PQfinish(c);
        return NULL;
    }
    return c;
}

int mailer_drain_once(const config *cfg)
{
    PGconn *c = PQconnectdb(cfg->database_url);
    int n = PQstatus(c) == CONNECTION_OK ? drain(c, cfg) : -1;
    PQfinish(c);
    return n;
}

int mailer_run(const config *cfg)
{
    signals_on_term(on_term);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    log_info("mailer_started", "\"smtp\":\"%s\"", cfg->smtp_url);
    PGconn *c = NULL;
    while (!mailer_stop_requested) {
        if (!c && !(c = connect_listen(cfg))) {
            sleep(1);
            continue;
        }
        int n = drain(c, cfg);
        if (n < 0 && PQstatus(c) != CONNECTION_OK) {
            PQfinish(c);
            c = NULL;
            continue;
        }
        if (n > 0) continue; /* more may be due */
        int fd = PQsocket(c);
        fd_set rs;
        FD_ZERO(&rs);
        FD_SET(fd, &rs);
        struct timeval tv = {2, 0};
        if (select(fd + 1, &rs, NULL, NULL, &tv) > 0) {
            PQconsumeInput(c);
            PGnotify *nt;
            while ((nt = PQnotifies(c))) PQfreemem(nt);
        }
    }
    PQfinish(c);
    curl_global_cleanup();
    return 0;
}
