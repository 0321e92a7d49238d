/* lima.h - instants as people in Peru read them: America/Lima is UTC-5 all
 * year (no daylight saving since 1994). The one place that knows the offset. */
#ifndef SERUMS_LIMA_H
#define SERUMS_LIMA_H
#include <stddef.h>
#include <time.h>

#define LIMA_UTC_OFFSET (-5 * 3600)

/* Instant t in Lima, formatted by strftime's fmt into out (n bytes). */
void lima_formato(time_t t, const char *fmt, char *out, size_t n);
#endif
