/* adjudicacion_dominio.c - the pure part of a national adjudication, timed:
 * 13,476 aptos from shared/data/notas-2024 (six professions; PPP drawn at
 * random, NA grades as 0), the 2026-I remunerated offer of those professions
 * (N° PLAZAS per row), the 2025-2026 score policy; per profession: the sorteo
 * (pool, H_pool, seed, HMAC keys), the merit order, random preference lists of
 * 20-100 plazas, the batch allocation with its hash-chained log, and the
 * replay of that log (checked equal). Prints the figures for bench/README.md.
 *   bench-adjudicacion-dominio DATA_DIR */
#include "asignacion.h"
#include "csv.h"
#include "evento_cadena.h"
#include "orden.h"
#include "politica.h"
#include "sorteo.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const PROF[6][2] = {{"medicina", "MEDICINA"}, {"enfermeria", "ENFERMERIA"},
                                       {"obstetricia", "OBSTETRICIA"}, {"odontologia", "ODONTOLOGIA"},
                                       {"nutricion", "NUTRICION"}, {"quimico-farmaceutico", "QUIMICO FARMACEUTICO"}};

static double ms(struct timespec a, struct timespec b) { return (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6; }
static struct timespec now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t; }
static unsigned X = 2026;
static unsigned rnd(void) { return (X = X * 1103515245u + 12345u) >> 16; }

static char *leer(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) exit(1);
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

typedef struct prof {
    int64_t *ids;
    pol_notas *notas;
    size_t n;
    asig_unidad *u;
    size_t nu;
    int64_t *plazas;
    size_t npl;
} prof;

static void cargar_notas(arena *a, const char *dir, int k, prof *p, int64_t *next_id)
{
    size_t len;
    char *buf = leer(arena_printf(a, "%s/notas-2024/%s.csv", dir, PROF[k][0]), &len);
    csv_reader r;
    csv_init(&r, buf, len, ',');
    csv_record rec;
    p->ids = malloc(4000 * sizeof *p->ids);
    p->notas = calloc(4000, sizeof *p->notas);
    while (csv_next(&r, a, &rec) == 1) {
        if (rec.n < 4 || !strcmp(rec.cells[0], "carrera")) continue;
        pol_notas *nt = &p->notas[p->n];
        if (dec_parse_cstr(rec.cells[3], 4, &nt->nota[NOTA_EVALUACION_SERUMS])) nt->nota[NOTA_EVALUACION_SERUMS] = dec_int(0);
        nt->nota[NOTA_PPP] = (dec){1100 + (int64_t)(rnd() % 600), 2};
        nt->tiene[NOTA_EVALUACION_SERUMS] = nt->tiene[NOTA_PPP] = true;
        nt->condicion[BONO_DISCAPACIDAD] = rnd() % 200 == 0;
        p->ids[p->n++] = (*next_id)++;
    }
    free(buf);
}

static void cargar_oferta(arena *a, const char *dir, prof *ps)
{
    size_t len;
    char *buf = leer(arena_printf(a, "%s/ofertas/2026-i-remunerado.csv", dir), &len);
    csv_reader r;
    csv_init(&r, buf, len, ';');
    csv_record rec;
    for (int k = 0; k < 6; k++) {
        ps[k].u = malloc(20000 * sizeof *ps[k].u);
        ps[k].plazas = malloc(20000 * sizeof *ps[k].plazas);
    }
    while (csv_next(&r, a, &rec) == 1) {
        if (rec.n < 4) continue;
        int cant = atoi(rec.cells[3]);
        if (cant <= 0) continue;
        for (int k = 0; k < 6; k++) {
            if (strcmp(rec.cells[1], PROF[k][1])) continue;
            int64_t id = rec.line;                  /* a plaza per row: its line */
            ps[k].plazas[ps[k].npl++] = id;
            for (int u = 1; u <= cant; u++) ps[k].u[ps[k].nu++] = (asig_unidad){id, u};
        }
    }
    free(buf);
}

typedef struct logctx { arena *a; asig_evento *ev; size_t n; char prev[65]; long seq; } logctx;
static void registrar(void *ud, const asig_resultado *res)
{
    logctx *c = ud;
    char h[65];
    evento_log l = {++c->seq, c->prev, res->turno, res->postulante_id, "VENCE",
                    res->estado == TURNO_ADJUDICADO ? res->plaza_id : 0, TURNO_ESTADOS[res->estado], res->unidad,
                    "SISTEMA", "2026-03-12T14:00:00Z"};
    evento_hash(c->a, &l, h);
    memcpy(c->prev, h, 65);
    c->ev[c->n++] = (asig_evento){ACC_VENCE, res->postulante_id, 0};
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data";
    arena a;
    arena_init(&a, 1 << 20);
    const char *pj = "{\"componentes\":[{\"fuente\":\"EVALUACION_SERUMS\",\"peso\":\"0.70\"},{\"fuente\":\"PPP\",\"peso\":\"0.30\"}],"
                     "\"eleccion_nota\":\"NINGUNA\",\"bonos\":[{\"condicion\":\"DISCAPACIDAD\",\"factor\":\"1.15\"}],"
                     "\"desempate\":[\"NOTA_EVALUACION_SERUMS desc\",\"NOTA_PPP desc\"],\"escala\":6}";
    jv *root;
    char err[160];
    verr e;
    verr_init(&e, &a);
    politica pol;
    if (json_parse(&a, pj, strlen(pj), &JSON_BODY_LIMITS, &root, err, sizeof err) || !politica_leer(&a, root, &e, &pol)) return 1;
    prof ps[6] = {0};
    int64_t next_id = 100000;
    for (int k = 0; k < 6; k++) cargar_notas(&a, dir, k, &ps[k], &next_id);
    cargar_oferta(&a, dir, ps);
    size_t total = 0, units = 0, rows = 0;
    for (int k = 0; k < 6; k++) total += ps[k].n, units += ps[k].nu, rows += ps[k].npl;
    printf("aptos %zu, offer rows %zu, units %zu (2026-I remunerado, six professions)\n", total, rows, units);

    double t_sorteo = 0, t_orden = 0, t_prefs = 0, t_batch = 0, t_replay = 0;
    size_t adjudicados = 0, prefs_total = 0, eventos = 0;
    for (int k = 0; k < 6; k++) {
        prof *p = &ps[k];
        arena_reset(&a);
        struct timespec t0 = now();
        char *pool;
        size_t len;
        char h_pool[65];
        unsigned char seed[32];
        if (sorteo_pool(&a, p->ids, p->n, &pool, &len)) return 1;
        sorteo_sha256_hex(pool, len, h_pool);
        sorteo_datos d = {"2026-I", "REMUNERADA", PROF[k][1], h_pool, "9f1e2d", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"};
        sorteo_seed(sorteo_seed_input(&a, &d), seed);
        sorteo_item *si = sorteo_ordenar(&a, seed, p->ids, p->n);
        struct timespec t1 = now();
        orden_item *it = arena_calloc(&a, p->n, sizeof *it);
        for (size_t i = 0; i < p->n; i++) {
            const char *falta;
            it[i].id = p->ids[i];
            if (politica_puntaje(&pol, &p->notas[i], &it[i].puntaje, &falta)) return 1;
            for (int c = 0; c < pol.ndesempate; c++) {
                it[i].tiene[c] = true;
                it[i].crit[c] = p->notas[i].nota[pol.desempate[c].fuente];
            }
        }
        /* keys by id: si is sorted by key; index it by id */
        for (size_t i = 0; i < p->n; i++) it[si[i].id - p->ids[0]].clave = si[i].clave;
        if (orden_merito(it, p->n, pol.desempate, pol.ndesempate)) return 1;
        struct timespec t2 = now();
        asig_postulante *post = arena_alloc(&a, p->n * sizeof *post);
        for (size_t i = 0; i < p->n; i++) {
            int np = 20 + (int)(rnd() % 81);
            if ((size_t)np > p->npl) np = (int)p->npl;
            int64_t *pr = arena_alloc(&a, (size_t)np * sizeof *pr);
            for (int j = 0; j < np; j++) pr[j] = p->plazas[rnd() % p->npl];
            post[i] = (asig_postulante){it[i].id, pr, np};
            prefs_total += (size_t)np;
        }
        struct timespec t3 = now();
        asig_config cfg = {ASIG_LISTAS, 50, 2, NULL, NULL};
        asig s;
        logctx lc = {&a, arena_alloc(&a, (p->n + 1) * sizeof(asig_evento)), 0, EVENTO_GENESIS, 0};
        if (asig_init(&s, &a, &cfg, post, p->n, p->u, p->nu) || asig_ejecutar(&s, registrar, &lc)) return 1;
        struct timespec t4 = now();
        asig r2;
        asig_error er;
        if (asig_init(&r2, &a, &cfg, post, p->n, p->u, p->nu) || asig_replay(&r2, lc.ev, lc.n, NULL, &er) != -1) return 1;
        for (size_t i = 0; i < p->n; i++)
            if (s.st[i].estado != r2.st[i].estado || s.st[i].plaza_id != r2.st[i].plaza_id || s.st[i].unidad != r2.st[i].unidad) {
                fprintf(stderr, "replay differs\n");
                return 1;
            }
        struct timespec t5 = now();
        size_t adj = 0;
        for (size_t i = 0; i < p->n; i++) adj += s.st[i].estado == TURNO_ADJUDICADO;
        printf("  %-22s aptos %5zu units %5zu adjudicados %5zu | sorteo %6.1f ms, orden %6.1f ms, batch+log %6.1f ms, replay %6.1f ms\n",
               PROF[k][1], p->n, p->nu, adj, ms(t0, t1), ms(t1, t2), ms(t3, t4), ms(t4, t5));
        t_sorteo += ms(t0, t1), t_orden += ms(t1, t2), t_prefs += ms(t2, t3), t_batch += ms(t3, t4), t_replay += ms(t4, t5);
        adjudicados += adj, eventos += lc.n;
    }
    printf("total: sorteo %.1f ms, merit order %.1f ms (13,476: both < 1 s), preference lists %.1f ms (%zu entries),\n"
           "       batch with hash-chained log %.1f ms (%zu events, %zu adjudicados), replay %.1f ms: same allocation\n",
           t_sorteo, t_orden, t_prefs, prefs_total, t_batch, eventos, adjudicados, t_replay);
    arena_free(&a);
    return 0;
}
