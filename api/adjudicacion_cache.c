/* adjudicacion_cache.c - the per-worker cache of loaded adjudication sessions
 * (see adjudicacion_cache.h): lookup against the locked row, adoption of a
 * freshly loaded machine into an entry's own arena, LRU replacement. */
#include "adjudicacion_cache.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

typedef struct adjcache_entrada {
    long long sesion; /* 0: free slot */
    long seq;         /* events committed; -1: invalid (in use, or left by a rollback) */
    char hash[65];    /* ultimo_hash at seq */
    unsigned long uso;
    arena a; /* owns post, n_adj and every array of m */
    asig m;
    asig_postulante *post;
    int *n_adj;
    size_t n;
} adjcache_entrada;

struct adjcache {
    adjcache_entrada e[ADJCACHE_MAX];
    unsigned long reloj;
};

static void adjcache_liberar(void *p)
{
    adjcache *c = p;
    for (int i = 0; i < ADJCACHE_MAX; i++)
        if (c->e[i].sesion) arena_free(&c->e[i].a);
    free(c);
}

adjcache *adjcache_del_worker(worker_ctx *w)
{
    worker_app_slot *s = &w->app_slot[ADJCACHE_SLOT];
    if (!s->p) {
        s->p = calloc(1, sizeof(adjcache));
        s->liberar = adjcache_liberar;
    }
    return s->p;
}

static adjcache_entrada *adjcache_buscar(adjcache *c, long long sesion)
{
    for (int i = 0; i < ADJCACHE_MAX; i++)
        if (c->e[i].sesion == sesion) return &c->e[i];
    return NULL;
}

adjcache_uso adjcache_tomar(adjcache *c, motor *m, long eventos)
{
    adjcache_entrada *e = c ? adjcache_buscar(c, strtoll(m->id, NULL, 10)) : NULL;
    if (!e || e->seq < 0 || e->seq > eventos || (e->seq == eventos && strcmp(e->hash, m->prev)))
        return ADJCACHE_NO;
    adjcache_uso uso = e->seq == eventos ? ADJCACHE_IGUAL : ADJCACHE_DETRAS;
    m->m = e->m;
    m->post = e->post;
    m->n_adj = e->n_adj;
    m->n = e->n;
    m->u = e->m.u;
    m->nu = e->m.nu;
    m->seq = e->seq;
    memcpy(m->prev, e->hash, sizeof m->prev);
    m->cache_entrada = e;
    e->seq = -1; /* the transaction changes it in place from now on */
    e->uso = ++c->reloj;
    return uso;
}

static void *adjcache_dup(arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n ? n : 1);
    if (q && n) memcpy(q, p, n);
    return q;
}

/* A copy of m's machine, turns and preference lists in e's own arena. */
static bool adjcache_adoptar(adjcache_entrada *e, const motor *m)
{
    arena *a = &e->a;
    const asig *s = &m->m;
    e->n = m->n;
    e->m = *s;
    e->post = adjcache_dup(a, m->post, m->n * sizeof *m->post);
    e->n_adj = adjcache_dup(a, m->n_adj, m->n * sizeof *m->n_adj);
    e->m.st = adjcache_dup(a, s->st, s->n * sizeof *s->st);
    e->m.cola = adjcache_dup(a, s->cola, s->n * sizeof *s->cola);
    e->m.u = adjcache_dup(a, s->u, s->nu * sizeof *s->u);
    e->m.pl = adjcache_dup(a, s->pl, s->npl * sizeof *s->pl);
    if (!e->post || !e->n_adj || !e->m.st || !e->m.cola || !e->m.u || !e->m.pl) return false;
    for (size_t i = 0; i < m->n; i++) {
        if (!m->post[i].nprefs) continue;
        e->post[i].prefs = adjcache_dup(a, m->post[i].prefs, (size_t)m->post[i].nprefs * sizeof(int64_t));
        if (!e->post[i].prefs) return false;
    }
    e->m.post = e->post;
    return true;
}

/* The session's own slot, else a free one, else the least recently used. */
static adjcache_entrada *adjcache_hueco(adjcache *c, long long sesion)
{
    adjcache_entrada *e = adjcache_buscar(c, sesion);
    if (!e) e = adjcache_buscar(c, 0);
    if (e) return e;
    e = &c->e[0];
    for (int i = 1; i < ADJCACHE_MAX; i++)
        if (c->e[i].uso < e->uso) e = &c->e[i];
    return e;
}

void adjcache_confirmar(adjcache *c, const motor *m)
{
    /* an eligibility rule (equivalente fases, adjudicacion_fases.c) reads data of the request's
     * arena: such sessions are loaded whole each time */
    bool vigente = m->guardado && (!strcmp(m->guardado, "EN_CURSO") || !strcmp(m->guardado, "PAUSADA")) &&
                   !m->m.cfg.elegible;
    if (!c) return;
    long long sesion = strtoll(m->id, NULL, 10);
    adjcache_entrada *e = m->cache_entrada;
    if (!vigente) {
        if ((e = adjcache_buscar(c, sesion))) {
            arena_free(&e->a);
            memset(e, 0, sizeof *e);
        }
        return;
    }
    if (e) {
        e->m = m->m; /* its arrays were changed in place */
    } else {
        e = adjcache_hueco(c, sesion);
        if (e->sesion) arena_free(&e->a);
        memset(e, 0, sizeof *e);
        arena_init(&e->a, 64 * 1024);
        if (!adjcache_adoptar(e, m)) {
            arena_free(&e->a);
            memset(e, 0, sizeof *e);
            return;
        }
        e->sesion = sesion;
    }
    e->seq = m->seq;
    memcpy(e->hash, m->prev, sizeof e->hash);
    e->uso = ++c->reloj;
}
