/* cp1252.h - UTF-8 to Windows-1252, the byte encoding of the standard PDF
 * fonts under WinAnsiEncoding (so "Constancia de verificación" prints its accents). Pure. */
#ifndef SERUMS_CP1252_H
#define SERUMS_CP1252_H
#include "arena.h"

/* NUL-terminated copy in the arena; characters CP1252 lacks and invalid
 * UTF-8 become '?'. NULL only when the arena is out of memory. */
char *cp1252_desde_utf8(arena *a, const char *utf8);
#endif
