/* asignacion.h - the allocation of one adjudication session as a pure
 * function (design/orden-adjudicacion.md "Adjudication sessions"): the turns
 * follow the given order; the called turn picks (ELIGE), gives up (DESISTE) or
 * lets the deadline pass (VENCE: the first listed plaza with a free unit is
 * taken, AUTO; without one the turn is AUSENTE, recalled after each block of
 * `bloque` turns at most `reintentos` times, in order, then NO_ADJUDICO). In
 * LISTAS (batch) mode every turn is a VENCE without recall: serial
 * dictatorship. Replaying the same (order, units, preferences, events) gives
 * the same allocation: the server and any verifier use this one machine. */
#ifndef SERUMS_ASIGNACION_H
#define SERUMS_ASIGNACION_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { ASIG_VIVO, ASIG_LISTAS } asig_modo;
typedef enum {
    TURNO_PENDIENTE,
    TURNO_LLAMADO,
    TURNO_ADJUDICADO,
    TURNO_DESISTE,
    TURNO_AUSENTE,
    TURNO_NO_ADJUDICO
} turno_estado;
typedef enum { ACC_ELIGE, ACC_DESISTE, ACC_VENCE } asig_accion;
typedef enum { VIA_NINGUNA, VIA_ELECCION, VIA_AUTO } asig_via;
typedef enum {
    ASIG_OK = 0,
    ASIG_E_TERMINADA,         /* no turn is called any more */
    ASIG_E_NO_ES_SU_TURNO,    /* the event names another postulante than the called one */
    ASIG_E_PLAZA_DESCONOCIDA, /* not a plaza of this session */
    ASIG_E_NO_ELEGIBLE,       /* the plaza is not eligible for this postulante */
    ASIG_E_SIN_UNIDAD,        /* the plaza has no free unit left */
    ASIG_E_MEMORIA,
} asig_error;

extern const char *const TURNO_ESTADOS[]; /* "PENDIENTE", … */
extern const char *const ASIG_ACCIONES[]; /* "ELIGE", "DESISTE", "VENCE" */

typedef struct asig_unidad {
    int64_t plaza_id;
    int unidad;
} asig_unidad;
typedef struct asig_postulante {
    int64_t id;           /* inscription id */
    const int64_t *prefs; /* ordered preference list (plaza ids), may be empty */
    int nprefs;
} asig_postulante;

typedef struct asig_config {
    asig_modo modo;
    int bloque;     /* K >= 1 */
    int reintentos; /* >= 0 */
    /* NULL: every plaza of the session is eligible for everyone */
    bool (*elegible)(void *ud, size_t postulante, int64_t plaza_id);
    void *ud;
} asig_config;

typedef struct asig_evento {
    asig_accion accion;
    int64_t postulante_id; /* whose turn the event is about */
    int64_t plaza_id;      /* ELIGE: the chosen plaza */
} asig_evento;

/* What one event did. */
typedef struct asig_resultado {
    long turno; /* the call number it answered (1-based) */
    int64_t postulante_id;
    turno_estado estado; /* ADJUDICADO, DESISTE, AUSENTE or NO_ADJUDICO */
    asig_via via;
    int64_t plaza_id;
    int unidad;
} asig_resultado;

typedef struct asig_post_estado {
    turno_estado estado;
    int llamadas;
    asig_via via;
    int64_t plaza_id;
    int unidad;
} asig_post_estado;

typedef struct asig_plaza_idx {
    int64_t plaza_id;
    size_t desde, hasta, siguiente;
} asig_plaza_idx;

typedef struct asig {
    asig_config cfg;
    const asig_postulante *post;
    size_t n;
    asig_post_estado *st; /* per postulante, same index as post */
    asig_unidad *u;       /* units sorted by (plaza, unidad) */
    size_t nu, libres;
    asig_plaza_idx *pl;
    size_t npl;
    size_t sig_main;            /* next index of the first call */
    int bloque_cnt;             /* first calls since the last recall round */
    size_t *cola, ncola, icola; /* the recall round being called */
    size_t ausentes;
    long actual; /* index of the called postulante, -1 when finished */
    long turno;  /* calls made so far */
} asig;

/* Builds the session state and calls the first turn. */
asig_error asig_init(asig *s, arena *a, const asig_config *cfg, const asig_postulante *post, size_t n,
                     const asig_unidad *u, size_t nu);
/* Applies one event to the called turn and calls the next one. */
asig_error asig_aplicar(asig *s, const asig_evento *ev, asig_resultado *out);
/* The plaza a VENCE would take now for the called turn (0 when none). */
int64_t asig_auto(const asig *s);
/* Batch: applies VENCE until the session ends; each result to cb (may be NULL). */
asig_error asig_ejecutar(asig *s, void (*cb)(void *ud, const asig_resultado *r), void *ud);
/* Closes early: every turn not final becomes NO_ADJUDICO. */
void asig_cerrar(asig *s);
size_t asig_libres_plaza(const asig *s, int64_t plaza_id);
bool asig_terminada(const asig *s);
/* Replays a whole log; res[i] gets event i's result. Returns the index of the
 * first event that does not apply (with *err), or -1 when all applied. */
long asig_replay(asig *s, const asig_evento *ev, size_t nev, asig_resultado *res, asig_error *err);
#endif
