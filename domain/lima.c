/* lima.c - see lima.h. */
#include "lima.h"

void lima_formato(time_t t, const char *fmt, char *out, size_t n)
{
    time_t local = t + LIMA_UTC_OFFSET;
    struct tm tm;
    gmtime_r(&local, &tm);
    if (strftime(out, n, fmt, &tm) == 0 && n) out[0] = '\0';
}
