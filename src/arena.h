/* arena.h - per-request bump allocator.
 * Every byte a request needs comes from here and is released at once when the
 * request ends, so handlers never free and never leak. */
#ifndef SERUMS_ARENA_H
#define SERUMS_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena_cleanup arena_cleanup;
typedef struct arena {
    arena_block *head;       /* current block */
    arena_cleanup *cleanups; /* run (newest first) on reset/free */
    size_t block_size;       /* default block size */
    size_t used_total;       /* bytes handed out since last reset */
    int failed;              /* an allocation failed (caller answers 500) */
} arena;

void arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t n); /* 16-byte aligned, NULL on failure */
void *arena_calloc(arena *a, size_t n, size_t sz);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Registers fn(p) to run when the arena is reset: PGresults, yajl handles. */
int arena_defer(arena *a, void (*fn)(void *), void *p);
void arena_reset(arena *a); /* keeps the first block */
void arena_free(arena *a);

/* A growable byte buffer living in an arena. */
typedef struct sbuf {
    arena *a;
    char *p;
    size_t len, cap;
} sbuf;
void sbuf_init(sbuf *b, arena *a, size_t cap);
int sbuf_add(sbuf *b, const void *data, size_t n); /* 0 ok, -1 out of memory */
int sbuf_adds(sbuf *b, const char *s);
int sbuf_addf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sbuf_cstr(sbuf *b); /* NUL-terminated view */
#endif
