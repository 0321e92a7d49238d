/* curl_cliente.h - the one way the platform (captcha, mailer), the test
 * support and the benchmarks set up a libcurl handle: URL, timeouts in
 * milliseconds, no signals (safe in worker processes and threads). */
#ifndef SERUMS_CURL_CLIENTE_H
#define SERUMS_CURL_CLIENTE_H
#include <curl/curl.h>

/* A handle for url with a connect and a total timeout (ms); NULL out of memory. */
CURL *curl_cliente(const char *url, long connect_ms, long total_ms);
#endif
