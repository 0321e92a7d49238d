/* cursor.c - opaque, tamper-checked page cursors (see cursor.h): base64url
 * of the fields joined by '\x1f' followed by a 16-byte keyed BLAKE2b tag of
 * the context and the fields. */
#include "cursor.h"
#include <sodium.h>
#include <string.h>

#define CURSOR_TAG 16
#define CURSOR_SEP '\x1f'

/* tag = BLAKE2b-128 under a key derived from secret, of context NUL payload. */
static void cursor_tag(const char *secret, const char *context, const unsigned char *payload, size_t n,
                       unsigned char tag[CURSOR_TAG])
{
    unsigned char key[crypto_generichash_KEYBYTES];
    crypto_generichash(key, sizeof key, (const unsigned char *)secret, strlen(secret),
                       (const unsigned char *)"serums-cursor-v1", 16);
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, sizeof key, CURSOR_TAG);
    crypto_generichash_update(&st, (const unsigned char *)context, strlen(context) + 1);
    crypto_generichash_update(&st, payload, n);
    crypto_generichash_final(&st, tag, CURSOR_TAG);
    sodium_memzero(key, sizeof key);
}

const char *cursor_seal(arena *a, const char *secret, const char *context, const char *const *fields, int n)
{
    if (n < 1 || n > CURSOR_MAX_FIELDS) return NULL;
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        if (!fields[i] || strchr(fields[i], CURSOR_SEP)) return NULL;
        len += strlen(fields[i]) + 1;
    }
    unsigned char *raw = arena_alloc(a, len + CURSOR_TAG);
    if (!raw) return NULL;
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(fields[i]);
        memcpy(raw + at, fields[i], k);
        at += k;
        if (i + 1 < n) raw[at++] = CURSOR_SEP;
    }
    cursor_tag(secret, context, raw, at, raw + at);
    size_t cap = sodium_base64_encoded_len(at + CURSOR_TAG, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, cap);
    if (!out) return NULL;
    return sodium_bin2base64(out, cap, raw, at + CURSOR_TAG, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Splits payload (NUL-terminated, no NUL inside) into exactly n fields. */
static bool cursor_split(char *payload, const char **fields, int n)
{
    char *p = payload;
    for (int i = 0; i < n; i++) {
        fields[i] = p;
        char *sep = strchr(p, CURSOR_SEP);
        if (i + 1 < n) {
            if (!sep) return false;
            *sep = '\0';
            p = sep + 1;
        } else if (sep) {
            return false;
        }
    }
    return true;
}

bool cursor_open(arena *a, const char *secret, const char *context, const char *cursor, const char **fields,
                 int n)
{
    if (!cursor || n < 1 || n > CURSOR_MAX_FIELDS) return false;
    size_t cap = strlen(cursor), len = 0;
    unsigned char *raw = arena_alloc(a, cap + 1);
    if (!raw || sodium_base642bin(raw, cap, cursor, cap, NULL, &len, NULL,
                                  sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    if (len < CURSOR_TAG) return false;
    size_t plen = len - CURSOR_TAG;
    unsigned char tag[CURSOR_TAG];
    cursor_tag(secret, context, raw, plen, tag);
    if (sodium_memcmp(tag, raw + plen, CURSOR_TAG) != 0) return false;
    if (memchr(raw, '\0', plen)) return false;
    raw[plen] = '\0';
    return cursor_split((char *)raw, fields, n);
}
