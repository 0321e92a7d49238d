/* timeutil.h - RFC 3339 instants and YYYY-MM-DD dates, pure and thread-free,
 * used by validation, the cronograma and every timestamp we emit. */
#ifndef SERUMS_TIMEUTIL_H
#define SERUMS_TIMEUTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

int time_parse_rfc3339(const char *s, time_t *out);    /* 0 ok, -1 invalid */
void time_format_rfc3339(time_t t, char out[32]);      /* UTC, "Z" */
bool date_valid(const char *s);                        /* strict YYYY-MM-DD, real day */
int date_parse(const char *s, int *y, int *m, int *d); /* 0 ok */
long days_from_civil(int y, int m, int d);             /* days since 1970-01-01 */
#endif
