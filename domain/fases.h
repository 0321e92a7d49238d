/* fases.h - who takes part in which adjudication fase and which plazas each
 * may take (design/orden-adjudicacion.md): UNICA (remunerada) and REOFERTA:
 * everyone, every plaza; equivalente runs CAUTIVAS (an institution's own staff,
 * its cautive plazas only), then VINCULO_LABORAL (accredited vínculo laboral),
 * then REGULARES, leftover plazas passing on; anyone holding a remunerated
 * plaza is out of equivalente. */
#ifndef SERUMS_FASES_H
#define SERUMS_FASES_H
#include <stdbool.h>
#include <stdint.h>

typedef enum {
    FASE_UNICA,
    FASE_CAUTIVAS,
    FASE_VINCULO_LABORAL,
    FASE_REGULARES,
    FASE_REOFERTA,
    FASE_N
} fase_adj;
extern const char *const FASES_ADJ[FASE_N + 1];

typedef struct fase_postulante {
    int64_t institucion;        /* employer institution (state worker), 0 none */
    bool vinculo;               /* accredited vínculo laboral */
    bool adjudicado_remunerada; /* holds a vigente remunerated adjudicación */
} fase_postulante;

typedef struct fase_plaza {
    int64_t institucion;
    bool cautiva;
} fase_plaza;

int fase_de(const char *s); /* -1 unknown */
bool fase_equivalente(fase_adj f);
bool fase_participa(fase_adj f, const fase_postulante *p);
bool fase_elegible(fase_adj f, const fase_postulante *p, const fase_plaza *pl);
#endif
