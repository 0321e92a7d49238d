/* asignacion.c - the allocation state machine of a session (see asignacion.h). */
#include "asignacion.h"
#include <stdlib.h>
#include <string.h>

const char *const TURNO_ESTADOS[] = {"PENDIENTE", "LLAMADO",     "ADJUDICADO", "DESISTE",
                                     "AUSENTE",   "NO_ADJUDICO", NULL};
const char *const ASIG_ACCIONES[] = {"ELIGE", "DESISTE", "VENCE", NULL};

static int cmp_unidad(const void *x, const void *y)
{
    const asig_unidad *a = x, *b = y;
    if (a->plaza_id != b->plaza_id) return a->plaza_id < b->plaza_id ? -1 : 1;
    return (a->unidad > b->unidad) - (a->unidad < b->unidad);
}

static asig_plaza_idx *plaza(const asig *s, int64_t id)
{
    size_t lo = 0, hi = s->npl;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (s->pl[m].plaza_id == id) return &s->pl[m];
        if (s->pl[m].plaza_id < id) lo = m + 1;
        else hi = m;
    }
    return NULL;
}

static bool elegible(const asig *s, size_t i, int64_t plaza_id)
{
    return !s->cfg.elegible || s->cfg.elegible(s->cfg.ud, i, plaza_id);
}

/* Marks every turn that is not final as NO_ADJUDICO and ends the session. */
void asig_cerrar(asig *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->st[i].estado == TURNO_PENDIENTE || s->st[i].estado == TURNO_LLAMADO ||
            s->st[i].estado == TURNO_AUSENTE)
            s->st[i].estado = TURNO_NO_ADJUDICO;
    s->ausentes = 0;
    s->actual = -1;
}

static void llamar(asig *s, size_t i)
{
    if (s->st[i].estado == TURNO_AUSENTE) s->ausentes--;
    s->st[i].estado = TURNO_LLAMADO;
    s->st[i].llamadas++;
    s->actual = (long)i;
    s->turno++;
}

/* The recall round: every AUSENTE, in order. */
static void armar_cola(asig *s)
{
    s->ncola = s->icola = 0;
    for (size_t i = 0; s->ausentes && i < s->n; i++)
        if (s->st[i].estado == TURNO_AUSENTE) s->cola[s->ncola++] = i;
    s->bloque_cnt = 0;
}

/* Calls the next turn: the recall round in progress, else a recall round
 * after a full block (or at the end of the first calls), else the next first call. */
static void siguiente(asig *s)
{
    if (s->libres == 0) {
        asig_cerrar(s);
        return;
    }
    for (;;) {
        if (s->icola < s->ncola) {
            llamar(s, s->cola[s->icola++]);
            return;
        }
        bool fin_main = s->sig_main >= s->n;
        if (s->bloque_cnt >= s->cfg.bloque || fin_main) {
            armar_cola(s);
            if (s->ncola) continue;
            if (fin_main) {
                asig_cerrar(s);
                return;
            }
        }
        s->bloque_cnt++;
        llamar(s, s->sig_main++);
        return;
    }
}

asig_error asig_init(asig *s, arena *a, const asig_config *cfg, const asig_postulante *post, size_t n,
                     const asig_unidad *u, size_t nu)
{
    memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    if (s->cfg.bloque < 1) s->cfg.bloque = 1;
    if (s->cfg.reintentos < 0) s->cfg.reintentos = 0;
    s->post = post;
    s->n = n;
    s->st = arena_calloc(a, n ? n : 1, sizeof *s->st);
    s->cola = arena_alloc(a, (n ? n : 1) * sizeof *s->cola);
    s->u = arena_alloc(a, (nu ? nu : 1) * sizeof *s->u);
    s->pl = arena_alloc(a, (nu ? nu : 1) * sizeof *s->pl);
    if (!s->st || !s->cola || !s->u || !s->pl) return ASIG_E_MEMORIA;
    memcpy(s->u, u, nu * sizeof *u);
    qsort(s->u, nu, sizeof *s->u, cmp_unidad);
    s->nu = s->libres = nu;
    for (size_t i = 0; i < nu; i++) {
        if (i && s->u[i].plaza_id == s->u[i - 1].plaza_id) {
            s->pl[s->npl - 1].hasta = i + 1;
            continue;
        }
        s->pl[s->npl++] = (asig_plaza_idx){s->u[i].plaza_id, i, i + 1, i};
    }
    s->actual = -1;
    siguiente(s);
    return ASIG_OK;
}

bool asig_terminada(const asig *s) { return s->actual < 0; }

size_t asig_libres_plaza(const asig *s, int64_t plaza_id)
{
    asig_plaza_idx *p = plaza(s, plaza_id);
    return p ? p->hasta - p->siguiente : 0;
}

int64_t asig_auto(const asig *s)
{
    if (s->actual < 0) return 0;
    const asig_postulante *p = &s->post[s->actual];
    for (int k = 0; k < p->nprefs; k++)
        if (asig_libres_plaza(s, p->prefs[k]) && elegible(s, (size_t)s->actual, p->prefs[k]))
            return p->prefs[k];
    return 0;
}

static void adjudicar(asig *s, size_t i, asig_plaza_idx *p, asig_via via, asig_resultado *out)
{
    asig_unidad *u = &s->u[p->siguiente++];
    s->libres--;
    s->st[i] = (asig_post_estado){TURNO_ADJUDICADO, s->st[i].llamadas, via, u->plaza_id, u->unidad};
    out->estado = TURNO_ADJUDICADO;
    out->via = via;
    out->plaza_id = u->plaza_id;
    out->unidad = u->unidad;
}

static void ausente(asig *s, size_t i, asig_resultado *out)
{
    bool sin_listas = s->cfg.modo == ASIG_LISTAS || s->st[i].llamadas > s->cfg.reintentos;
    s->st[i].estado = out->estado = sin_listas ? TURNO_NO_ADJUDICO : TURNO_AUSENTE;
    if (!sin_listas) s->ausentes++;
}

asig_error asig_aplicar(asig *s, const asig_evento *ev, asig_resultado *out)
{
    if (s->actual < 0) return ASIG_E_TERMINADA;
    size_t i = (size_t)s->actual;
    if (ev->postulante_id != s->post[i].id) return ASIG_E_NO_ES_SU_TURNO;
    memset(out, 0, sizeof *out);
    out->turno = s->turno;
    out->postulante_id = s->post[i].id;
    asig_plaza_idx *p = NULL;
    switch (ev->accion) {
    case ACC_ELIGE:
        if (!(p = plaza(s, ev->plaza_id))) return ASIG_E_PLAZA_DESCONOCIDA;
        if (!elegible(s, i, ev->plaza_id)) return ASIG_E_NO_ELEGIBLE;
        if (p->siguiente >= p->hasta) return ASIG_E_SIN_UNIDAD;
        adjudicar(s, i, p, VIA_ELECCION, out);
        break;
    case ACC_DESISTE: s->st[i].estado = out->estado = TURNO_DESISTE; break;
    case ACC_VENCE: {
        int64_t id = asig_auto(s);
        if (id) adjudicar(s, i, plaza(s, id), VIA_AUTO, out);
        else ausente(s, i, out);
        break;
    }
    }
    siguiente(s);
    return ASIG_OK;
}

asig_error asig_ejecutar(asig *s, void (*cb)(void *ud, const asig_resultado *r), void *ud)
{
    while (s->actual >= 0) {
        asig_evento ev = {ACC_VENCE, s->post[s->actual].id, 0};
        asig_resultado r;
        asig_error e = asig_aplicar(s, &ev, &r);
        if (e) return e;
        if (cb) cb(ud, &r);
    }
    return ASIG_OK;
}

long asig_replay(asig *s, const asig_evento *ev, size_t nev, asig_resultado *res, asig_error *err)
{
    for (size_t k = 0; k < nev; k++) {
        asig_resultado tmp;
        asig_error e = asig_aplicar(s, &ev[k], res ? &res[k] : &tmp);
        if (e) {
            if (err) *err = e;
            return (long)k;
        }
    }
    if (err) *err = ASIG_OK;
    return -1;
}
