/* email.h - the one normal form of an email address (trimmed, lower-case) and
 * a conservative syntax check, so "Ana@X.pe " and "ana@x.pe" are one account.
 * Pure. */
#ifndef SERUMS_EMAIL_H
#define SERUMS_EMAIL_H
#include "arena.h"
#include <stdbool.h>

/* Normalized copy in the arena, or NULL when the address is not acceptable
 * (syntax, length over 254, no dot in the domain, spaces, ...). */
char *email_normalizar(arena *a, const char *raw);
#endif
