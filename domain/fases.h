/* fases.h - who takes part in which adjudication fase and which plazas each
 * may take (design/orden-adjudicacion.md): UNICA (remunerada) and REOFERTA:
 * everyone, every plaza; equivalente runs CAUTIVAS (an institution's own staff,
 * its cautive plazas only), then VINCULO_LABORAL (accredited vínculo laboral),
 * then REGULARES, leftover plazas passing on; anyone holding a remunerated
 * plaza is out of equivalente. fase_sesion_elegible is the predicate the
 * allocation (asignacion.h, asig_config.elegible) calls, so the server's replay
 * and any verifier apply the same rule. */
#ifndef SERUMS_FASES_H
#define SERUMS_FASES_H
#include <stdbool.h>
#include <stddef.h>
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
    const char *institucion;    /* employer institution code (state worker claiming CAUTIVA), NULL none */
    bool vinculo;               /* accredited vínculo laboral */
    bool adjudicado_remunerada; /* holds a vigente remunerated adjudicación */
} fase_postulante;

typedef struct fase_plaza {
    const char *institucion; /* the offer row's institution code */
    bool cautiva;
} fase_plaza;

/* One session's fase data: per turn (same index as the allocation's
 * postulantes) and per plaza (plaza_ids ascending, plazas in the same order). */
typedef struct fase_sesion {
    fase_adj fase;
    const fase_postulante *post;
    size_t npost;
    const int64_t *plaza_ids;
    const fase_plaza *plazas;
    size_t nplazas;
} fase_sesion;

int fase_de(const char *s); /* -1 unknown */
bool fase_equivalente(fase_adj f);
bool fase_participa(fase_adj f, const fase_postulante *p);
bool fase_elegible(fase_adj f, const fase_postulante *p, const fase_plaza *pl);
/* fase_participa in a session of modalidad EQUIVALENTE (equivalente) or not:
 * a remunerated adjudicado is out of an equivalente REOFERTA too. */
bool fase_participa_en(fase_adj f, bool equivalente, const fase_postulante *p);
/* The fase that must be CERRADA before f's session is created (-1 none). */
int fase_anterior(fase_adj f);
/* asig_config.elegible over a fase_sesion (ud): unknown plaza or turn: false. */
bool fase_sesion_elegible(void *ud, size_t postulante, int64_t plaza_id);
#endif
