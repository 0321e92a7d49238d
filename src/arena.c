/* arena.c - per-request bump allocator and arena-backed string buffer. */
#include "arena.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    max_align_t data[];
};

static arena_block *block_new(size_t size)
{
    arena_block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

struct arena_cleanup {
    void (*fn)(void *);
    void *p;
    arena_cleanup *next;
};

void arena_init(arena *a, size_t block_size)
{
    a->head = NULL;
    a->cleanups = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->used_total = 0;
    a->failed = 0;
}

void *arena_alloc(arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n) {
        a->failed = 1;
        return NULL;
    }
    arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t size = need > a->block_size ? need : a->block_size;
        arena_block *nb = block_new(size);
        if (!nb) {
            a->failed = 1;
            return NULL;
        }
        /* Big one-off blocks go behind the head so the head keeps its free space. */
        if (b && need > a->block_size) {
            nb->next = b->next;
            b->next = nb;
            nb->used = need;
            a->used_total += need;
            return nb->data;
        }
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += need;
    a->used_total += need;
    return p;
}

void *arena_calloc(arena *a, size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz) {
        a->failed = 1;
        return NULL;
    }
    void *p = arena_alloc(a, n * sz);
    if (p) memset(p, 0, n * sz);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n < 0 ? NULL : arena_alloc(a, (size_t)n + 1);
    if (p) vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

int arena_defer(arena *a, void (*fn)(void *), void *p)
{
    arena_cleanup *c = arena_alloc(a, sizeof *c);
    if (!c) return -1;
    c->fn = fn;
    c->p = p;
    c->next = a->cleanups;
    a->cleanups = c;
    return 0;
}

static void run_cleanups(arena *a)
{
    for (arena_cleanup *c = a->cleanups; c; c = c->next) c->fn(c->p);
    a->cleanups = NULL;
}

void arena_reset(arena *a)
{
    run_cleanups(a);
    /* keep one default-size block for the next request, free the rest */
    arena_block *keep = NULL, *b = a->head;
    while (b) {
        arena_block *next = b->next;
        if (!keep && b->size == a->block_size) keep = b;
        else free(b);
        b = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->used_total = 0;
    a->failed = 0;
}

void arena_free(arena *a)
{
    run_cleanups(a);
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->used_total = 0;
}

void sbuf_init(sbuf *b, arena *a, size_t cap)
{
    b->a = a;
    b->len = 0;
    b->cap = cap ? cap : 256;
    b->p = arena_alloc(a, b->cap);
    if (!b->p) b->cap = 0;
    else b->p[0] = '\0'; /* sbuf_cstr of an empty buffer is "" */
}

static int sbuf_grow(sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) return -1;
        cap *= 2;
    }
    char *np = arena_alloc(b->a, cap);
    if (!np) return -1;
    if (b->len) memcpy(np, b->p, b->len);
    b->p = np;
    b->cap = cap;
    return 0;
}

int sbuf_add(sbuf *b, const void *data, size_t n)
{
    if (sbuf_grow(b, n) != 0) return -1;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int sbuf_adds(sbuf *b, const char *s) { return sbuf_add(b, s, strlen(s)); }

int sbuf_addf(sbuf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sbuf_grow(b, (size_t)n) != 0) {
        va_end(ap2);
        return -1;
    }
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
    return 0;
}

const char *sbuf_cstr(sbuf *b)
{
    if (!b->p && sbuf_grow(b, 0) != 0) return "";
    return b->p;
}
