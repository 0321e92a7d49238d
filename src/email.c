/* email.c - email normalization and syntax (see email.h). Deliberately
 * stricter than RFC 5322: no quoted local parts, no IP-literal domains,
 * ASCII only, which is what real mailboxes of applicants use. */
#include "email.h"
#include <ctype.h>
#include <string.h>

static bool local_ok(const char *s, size_t n)
{
    static const char extra[] = ".!#$%&'*+/=?^_`{|}~-";
    if (n < 1 || n > 64 || s[0] == '.' || s[n - 1] == '.') return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && !strchr(extra, c)) return false;
        if (c == '.' && s[i + 1] == '.') return false;
    }
    return true;
}

static bool domain_ok(const char *s, size_t n)
{
    if (n < 3 || n > 253 || !memchr(s, '.', n)) return false;
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : '.';
        if (c == '.') {
            if (label == 0 || label > 63 || s[i - 1] == '-') return false;
            label = 0;
            continue;
        }
        if (!isalnum(c) && c != '-') return false;
        if (label == 0 && c == '-') return false;
        label++;
    }
    /* the top-level label is alphabetic */
    const char *tld = s + n;
    while (tld > s && tld[-1] != '.') tld--;
    for (const char *p = tld; p < s + n; p++)
        if (!isalpha((unsigned char)*p)) return false;
    return true;
}

char *email_normalizar(arena *a, const char *raw)
{
    if (!raw) return NULL;
    while (*raw == ' ' || *raw == '\t') raw++;
    size_t n = strlen(raw);
    while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t')) n--;
    if (n < 5 || n > 254) return NULL;
    const char *at = memchr(raw, '@', n);
    if (!at || memchr(at + 1, '@', n - (size_t)(at - raw) - 1)) return NULL;
    size_t ln = (size_t)(at - raw);
    if (!local_ok(raw, ln) || !domain_ok(at + 1, n - ln - 1)) return NULL;
    char *out = arena_strndup(a, raw, n);
    if (!out) return NULL;
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
    return out;
}
