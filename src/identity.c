/* identity.c - the identity registry client (see identity.h). One short-lived
 * curl handle per lookup (src/curl_cliente.c), 5 s timeout; the answer is read with the strict
 * JSON parser and names must be non-empty strings of at most 100 bytes, else
 * the registry counts as unavailable (never a half-filled name). */
#include "identity.h"
#include "curl_cliente.h"
#include "json.h"
#include "log.h"
#include <curl/curl.h>
#include <string.h>

#define IDENTITY_MAX_ANSWER 8192

bool identity_enabled(const config *cfg) { return cfg->identity_verify_url && *cfg->identity_verify_url; }

static const char *request_json(arena *a, const char *type, const char *number, const char *birth)
{
    jw *w = jw_new(a);
    if (!w) return NULL;
    jw_obj(w);
    jw_kstr(w, "document_type", type);
    jw_kstr(w, "document_number", number);
    jw_kstr(w, "birth_date", birth);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

/* A name field: a non-empty string up to 100 bytes (NULL otherwise). */
static const char *name_field(const jv *root, const char *key)
{
    const jv *v = jv_get(root, key);
    if (!v || v->t != JV_STRING || !v->s[0] || strlen(v->s) > 100) return NULL;
    return v->s;
}

static identity_result parse_answer(arena *a, const curl_respuesta *b, identity_names *out)
{
    jv *root = NULL;
    char err[160];
    json_limits lim = {IDENTITY_MAX_ANSWER, 8, IDENTITY_MAX_ANSWER};
    if (json_parse(a, b->cuerpo, b->largo, &lim, &root, err, sizeof err) != 0 || root->t != JV_OBJECT)
        return IDENTITY_UNAVAILABLE;
    out->given_names = name_field(root, "given_names");
    out->first_surname = name_field(root, "first_surname");
    out->second_surname = name_field(root, "second_surname");
    return out->given_names && out->first_surname ? IDENTITY_FOUND : IDENTITY_UNAVAILABLE;
}

identity_result identity_lookup(const config *cfg, arena *a, const char *document_type,
                                const char *document_number, const char *birth_date, identity_names *out)
{
    memset(out, 0, sizeof *out);
    CURL *c = curl_cliente(cfg->identity_verify_url, 2000L, 5000L);
    if (!c) return IDENTITY_UNAVAILABLE;
    const char *body = request_json(a, document_type, document_number, birth_date);
    const char *auth = arena_printf(a, "Authorization: Bearer %s",
                                    cfg->identity_token ? cfg->identity_token : "");
    struct curl_slist *h = body && auth ? curl_slist_append(NULL, "Content-Type: application/json") : NULL;
    if (h && cfg->identity_token && *cfg->identity_token) h = curl_slist_append(h, auth);
    identity_result res = IDENTITY_UNAVAILABLE;
    curl_respuesta ans = {0};
    if (h) ans = curl_cliente_post(c, a, h, body, IDENTITY_MAX_ANSWER);
    if (ans.status == 200) res = parse_answer(a, &ans, out);
    else if (ans.status == 404) res = IDENTITY_NOT_FOUND;
    if (res == IDENTITY_UNAVAILABLE)
        log_warn("identity_unavailable", "\"curl\":\"%s\",\"status\":%ld", curl_easy_strerror(ans.rc),
                 ans.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return res;
}
