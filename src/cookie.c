/* cookie.c - Cookie header parsing and Set-Cookie building (see cookie.h). */
#include "cookie.h"
#include <string.h>

char *cookie_get(arena *a, const char *header, const char *name)
{
    size_t nlen = strlen(name);
    const char *p = header;
    while (p && *p) {
        while (*p == ' ' || *p == ';' || *p == '\t') p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nlen && p[nlen] == '=' && !strncmp(p, name, nlen)) {
            size_t vlen = len - nlen - 1;
            while (vlen && (p[nlen + 1 + vlen - 1] == ' ' || p[nlen + 1 + vlen - 1] == '\t')) vlen--;
            return vlen ? arena_strndup(a, p + nlen + 1, vlen) : NULL;
        }
        p = end;
    }
    return NULL;
}

char *cookie_set_value(arena *a, const char *name, const char *value, const char *path, long max_age,
                       bool secure)
{
    if (!value || max_age <= 0) {
        value = "";
        max_age = 0;
    }
    return arena_printf(a, "%s=%s; Path=%s; Max-Age=%ld; HttpOnly; SameSite=Strict%s", name, value, path,
                        max_age, secure ? "; Secure" : "");
}
