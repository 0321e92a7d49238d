/* test_auth_fuzz.c - thousands of random and mutated bodies sent to every
 * accounts endpoint through nginx: none may answer 5xx (or crash a worker).
 * Bounded in count and time; the seed is logged so a failure can be replayed
 * with SERUMS_FUZZ_SEED. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FUZZ_MAX_REQUESTS 5000
#define FUZZ_MAX_SECONDS 25

typedef struct target { const char *method, *path, *tmpl; bool auth; } target;

static const target TARGETS[] = {
    {"POST", "/v1/auth/email-codes", "{\"email\":\"fuzz.codigo@prueba.pe\"}", false},
    {"POST", "/v1/auth/register",
     "{\"email\":\"fuzz.registro@prueba.pe\",\"codigo_verificacion\":\"123456\",\"tipo_documento\":\"DNI\","
     "\"numero_documento\":\"10117410\",\"digito_verificacion\":\"2\",\"fecha_nacimiento\":\"1990-01-01\","
     "\"fecha_emision\":\"2010-01-01\",\"password\":\"Tres-Llamas-del-Sur\","
     "\"captcha_token\":\"prueba-captcha-ok\",\"nombres\":\"Ana\"}", false},
    {"POST", "/v1/auth/login", "{\"email\":\"fuzz.login@prueba.pe\",\"password\":\"x-fuzz-clave\",\"client\":\"mobile\"}", false},
    {"POST", "/v1/auth/refresh", "{\"refresh_token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", false},
    {"POST", "/v1/auth/logout", "{\"refresh_token\":\"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"}", false},
    {"POST", "/v1/auth/password-resets", "{\"email\":\"fuzz.reset@prueba.pe\"}", false},
    {"POST", "/v1/auth/password-resets/confirm", "{\"token\":\"inventado\",\"password\":\"Tres-Llamas-del-Sur\"}", false},
    {"PUT", "/v1/me/password", "{\"password_actual\":\"x-fuzz-actual\",\"password_nuevo\":\"Tres-Llamas-del-Sur\"}", true},
};
#define NTARGETS (sizeof TARGETS / sizeof TARGETS[0])

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return n ? (unsigned)(rng_state % n) : 0;
}

typedef struct buf { char *p; size_t len, cap; } buf;
static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        cr_assert(b->p);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static const char *const ATOMS[] = {
    "null", "true", "false", "0", "-1", "1e999", "-0.0", "12345678901234567890123", "3.14", "\"\"", "\"x\"",
    "\"\\u0000\"", "\"\\ud800\"", "\"ñandú\"", "\"<script>\"", "\"' or 1=1 --\"", "\"%s%n\"", "[]", "{}",
    "[1,[2,[3]]]", "{\"a\":{\"b\":{}}}", "\"2024-02-30\"", "\"DNI\"", "\"CE\"", "\"mobile\"", "\"1995-08-20\"",
};
#define NATOMS (sizeof ATOMS / sizeof ATOMS[0])

static void random_value(buf *b, int depth)
{
    switch (depth > 3 ? rnd(2) : rnd(5)) {
    case 0: puts_(b, ATOMS[rnd(NATOMS)]); break;
    case 1: {
        char s[64];
        snprintf(s, sizeof s, "\"%u@%u.pe\"", rnd(100000), rnd(100));
        puts_(b, s);
        break;
    }
    case 2: {
        puts_(b, "\"");
        unsigned n = rnd(3) == 0 ? 5000 : rnd(40);
        for (unsigned i = 0; i < n; i++) { char c = (char)('a' + rnd(26)); put(b, &c, 1); }
        puts_(b, "\"");
        break;
    }
    case 3:
        puts_(b, "[");
        for (unsigned i = 0, n = rnd(4); i < n; i++) { if (i) puts_(b, ","); random_value(b, depth + 1); }
        puts_(b, "]");
        break;
    default:
        puts_(b, "{");
        for (unsigned i = 0, n = rnd(4); i < n; i++) {
            if (i) puts_(b, ",");
            puts_(b, rnd(2) ? "\"email\":" : "\"k\":");
            random_value(b, depth + 1);
        }
        puts_(b, "}");
    }
}

/* The template with one field's value replaced by a random value. */
static void replace_value(buf *b, const char *t)
{
    const char *colons[32];
    int n = 0;
    for (const char *p = t; *p && n < 32; p++)
        if (*p == ':' && p[1] != '/') colons[n++] = p;
    if (!n) { puts_(b, t); return; }
    const char *c = colons[rnd((unsigned)n)];
    const char *end = c + 1;
    if (*end == '"') { end++; while (*end && *end != '"') end++; if (*end) end++; }
    else while (*end && *end != ',' && *end != '}') end++;
    put(b, t, (size_t)(c + 1 - t));
    random_value(b, 0);
    puts_(b, end);
}

static void make_body(buf *b, const char *t)
{
    b->len = 0;
    put(b, "", 0);
    switch (rnd(8)) {
    case 0: {   /* random bytes */
        unsigned n = rnd(200);
        for (unsigned i = 0; i < n; i++) { char c = (char)rnd(256); put(b, &c, 1); }
        break;
    }
    case 1: {   /* byte edits */
        puts_(b, t);
        for (unsigned k = 0, e = 1 + rnd(5); k < e && b->len; k++) b->p[rnd((unsigned)b->len)] = (char)rnd(256);
        break;
    }
    case 2: put(b, t, rnd((unsigned)strlen(t))); break;   /* truncated */
    case 3: case 4: replace_value(b, t); break;
    case 5: {   /* deep nesting */
        unsigned d = 20 + rnd(80);
        for (unsigned i = 0; i < d; i++) puts_(b, "[");
        for (unsigned i = 0; i < d; i++) puts_(b, "]");
        break;
    }
    case 6: {   /* duplicate and unknown keys */
        puts_(b, t);
        b->p[--b->len] = '\0';
        puts_(b, rnd(2) ? ",\"email\":\"dup@prueba.pe\"}" : ",\"rol\":\"admin\"}");
        break;
    }
    default: random_value(b, 0);
    }
}

static bool expected_status(long s)
{
    static const long ok[] = {200, 201, 202, 204, 400, 401, 403, 409, 413, 415, 422, 429};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (s == ok[i]) return true;
    return false;
}

Test(fuzz, random_bodies_never_get_a_5xx, .timeout = 120)
{
    const char *seed_env = getenv("SERUMS_FUZZ_SEED");
    unsigned long long seed = seed_env ? strtoull(seed_env, NULL, 10) : (unsigned long long)time(NULL);
    rng_state = seed * 2654435761ULL + 1;
    cr_log_info("fuzz seed %llu (replay with SERUMS_FUZZ_SEED)", seed);
    char *access = it_new_postulante(NULL);
    char auth[4096];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", access);
    buf b = {0};
    time_t start = time(NULL);
    int sent = 0, fives = 0;
    for (; sent < FUZZ_MAX_REQUESTS && time(NULL) - start < FUZZ_MAX_SECONDS; sent++) {
        const target *t = &TARGETS[rnd(NTARGETS)];
        make_body(&b, t->tmpl);
        const char *ctype = rnd(20) == 0 ? "text/plain" : "application/json";
        const char *h[] = {t->auth ? auth : NULL, NULL};
        it_resp *r = it_request(t->method, t->path, ctype, b.p, b.len, h);
        if (r->status >= 500 || !expected_status(r->status)) {
            fives++;
            cr_log_error("%s %s -> %ld for body (%zu bytes) %.200s: %.300s", t->method, t->path, r->status, b.len,
                         b.p, r->body ? r->body : "");
        }
        if (r->status >= 400)
            cr_expect_str_eq(r->content_type, "application/problem+json", "%s %s %ld", t->method, t->path, r->status);
        it_free(r);
    }
    free(b.p);
    free(access);
    cr_log_info("fuzz: %d requests in %ld s", sent, (long)(time(NULL) - start));
    cr_expect_eq(fives, 0, "%d unexpected answers", fives);
    cr_expect_geq(sent, 1000, "at least a thousand bodies (%d)", sent);
    it_resp *r = it_get("/readyz", NULL);
    cr_expect_eq(r->status, 200, "the service is still up");
    it_free(r);
}
