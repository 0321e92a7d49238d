/* respcache.c - hash table (chained) plus a doubly linked LRU list; each
 * entry is one allocation holding its strings and body. */
#include "respcache.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RESPCACHE_BUCKETS 4096

typedef struct entry {
    struct entry *hnext;       /* bucket chain */
    struct entry *prev, *next; /* LRU: head is the most recent */
    size_t size;               /* bytes charged to the budget */
    time_t stored, expires;
    const char *key, *group;
    respcache_resp resp;
} entry;

struct respcache {
    entry *buckets[RESPCACHE_BUCKETS];
    entry *head, *tail;
    size_t bytes, max_bytes, count;
    int ttl;
    uint64_t seed;
};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

respcache *respcache_new(size_t max_bytes, int ttl_seconds, uint64_t seed)
{
    respcache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->max_bytes = max_bytes;
    c->ttl = ttl_seconds;
    c->seed = seed;
    return c;
}

/* ttl/2 .. ttl seconds, spread by key and seed */
static int lifetime(const respcache *c, const char *key)
{
    int spread = c->ttl - c->ttl / 2;
    uint64_t h = (hash_key(key) ^ c->seed) * 0x9E3779B97F4A7C15ULL;
    return c->ttl / 2 + (spread > 0 ? (int)((h >> 33) % (uint64_t)(spread + 1)) : 0);
}

static void lru_unlink(respcache *c, entry *e)
{
    if (e->prev) e->prev->next = e->next;
    else c->head = e->next;
    if (e->next) e->next->prev = e->prev;
    else c->tail = e->prev;
    e->prev = e->next = NULL;
}

static void lru_push(respcache *c, entry *e)
{
    e->prev = NULL;
    e->next = c->head;
    if (c->head) c->head->prev = e;
    c->head = e;
    if (!c->tail) c->tail = e;
}

static void drop(respcache *c, entry *e)
{
    entry **pp = &c->buckets[hash_key(e->key) % RESPCACHE_BUCKETS];
    while (*pp && *pp != e) pp = &(*pp)->hnext;
    if (*pp) *pp = e->hnext;
    lru_unlink(c, e);
    c->bytes -= e->size;
    c->count--;
    free(e);
}

void respcache_free(respcache *c)
{
    if (!c) return;
    while (c->head) drop(c, c->head);
    free(c);
}

static entry *find(respcache *c, const char *key)
{
    for (entry *e = c->buckets[hash_key(key) % RESPCACHE_BUCKETS]; e; e = e->hnext)
        if (!strcmp(e->key, key)) return e;
    return NULL;
}

bool respcache_get(respcache *c, const char *key, time_t now, respcache_resp *out)
{
    entry *e = c ? find(c, key) : NULL;
    if (!e) return false;
    if (now >= e->expires || now < e->stored) {
        drop(c, e);
        return false;
    }
    lru_unlink(c, e);
    lru_push(c, e);
    *out = e->resp;
    return true;
}

/* Appends s (with its NUL) at *p; returns the copy, NULL for NULL. */
static const char *pack(char **p, const char *s, size_t n)
{
    if (!s) return NULL;
    char *dst = *p;
    memcpy(dst, s, n);
    dst[n] = '\0';
    *p += n + 1;
    return dst;
}

static size_t slen(const char *s) { return s ? strlen(s) + 1 : 0; }

void respcache_put(respcache *c, const char *key, const char *group, time_t now, const respcache_resp *r)
{
    if (!c || !key || !r->body) return;
    size_t size = sizeof(entry) + slen(key) + slen(group) + slen(r->type) + slen(r->etag) +
                  slen(r->cache_control) + slen(r->disposition) + slen(r->vary) + r->len + 1;
    if (size > c->max_bytes / 4) return;
    entry *old = find(c, key);
    if (old) drop(c, old);
    while (c->tail && c->bytes + size > c->max_bytes) drop(c, c->tail);
    entry *e = malloc(size);
    if (!e) return;
    memset(e, 0, sizeof *e);
    char *p = (char *)(e + 1);
    e->key = pack(&p, key, strlen(key));
    e->group = pack(&p, group, slen(group) ? strlen(group) : 0);
    e->resp.type = pack(&p, r->type, slen(r->type) ? strlen(r->type) : 0);
    e->resp.etag = pack(&p, r->etag, slen(r->etag) ? strlen(r->etag) : 0);
    e->resp.cache_control = pack(&p, r->cache_control, slen(r->cache_control) ? strlen(r->cache_control) : 0);
    e->resp.disposition = pack(&p, r->disposition, slen(r->disposition) ? strlen(r->disposition) : 0);
    e->resp.vary = pack(&p, r->vary, slen(r->vary) ? strlen(r->vary) : 0);
    e->resp.body = pack(&p, r->body, r->len);
    e->resp.len = r->len;
    e->size = size;
    e->stored = now;
    e->expires = now + lifetime(c, key);
    size_t b = hash_key(key) % RESPCACHE_BUCKETS;
    e->hnext = c->buckets[b];
    c->buckets[b] = e;
    lru_push(c, e);
    c->bytes += size;
    c->count++;
}

void respcache_invalidate(respcache *c, const char *group)
{
    if (!c) return;
    for (entry *e = c->head; e;) {
        entry *next = e->next;
        if (!group || (e->group && !strcmp(e->group, group))) drop(c, e);
        e = next;
    }
}

size_t respcache_count(const respcache *c) { return c ? c->count : 0; }
size_t respcache_bytes(const respcache *c) { return c ? c->bytes : 0; }
