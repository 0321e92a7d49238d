/* captcha.c - the siteverify client (see captcha.h). One short-lived curl
 * handle per verification (src/curl_cliente.c), 5 s timeout; the answer is read with the strict
 * JSON parser and only `success: true` passes. */
#include "captcha.h"
#include "curl_cliente.h"
#include "json.h"
#include "log.h"
#include <curl/curl.h>

#define CAPTCHA_MAX_ANSWER 8192

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

static captcha_result parse_answer(arena *a, const curl_respuesta *b)
{
    jv *root = NULL;
    char err[160];
    json_limits lim = {CAPTCHA_MAX_ANSWER, 8, CAPTCHA_MAX_ANSWER};
    if (json_parse(a, b->cuerpo, b->largo, &lim, &root, err, sizeof err) != 0 || root->t != JV_OBJECT)
        return CAPTCHA_UNAVAILABLE;
    const jv *ok = jv_get(root, "success");
    return ok && ok->t == JV_BOOL && ok->b ? CAPTCHA_OK : CAPTCHA_REFUSED;
}

captcha_result captcha_verify(const config *cfg, arena *a, const char *token, const char *remote_ip)
{
    if (!token || !*token) return CAPTCHA_REFUSED;
    CURL *c = curl_cliente(cfg->captcha_verify_url, 2000L, 5000L);
    if (!c) return CAPTCHA_UNAVAILABLE;
    curl_respuesta ans = curl_cliente_post(c, a, NULL, form(a, c, cfg, token, remote_ip), CAPTCHA_MAX_ANSWER);
    curl_easy_cleanup(c);
    if (ans.status == 200) return parse_answer(a, &ans);
    log_warn("captcha_unavailable", "\"curl\":\"%s\",\"status\":%ld", curl_easy_strerror(ans.rc), ans.status);
    return CAPTCHA_UNAVAILABLE;
}
