/* cookie.h - reading one cookie from a Cookie header and writing the
 * Set-Cookie value of the refresh token. Pure: unit-tested. */
#ifndef SERUMS_COOKIE_H
#define SERUMS_COOKIE_H
#include "arena.h"
#include <stdbool.h>

/* Value of cookie `name` in a Cookie header ("a=1; b=2"), arena copy, or NULL. */
char *cookie_get(arena *a, const char *header, const char *name);
/* "name=value; Path=path; Max-Age=n; HttpOnly; SameSite=Strict[; Secure]".
 * value NULL (or max_age 0) clears the cookie. */
char *cookie_set_value(arena *a, const char *name, const char *value, const char *path, long max_age,
                       bool secure);
#endif
