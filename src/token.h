/* token.h - the tokens of a session. Access: a JWT HS256 (libjwt) with the
 * claims sub, rol, scope, iat, exp, iss, aud, jti and sid (the session); verification pins the
 * algorithm, checks the MAC in constant time and every claim. Opaque: random
 * secrets (refresh, reset links) and verification codes, stored only as a
 * keyed hash. Pure given the secret and the clock: unit-tested. */
#ifndef SERUMS_TOKEN_H
#define SERUMS_TOKEN_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define TOKEN_MAX_LEN 4096 /* longer Bearer values are refused unparsed */
#define TOKEN_HASH_HEX 65  /* 32-byte keyed hash as hex + NUL */

/* A role the application declares: its name in tokens, its bit in route
 * tables, and whether its users carry a scope (an organisational unit). */
typedef struct token_role {
    const char *name;
    unsigned bit;
    bool scoped;
} token_role;

typedef struct token_keys {
    const char *secret; /* SERUMS_JWT_SECRET */
    const char *iss, *aud;
    const token_role *roles; /* {NULL}-terminated */
} token_keys;

/* The declared role called name, or NULL. */
const token_role *token_role_find(const token_role *roles, const char *name);

typedef struct token_claims {
    long long sub;
    char rol[16];   /* one of token_keys.roles */
    char scope[16]; /* "" unless the role is scoped */
    char jti[40];
    char sid[65]; /* session id ("" = none): revocation.h */
    time_t iat, exp;
} token_claims;

/* Signs an access token valid ttl seconds from now (claims.iat/exp/jti are
 * filled here). Arena copy, or NULL. */
char *token_access_issue(arena *a, const token_keys *k, token_claims *c, time_t now, int ttl);

typedef enum {
    TOKEN_OK = 0,
    TOKEN_MALFORMED, /* not three base64url parts, too long, bad JSON */
    TOKEN_BAD_ALG,   /* anything but HS256 (none included) */
    TOKEN_BAD_SIGNATURE,
    TOKEN_BAD_CLAIMS, /* iss, aud, sub, rol, scope, jti, iat */
    TOKEN_EXPIRED,
} token_result;
token_result token_access_verify(const token_keys *k, const char *jwt, time_t now, token_claims *out);
const char *token_result_text(token_result r); /* Spanish, for the 401 detail */

/* 32 random bytes as unpadded base64url (43 characters), in the arena. */
char *token_random(arena *a);
/* n random decimal digits ("042917"), n <= 12. */
void token_digits(char *out, int n);
/* Keyed BLAKE2b of value under a key derived from the secret and purpose
 * ("refresh", "codigo:<email>", ...): hex into out. */
void token_hash(const char *secret, const char *purpose, const char *value, char out[TOKEN_HASH_HEX]);
/* The token that replaces `token` at rotation: derived from it under the
 * secret (unguessable without both), so presenting `token` again within a
 * grace window yields the same successor. Same form as token_random. */
char *token_successor(arena *a, const char *secret, const char *token);
/* Constant-time comparison of two hex hashes. */
bool token_hash_equal(const char *a, const char *b);
#endif
