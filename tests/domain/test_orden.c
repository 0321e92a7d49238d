/* test_orden.c - merit order: puntaje desc, the desempate chain, the lottery
 * key last; N° shared by equal puntajes, N° adjudicación, the deciding criterion. */
#include "orden.h"
#include "sorteo.h"
#include <criterion/criterion.h>
#include <string.h>

static dec D(const char *s)
{
    dec d;
    cr_assert_eq(dec_parse_cstr(s, 6, &d), 0, "%s", s);
    return d;
}

static const pol_criterio CHAIN[] = {{NOTA_EVALUACION_SERUMS, true}, {NOTA_PPP, true}};
static unsigned char K[8][32];

static orden_item item(int64_t id, const char *p, const char *ev, const char *ppp, int k)
{
    orden_item it;
    memset(&it, 0, sizeof it);
    it.id = id;
    it.puntaje = D(p);
    if (ev) { it.crit[0] = D(ev); it.tiene[0] = true; }
    if (ppp) { it.crit[1] = D(ppp); it.tiene[1] = true; }
    if (k >= 0) { memset(K[k], 0, 32); K[k][0] = (unsigned char)k; it.clave = K[k]; }
    return it;
}

Test(orden, puntaje_then_chain_then_lottery_with_both_numbers_and_the_reason)
{
    orden_item it[] = {
        item(1, "14.000000", "13", "16", 5),
        item(2, "15.500000", "15", "17", 1),
        item(3, "14.000000", "14", "11", 4),
        item(4, "14.000000", "13", "16", 2),     /* same as 1 but lower lottery key */
        item(5, "13.000000", "13", "13", 0),
        item(6, "14.000000", "13", "17", 3),
        item(7, "14.000000", NULL, "20", 6),     /* missing grade sorts last */
    };
    cr_assert_eq(orden_merito(it, 7, CHAIN, 2), 0);
    int64_t ids[] = {2, 3, 6, 4, 1, 7, 5};
    int n[] = {1, 2, 2, 2, 2, 2, 7};
    const char *why[] = {NULL, "NOTA_EVALUACION_SERUMS", "NOTA_PPP", "SORTEO", "SORTEO", "NOTA_EVALUACION_SERUMS", NULL};
    for (int i = 0; i < 7; i++) {
        cr_expect_eq(it[i].id, ids[i], "pos %d", i);
        cr_expect_eq(it[i].n, n[i], "pos %d", i);
        cr_expect_eq(it[i].n_adjudicacion, i + 1);
        const char *w = orden_decide_nombre(CHAIN, it[i].decide);
        if (why[i]) cr_expect_str_eq(w, why[i], "pos %d", i);
        else cr_expect_null(w, "pos %d", i);
    }
}

Test(orden, ties_left_without_a_lottery_key_are_counted)
{
    orden_item it[] = {item(9, "10", "1", "1", -1), item(3, "10", "1", "1", -1), item(4, "11", "1", "1", -1)};
    cr_expect_eq(orden_merito(it, 3, CHAIN, 2), 2);
    cr_expect_eq(it[1].id, 3);
    cr_expect_str_eq(orden_decide_nombre(CHAIN, it[1].decide), "SIN_SORTEO");
}

Test(orden, sorteo_professions_follow_the_key_only)
{
    orden_item it[] = {item(1, "20", NULL, NULL, 3), item(2, "1", NULL, NULL, 1), item(3, "5", NULL, NULL, 2)};
    orden_por_sorteo(it, 3);
    cr_expect_eq(it[0].id, 2);
    cr_expect_eq(it[2].id, 1);
    cr_expect_eq(it[2].n, 3);
    cr_expect_eq(it[2].decide, ORDEN_DECIDE_SORTEO);
}

/* Random instances: the order is a total order consistent with the key, and
 * N° is the first position of each puntaje. */
Test(orden, property_random_instances)
{
    arena a;
    arena_init(&a, 1 << 16);
    unsigned x = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (x = x * 1103515245u + 12345u) % 60;
        orden_item *it = arena_calloc(&a, n, sizeof *it);
        unsigned char *keys = arena_alloc(&a, n * 32);
        for (size_t i = 0; i < n; i++) {
            it[i].id = (int64_t)i + 1;
            it[i].puntaje = dec_int((x = x * 1103515245u + 12345u) >> 16 & 3);
            it[i].crit[0] = dec_int((x = x * 1103515245u + 12345u) >> 16 & 1);
            it[i].tiene[0] = (x >> 20) & 1;
            it[i].crit[1] = dec_int((x = x * 1103515245u + 12345u) >> 16 & 1);
            it[i].tiene[1] = true;
            unsigned char seed[32] = {(unsigned char)round};
            sorteo_clave(seed, it[i].id, keys + 32 * i);
            it[i].clave = keys + 32 * i;
        }
        cr_assert_eq(orden_merito(it, n, CHAIN, 2), 0);
        for (size_t i = 1; i < n; i++) {
            int c = dec_cmp(it[i - 1].puntaje, it[i].puntaje);
            cr_assert_geq(c, 0);
            cr_assert_eq(it[i].n, c ? (int)i + 1 : it[i - 1].n);
            if (c == 0 && it[i - 1].tiene[0] == it[i].tiene[0] && (!it[i].tiene[0] || dec_cmp(it[i - 1].crit[0], it[i].crit[0]) == 0)
                && dec_cmp(it[i - 1].crit[1], it[i].crit[1]) == 0)
                cr_assert_lt(memcmp(it[i - 1].clave, it[i].clave, 32), 0);
        }
    }
    arena_free(&a);
}
