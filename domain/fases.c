/* fases.c - adjudication fases: participation, eligibility and order (see fases.h). */
#include "fases.h"
#include <string.h>

const char *const FASES_ADJ[FASE_N + 1] = {"UNICA",     "CAUTIVAS", "VINCULO_LABORAL",
                                           "REGULARES", "REOFERTA", NULL};

int fase_de(const char *s)
{
    for (int i = 0; s && i < FASE_N; i++)
        if (!strcmp(s, FASES_ADJ[i])) return i;
    return -1;
}

bool fase_equivalente(fase_adj f)
{
    return f == FASE_CAUTIVAS || f == FASE_VINCULO_LABORAL || f == FASE_REGULARES;
}

bool fase_participa(fase_adj f, const fase_postulante *p)
{
    if (fase_equivalente(f) && p->adjudicado_remunerada) return false;
    if (f == FASE_CAUTIVAS) return p->institucion != NULL;
    if (f == FASE_VINCULO_LABORAL) return p->vinculo;
    return true;
}

bool fase_participa_en(fase_adj f, bool equivalente, const fase_postulante *p)
{
    if (equivalente && p->adjudicado_remunerada) return false;
    return fase_participa(f, p);
}

bool fase_elegible(fase_adj f, const fase_postulante *p, const fase_plaza *pl)
{
    if (f == FASE_CAUTIVAS)
        return pl->cautiva && p->institucion && pl->institucion && !strcmp(pl->institucion, p->institucion);
    return true;
}

int fase_anterior(fase_adj f)
{
    if (f == FASE_VINCULO_LABORAL) return FASE_CAUTIVAS;
    if (f == FASE_REGULARES) return FASE_VINCULO_LABORAL;
    return -1;
}

bool fase_sesion_elegible(void *ud, size_t postulante, int64_t plaza_id)
{
    const fase_sesion *s = ud;
    if (postulante >= s->npost) return false;
    size_t lo = 0, hi = s->nplazas;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (s->plaza_ids[m] == plaza_id) return fase_elegible(s->fase, &s->post[postulante], &s->plazas[m]);
        if (s->plaza_ids[m] < plaza_id) lo = m + 1;
        else hi = m;
    }
    return false;
}
