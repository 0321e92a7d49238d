/* curl_cliente.c - see curl_cliente.h. */
#include "curl_cliente.h"
#include <string.h>

CURL *curl_cliente(const char *url, long connect_ms, long total_ms)
{
    CURL *c = curl_easy_init();
    if (!c) return NULL;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    return c;
}

typedef struct recibido {
    char *buf;
    size_t len, max;
} recibido;

static size_t al_recibir(char *p, size_t size, size_t n, void *ud)
{
    recibido *b = ud;
    size_t len = size * n;
    if (len > b->max - b->len) return 0; /* too long: curl fails the transfer */
    memcpy(b->buf + b->len, p, len);
    b->len += len;
    return len;
}

curl_respuesta curl_cliente_post(CURL *c, arena *a, const struct curl_slist *h, const char *body, size_t max)
{
    curl_respuesta out = {0, CURLE_OUT_OF_MEMORY, NULL, 0};
    recibido b = {arena_alloc(a, max + 1), 0, max};
    if (!b.buf || !body) return out;
    if (h) curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, al_recibir);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    out.rc = curl_easy_perform(c);
    if (out.rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    b.buf[b.len] = '\0';
    out.cuerpo = b.buf;
    out.largo = b.len;
    return out;
}
