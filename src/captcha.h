/* captcha.h - verifies a captcha token against a reCAPTCHA siteverify-format
 * endpoint (SERUMS_CAPTCHA_VERIFY_URL) through libcurl: POST
 * secret=...&response=...&remoteip=..., answer {"success": true|false, ...}.
 * Off when the URL is empty. */
#ifndef SERUMS_CAPTCHA_H
#define SERUMS_CAPTCHA_H
#include "arena.h"
#include "config.h"

typedef enum { CAPTCHA_OK, CAPTCHA_REFUSED, CAPTCHA_UNAVAILABLE } captcha_result;

bool captcha_enabled(const config *cfg);
/* token NULL or empty is refused without a request. */
captcha_result captcha_verify(const config *cfg, arena *a, const char *token, const char *remote_ip);
#endif
