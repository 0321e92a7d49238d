/* cursor.h - opaque, tamper-checked page cursors: a few text fields packed
 * with a keyed BLAKE2b tag (libsodium) over the fields and a context (what the
 * cursor is valid for: the list and its filters), as base64url. A cursor
 * edited by hand or presented with another context does not open. */
#ifndef SERUMS_CURSOR_H
#define SERUMS_CURSOR_H
#include "arena.h"
#include <stdbool.h>

#define CURSOR_MAX_FIELDS 8

/* The cursor of fields[0..n) (none may contain '\x1f') bound to context,
 * under a key derived from secret. NULL when out of memory or invalid. */
const char *cursor_seal(arena *a, const char *secret, const char *context, const char *const *fields, int n);
/* Opens a cursor of exactly n fields sealed for context; fields point into
 * the arena. false if it is malformed, of another context or altered. */
bool cursor_open(arena *a, const char *secret, const char *context, const char *cursor, const char **fields,
                 int n);
#endif
