/* fases.c - adjudication fases: participation and eligibility (see fases.h). */
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
    if (f == FASE_CAUTIVAS) return p->institucion != 0;
    if (f == FASE_VINCULO_LABORAL) return p->vinculo;
    return true;
}

bool fase_elegible(fase_adj f, const fase_postulante *p, const fase_plaza *pl)
{
    if (f == FASE_CAUTIVAS) return pl->cautiva && pl->institucion == p->institucion;
    return true;
}
