/* politica.h - the score policy of one convocatoria × profesión
 * (design/orden-adjudicacion.md "Score policy"): weighted grade components,
 * the postulante's choice of exam, bonus factors, the desempate chain and the
 * scale. Strict reader of the admin's JSON, canonical writer, and the exact
 * puntaje_final of one inscription (decimal.h, never a float). */
#ifndef SERUMS_POLITICA_H
#define SERUMS_POLITICA_H
#include "arena.h"
#include "decimal.h"
#include "json.h"
#include <stdbool.h>

typedef enum { NOTA_EVALUACION_SERUMS, NOTA_ENAM, NOTA_PPP, NOTA_N } nota_fuente;
typedef enum { BONO_DISCAPACIDAD, BONO_FFAA, BONO_N } bono_condicion;

#define POL_MAX_COMP 3
#define POL_MAX_DESEMPATE 3
#define POL_NOTA_DECIMALES 4 /* a grade has at most 4 decimals */
#define POL_PESO_DECIMALES 4
#define POL_MAX_ESCALA 8

extern const char *const NOTA_FUENTES[NOTA_N + 1]; /* "EVALUACION_SERUMS", "ENAM", "PPP", NULL */
extern const char *const BONO_CONDICIONES[BONO_N + 1];

typedef struct pol_componente {
    nota_fuente fuente;
    dec peso;
} pol_componente;
typedef struct pol_bono {
    bono_condicion condicion;
    dec factor;
} pol_bono;
typedef struct pol_criterio {
    nota_fuente fuente;
    bool desc;
} pol_criterio;

typedef enum { POL_MODO_SIN_DEFINIR, POL_MODO_MERITO, POL_MODO_SORTEO } pol_modo;

typedef struct politica {
    pol_modo modo; /* modo_adjudicacion; absent: the profession's default */
    pol_componente comp[POL_MAX_COMP];
    int ncomp;
    bool postulante_elige; /* eleccion_nota POSTULANTE_ELIGE: the exam component
                                     (EVALUACION_SERUMS or ENAM) takes the exam the postulante chose */
    pol_bono bonos[BONO_N];
    int nbonos;
    pol_criterio desempate[POL_MAX_DESEMPATE];
    int ndesempate;
    int escala;
} politica;

/* One inscription's grades (official where validated) and conditions. */
typedef struct pol_notas {
    dec nota[NOTA_N];
    bool tiene[NOTA_N];
    nota_fuente eleccion; /* the exam chosen (when the policy lets the postulante choose) */
    bool condicion[BONO_N];
} pol_notas;

/* Reads the body of PUT .../politicas/{profesion}; false with field errors in e. */
bool politica_leer(arena *a, const jv *root, verr *e, politica *out);
/* The canonical JSON of the policy (same shape as the body). */
const char *politica_json(arena *a, const politica *p);
/* The exam-or-not source a component reads for this inscription. */
nota_fuente politica_fuente_usada(const politica *p, const pol_componente *c, const pol_notas *n);
/* puntaje_final = round_half_up(Σ peso × nota × Π factor(bonos that hold), escala).
 * 0 ok; -1 a component's grade is missing (*falta = its fuente) or overflow (*falta = NULL). */
int politica_puntaje(const politica *p, const pol_notas *n, dec *out, const char **falta);
/* "EVALUACION_SERUMS" -> NOTA_EVALUACION_SERUMS; -1 when unknown. */
int nota_fuente_de(const char *s);
#endif
