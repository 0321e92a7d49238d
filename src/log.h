/* log.h - structured JSON log lines on stderr. One line per event; callers
 * pass only non-secret fields (never passwords, tokens or codes). */
#ifndef SERUMS_LOG_H
#define SERUMS_LOG_H
#include <stddef.h>

void log_event(const char *level, const char *msg, const char *fmt_fields, ...)
    __attribute__((format(printf, 3, 4)));
#define log_info(msg, ...) log_event("info", msg, __VA_ARGS__)
#define log_warn(msg, ...) log_event("warn", msg, __VA_ARGS__)
#define log_error(msg, ...) log_event("error", msg, __VA_ARGS__)

/* JSON-escapes s into out (always NUL-terminated, truncated to outlen). */
void log_escape(const char *s, char *out, size_t outlen);
#endif
