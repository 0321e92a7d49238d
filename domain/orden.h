/* orden.h - the merit order (design/orden-adjudicacion.md "Merit order"):
 * key = (puntaje_final desc, desempate chain…, lottery key asc, id asc);
 * N° counts by puntaje alone (ties share the lowest N°), N° adjudicación is
 * the final position, and each item tells the criterion that placed it among
 * the people it tied with. Sorteo professions order by the lottery key only. */
#ifndef SERUMS_ORDEN_H
#define SERUMS_ORDEN_H
#include "decimal.h"
#include "politica.h"
#include <stddef.h>
#include <stdint.h>

/* the deciding criterion */
enum {
    ORDEN_DECIDE_NADA = -1, /* nobody shares its puntaje */
    /* 0..ndesempate-1: that desempate criterion */
    ORDEN_DECIDE_SORTEO = 100, /* the lottery key */
    ORDEN_DECIDE_ID = 101,     /* still tied without a lottery key: not publishable */
};

typedef struct orden_item {
    int64_t id; /* inscription id */
    dec puntaje;
    dec crit[POL_MAX_DESEMPATE];   /* value of each desempate criterion */
    bool tiene[POL_MAX_DESEMPATE]; /* missing values sort after present ones */
    const unsigned char *clave;    /* 32-byte lottery key, or NULL */
    /* results */
    int n, n_adjudicacion, decide;
} orden_item;

/* Sorts items into merit order and fills n, n_adjudicacion and decide.
 * Returns how many items were only separated by id (no lottery key): 0 means
 * the order is complete. */
size_t orden_merito(orden_item *it, size_t n, const pol_criterio *crit, int ncrit);
/* Sorteo professions: order by lottery key, then id; n = n_adjudicacion, decide = SORTEO. */
void orden_por_sorteo(orden_item *it, size_t n);
/* "NOTA_PPP", "SORTEO", NULL (nobody tied) or "SIN_SORTEO". */
const char *orden_decide_nombre(const pol_criterio *crit, int decide);
#endif
