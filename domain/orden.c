/* orden.c - merit order and the deciding criterion (see orden.h). */
#include "orden.h"
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    const pol_criterio *crit;
    int ncrit;
} ctx;

/* Compares a and b on level k of the key (0 = puntaje, 1..ncrit = desempate,
 * ncrit+1 = lottery key, ncrit+2 = id): <0 when a goes first. */
static int nivel(const orden_item *a, const orden_item *b, int k, const ctx *c)
{
    if (k == 0) return -dec_cmp(a->puntaje, b->puntaje);
    if (k <= c->ncrit) {
        int i = k - 1;
        if (a->tiene[i] != b->tiene[i]) return a->tiene[i] ? -1 : 1;
        if (!a->tiene[i]) return 0;
        int r = dec_cmp(a->crit[i], b->crit[i]);
        return c->crit[i].desc ? -r : r;
    }
    if (k == c->ncrit + 1) {
        if (!a->clave || !b->clave) return 0;
        return memcmp(a->clave, b->clave, 32);
    }
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The first level at which a and b differ. */
static int difiere(const orden_item *a, const orden_item *b, const ctx *c)
{
    int k = 0;
    while (k < c->ncrit + 2 && nivel(a, b, k, c) == 0) k++;
    return k;
}

static int cmp(const void *x, const void *y, void *u)
{
    const ctx *c = u;
    int k = difiere(x, y, c);
    return nivel(x, y, k, c);
}

static int decide_de(int k, const ctx *c)
{
    if (k == 0) return ORDEN_DECIDE_NADA;
    if (k <= c->ncrit) return k - 1;
    return k == c->ncrit + 1 ? ORDEN_DECIDE_SORTEO : ORDEN_DECIDE_ID;
}

size_t orden_merito(orden_item *it, size_t n, const pol_criterio *crit, int ncrit)
{
    ctx c = {crit, ncrit};
    qsort_r(it, n, sizeof *it, cmp, &c);
    size_t sin_resolver = 0;
    for (size_t i = 0; i < n; i++) {
        it[i].n_adjudicacion = (int)i + 1;
        it[i].n = i && dec_cmp(it[i].puntaje, it[i - 1].puntaje) == 0 ? it[i - 1].n : (int)i + 1;
        /* the deepest level needed to place it against either neighbour */
        int k = 0;
        if (i) {
            int d = difiere(&it[i - 1], &it[i], &c);
            if (d > k) k = d;
        }
        if (i + 1 < n) {
            int d = difiere(&it[i], &it[i + 1], &c);
            if (d > k) k = d;
        }
        it[i].decide = decide_de(k, &c);
        sin_resolver += it[i].decide == ORDEN_DECIDE_ID;
    }
    return sin_resolver;
}

static int cmp_sorteo(const void *x, const void *y)
{
    const orden_item *a = x, *b = y;
    int r = a->clave && b->clave ? memcmp(a->clave, b->clave, 32) : 0;
    return r ? r : a->id < b->id ? -1 : a->id > b->id;
}

void orden_por_sorteo(orden_item *it, size_t n)
{
    qsort(it, n, sizeof *it, cmp_sorteo);
    for (size_t i = 0; i < n; i++) {
        it[i].n = it[i].n_adjudicacion = (int)i + 1;
        it[i].decide = ORDEN_DECIDE_SORTEO;
    }
}

const char *orden_decide_nombre(const pol_criterio *crit, int decide)
{
    static const char *const NOMBRES[NOTA_N] = {"NOTA_EVALUACION_SERUMS", "NOTA_ENAM", "NOTA_PPP"};
    if (decide == ORDEN_DECIDE_NADA) return NULL;
    if (decide == ORDEN_DECIDE_SORTEO) return "SORTEO";
    if (decide == ORDEN_DECIDE_ID) return "SIN_SORTEO";
    return NOMBRES[crit[decide].fuente];
}
