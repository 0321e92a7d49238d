/* token.c - access JWTs (libjwt, HS256 only) and opaque secrets (libsodium);
 * see token.h. libjwt's own MAC check is a plain string comparison, so the
 * MAC is first checked here with sodium_memcmp; libjwt then parses and checks
 * it again. */
#include "token.h"
#include "texto.h"
#include "json.h"
#include <errno.h>
#include <jwt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLOCK_SKEW 60

const token_role *token_role_find(const token_role *roles, const char *name)
{
    for (const token_role *r = roles; name && r && r->name; r++)
        if (!strcmp(r->name, name)) return r;
    return NULL;
}

char *token_access_issue(arena *a, const token_keys *k, token_claims *c, time_t now, int ttl)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(c->jti, sizeof c->jti, raw, sizeof raw);
    c->iat = now;
    c->exp = now + ttl;
    jw *w = jw_new(a);
    if (!w) return NULL;
    jw_obj(w);
    jw_kstr(w, "sub", arena_printf(a, "%lld", c->sub));
    jw_kstr(w, "rol", c->rol);
    jw_kstr(w, "scope", c->scope[0] ? c->scope : NULL);
    jw_kint(w, "iat", (long long)c->iat);
    jw_kint(w, "exp", (long long)c->exp);
    jw_kstr(w, "iss", k->iss);
    jw_kstr(w, "aud", k->aud);
    jw_kstr(w, "jti", c->jti);
    if (c->sid[0]) jw_kstr(w, "sid", c->sid);
    jw_end_obj(w);
    size_t len;
    const char *claims = jw_finish(w, &len);
    jwt_t *jwt = NULL;
    char *out = NULL;
    if (claims && jwt_new(&jwt) == 0 && jwt_add_grants_json(jwt, claims) == 0 &&
        jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)k->secret, (int)strlen(k->secret)) == 0) {
        char *enc = jwt_encode_str(jwt);
        if (enc) out = arena_strdup(a, enc);
        free(enc);
    }
    jwt_free(jwt);
    return out;
}

/* HMAC-SHA256 over "header.payload" against the third part, constant time. */
static token_result mac_check(const token_keys *k, const char *tok, size_t len)
{
    const char *d1 = memchr(tok, '.', len);
    const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - tok)) : NULL;
    if (!d1 || !d2 || d1 == tok || d2 == d1 + 1 || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - tok)))
        return TOKEN_MALFORMED;
    unsigned char sig[64];
    size_t siglen = 0;
    const char *end = NULL;
    if (sodium_base642bin(sig, sizeof sig, d2 + 1, len - (size_t)(d2 + 1 - tok), NULL, &siglen, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != tok + len)
        return TOKEN_BAD_SIGNATURE;
    if (siglen != crypto_auth_hmacsha256_BYTES) return TOKEN_BAD_SIGNATURE;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)k->secret, strlen(k->secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)tok, (size_t)(d2 - tok));
    crypto_auth_hmacsha256_final(&st, mac);
    return sodium_memcmp(mac, sig, sizeof mac) == 0 ? TOKEN_OK : TOKEN_BAD_SIGNATURE;
}

/* The header must say HS256 (and JWT when it names a type). */
static token_result header_check(jwt_t *jwt)
{
    const char *alg = jwt_get_header(jwt, "alg");
    if (jwt_get_alg(jwt) != JWT_ALG_HS256 || !alg || strcmp(alg, "HS256") != 0) return TOKEN_BAD_ALG;
    const char *typ = jwt_get_header(jwt, "typ");
    if (typ && strcmp(typ, "JWT") != 0) return TOKEN_MALFORMED;
    return TOKEN_OK;
}

static bool copy_claim(jwt_t *jwt, const char *name, char *out, size_t outlen)
{
    const char *v = jwt_get_grant(jwt, name);
    if (!v || strlen(v) >= outlen) return false;
    memcpy(out, v, strlen(v) + 1);
    return true;
}

static bool int_claim(jwt_t *jwt, const char *name, time_t *out)
{
    errno = 0;
    long v = jwt_get_grant_int(jwt, name);
    if (errno || v <= 0) return false;
    *out = (time_t)v;
    return true;
}

static token_result claims_check(jwt_t *jwt, const token_keys *k, time_t now, token_claims *c)
{
    const char *iss = jwt_get_grant(jwt, "iss"), *aud = jwt_get_grant(jwt, "aud");
    const char *sub = jwt_get_grant(jwt, "sub");
    if (!iss || strcmp(iss, k->iss) || !aud || strcmp(aud, k->aud)) return TOKEN_BAD_CLAIMS;
    if (!texto_id_decimal(sub)) return TOKEN_BAD_CLAIMS;
    c->sub = strtoll(sub, NULL, 10);
    if (!copy_claim(jwt, "rol", c->rol, sizeof c->rol)) return TOKEN_BAD_CLAIMS;
    const token_role *role = token_role_find(k->roles, c->rol);
    if (!role) return TOKEN_BAD_CLAIMS;
    c->scope[0] = '\0';
    bool has_scope = copy_claim(jwt, "scope", c->scope, sizeof c->scope) && c->scope[0];
    if (has_scope != role->scoped) return TOKEN_BAD_CLAIMS;
    if (!copy_claim(jwt, "jti", c->jti, sizeof c->jti) || !c->jti[0]) return TOKEN_BAD_CLAIMS;
    c->sid[0] = '\0';
    if (jwt_get_grant(jwt, "sid") && !copy_claim(jwt, "sid", c->sid, sizeof c->sid)) return TOKEN_BAD_CLAIMS;
    if (!int_claim(jwt, "iat", &c->iat) || !int_claim(jwt, "exp", &c->exp)) return TOKEN_BAD_CLAIMS;
    if (c->iat > now + CLOCK_SKEW || c->exp <= c->iat) return TOKEN_BAD_CLAIMS;
    if (c->exp <= now) return TOKEN_EXPIRED;
    return TOKEN_OK;
}

token_result token_access_verify(const token_keys *k, const char *tok, time_t now, token_claims *out)
{
    size_t len = tok ? strlen(tok) : 0;
    if (len == 0 || len > TOKEN_MAX_LEN) return TOKEN_MALFORMED;
    token_result r = mac_check(k, tok, len);
    if (r != TOKEN_OK) return r;
    jwt_t *jwt = NULL;
    if (jwt_decode(&jwt, tok, (const unsigned char *)k->secret, (int)strlen(k->secret)) != 0 || !jwt) {
        jwt_free(jwt);
        return TOKEN_MALFORMED;
    }
    r = header_check(jwt);
    if (r == TOKEN_OK) r = claims_check(jwt, k, now, out);
    jwt_free(jwt);
    return r;
}

const char *token_result_text(token_result r)
{
    switch (r) {
    case TOKEN_OK: return "Token válido.";
    case TOKEN_EXPIRED: return "El token de acceso expiró; renuévelo.";
    case TOKEN_BAD_ALG: return "Algoritmo de firma no admitido.";
    case TOKEN_BAD_SIGNATURE: return "La firma del token no es válida.";
    case TOKEN_BAD_CLAIMS: return "El token no corresponde a este servicio.";
    default: return "El token de acceso está mal formado.";
    }
}

char *token_random(arena *a)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    if (out) sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return out;
}

void token_digits(char *out, int n)
{
    for (int i = 0; i < n && i < 12; i++) out[i] = (char)('0' + randombytes_uniform(10));
    out[n < 12 ? n : 12] = '\0';
}

/* The 32-byte keyed BLAKE2b of purpose and value under a key derived from the secret. */
static void keyed_hash(const char *secret, const char *purpose, const char *value, unsigned char h[32])
{
    unsigned char key[crypto_generichash_KEYBYTES];
    crypto_generichash(key, sizeof key, (const unsigned char *)secret, strlen(secret),
                       (const unsigned char *)"serums-token-hash-v1", 20);
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, sizeof key, 32);
    crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
    crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
    crypto_generichash_final(&st, h, 32);
    sodium_memzero(key, sizeof key);
}

void token_hash(const char *secret, const char *purpose, const char *value, char out[TOKEN_HASH_HEX])
{
    unsigned char h[32];
    keyed_hash(secret, purpose, value, h);
    sodium_bin2hex(out, TOKEN_HASH_HEX, h, sizeof h);
}

char *token_successor(arena *a, const char *secret, const char *token)
{
    unsigned char h[32];
    keyed_hash(secret, "sucesor", token, h);
    size_t n = sodium_base64_ENCODED_LEN(sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    if (out) sodium_bin2base64(out, n, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(h, sizeof h);
    return out;
}

bool token_hash_equal(const char *a, const char *b)
{
    if (!a || !b || strlen(a) != TOKEN_HASH_HEX - 1 || strlen(b) != TOKEN_HASH_HEX - 1) return false;
    return sodium_memcmp(a, b, TOKEN_HASH_HEX - 1) == 0;
}
