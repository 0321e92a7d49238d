/* curl_cliente.h - the one way the platform (captcha, identity registry,
 * mailer), the test support and the benchmarks set up a libcurl handle: URL,
 * timeouts in milliseconds, no signals (safe in worker processes and
 * threads); and the one small JSON-over-HTTP POST the verifiers make. */
#ifndef SERUMS_CURL_CLIENTE_H
#define SERUMS_CURL_CLIENTE_H
#include "arena.h"
#include <curl/curl.h>

/* A handle for url with a connect and a total timeout (ms); NULL out of memory. */
CURL *curl_cliente(const char *url, long connect_ms, long total_ms);

typedef struct curl_respuesta {
    long status;  /* HTTP status; 0 when the transfer failed */
    CURLcode rc;  /* why it failed (CURLE_OK otherwise) */
    char *cuerpo; /* the answer, NUL-terminated, in the arena */
    size_t largo;
} curl_respuesta;

/* POSTs body on handle c (http or https only) with the headers h (may be
 * NULL), keeping at most `max` bytes of the answer: a longer answer fails the
 * transfer. The answer's memory comes from a. */
curl_respuesta curl_cliente_post(CURL *c, arena *a, const struct curl_slist *h, const char *body, size_t max);
#endif
