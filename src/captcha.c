/* captcha.c - the siteverify client (see captcha.h). One short-lived curl
 * handle per verification, 5 s timeout; the answer is read with the strict
 * JSON parser and only `success: true` passes. */
#include "captcha.h"
#include "curl_cliente.h"
#include "json.h"
#include "log.h"
#include <curl/curl.h>
#include <string.h>

#define CAPTCHA_MAX_ANSWER 8192

typedef struct answer {
    char buf[CAPTCHA_MAX_ANSWER];
    size_t len;
} answer;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    answer *b = ud;
    size_t len = size * n;
    if (b->len + len >= sizeof b->buf) return 0;
    memcpy(b->buf + b->len, p, len);
    b->len += len;
    return len;
}

bool captcha_enabled(const config *cfg) { return cfg->captcha_verify_url && *cfg->captcha_verify_url; }

static char *form(arena *a, CURL *c, const config *cfg, const char *token, const char *ip)
{
    char *s = curl_easy_escape(c, cfg->captcha_secret ? cfg->captcha_secret : "", 0);
    char *t = curl_easy_escape(c, token, 0);
    char *i = curl_easy_escape(c, ip ? ip : "", 0);
    char *out = s && t && i ? arena_printf(a, "secret=%s&response=%s&remoteip=%s", s, t, i) : NULL;
    curl_free(s);
    curl_free(t);
    curl_free(i);
    return out;
}

static captcha_result parse_answer(arena *a, const answer *b)
{
    jv *root = NULL;
    char err[160];
    json_limits lim = {CAPTCHA_MAX_ANSWER, 8, CAPTCHA_MAX_ANSWER};
    if (json_parse(a, b->buf, b->len, &lim, &root, err, sizeof err) != 0 || root->t != JV_OBJECT)
        return CAPTCHA_UNAVAILABLE;
    const jv *ok = jv_get(root, "success");
    return ok && ok->t == JV_BOOL && ok->b ? CAPTCHA_OK : CAPTCHA_REFUSED;
}

captcha_result captcha_verify(const config *cfg, arena *a, const char *token, const char *remote_ip)
{
    if (!token || !*token) return CAPTCHA_REFUSED;
    CURL *c = curl_cliente(cfg->captcha_verify_url, 2000L, 5000L);
    if (!c) return CAPTCHA_UNAVAILABLE;
    answer *b = arena_calloc(a, 1, sizeof *b);
    char *body = b ? form(a, c, cfg, token, remote_ip) : NULL;
    captcha_result res = CAPTCHA_UNAVAILABLE;
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (rc == CURLE_OK && status == 200) res = parse_answer(a, b);
        else
            log_warn("captcha_unavailable", "\"curl\":\"%s\",\"status\":%ld", curl_easy_strerror(rc), status);
    }
    curl_easy_cleanup(c);
    return res;
}
