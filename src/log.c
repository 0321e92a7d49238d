/* log.c - writes {"ts":..,"level":..,"msg":..,<fields>} lines to stderr in a
 * single write(2) so lines from concurrent workers never interleave. */
#include "log.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

void log_escape(const char *s, char *out, size_t outlen)
{
    size_t j = 0;
    if (!outlen) return;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && j + 7 < outlen; p++) {
        if (*p == '"' || *p == '\\') {
            out[j++] = '\\';
            out[j++] = (char)*p;
        } else if (*p < 0x20) j += (size_t)snprintf(out + j, outlen - j, "\\u%04x", *p);
        else out[j++] = (char)*p;
    }
    out[j] = '\0';
}

void log_event(const char *level, const char *msg, const char *fmt_fields, ...)
{
    char line[4096];
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char ts[40];
    size_t n = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + n, sizeof ts - n, ".%03dZ", (int)(tv.tv_usec / 1000));
    int len = snprintf(line, sizeof line, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\",\"pid\":%d", ts,
                       level, msg, (int)getpid());
    if (fmt_fields && *fmt_fields && len > 0 && (size_t)len < sizeof line - 3) {
        va_list ap;
        va_start(ap, fmt_fields);
        int m = vsnprintf(line + len + 1, sizeof line - (size_t)len - 3, fmt_fields, ap);
        va_end(ap);
        if (m > 0) {
            line[len] = ',';
            len += 1 + m;
            if ((size_t)len > sizeof line - 3) len = (int)sizeof line - 3;
        }
    }
    line[len++] = '}';
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, (size_t)len);
    (void)w;
}
