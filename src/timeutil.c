/* timeutil.c - calendar arithmetic without timezone state (no setenv/tzset). */
#include "timeutil.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    if (digits(s, 4, y) || digits(s + 5, 2, m) || digits(s + 8, 2, d)) return -1;
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return -1;
    return 0;
}

bool date_valid(const char *s)
{
    int y, m, d;
    return date_parse(s, &y, &m, &d) == 0;
}

int time_parse_rfc3339(const char *s, time_t *out)
{
    int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
    if (!s || strlen(s) < 20) return -1;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    if (date_parse(date, &y, &mo, &d)) return -1;
    if (s[10] != 'T' && s[10] != 't') return -1;
    if (digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
        digits(s + 17, 2, &se))
        return -1;
    if (h > 23 || mi > 59 || se > 60) return -1;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p)) return -1;
        while (isdigit((unsigned char)*p)) p++;
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59) return -1;
        p += 6;
    } else {
        return -1;
    }
    if (*p) return -1;
    long secs = days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + se;
    secs -= sign * (oh * 3600L + om * 60L);
    *out = (time_t)secs;
    return 0;
}

void time_format_rfc3339(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
