/* fase.h - the one question every phase-bound action asks: "is phase F of
 * convocatoria C in force now?" (windows [inicia, termina), clock from
 * config_now, so SERUMS_NOW drives it in tests). */
#ifndef SERUMS_FASE_H
#define SERUMS_FASE_H
#include "http.h"
#include "servicio.h"

/* One phase of one convocatoria at config_now. */
typedef struct fase_ventana {
    bool vigente, iniciada;                     /* in force now; begun (now >= inicia) */
    const char *inicia_lima, *termina_lima;     /* "YYYY-MM-DD HH:MM", NULL when not scheduled */
} fase_ventana;
/* 1 and *out when the convocatoria exists, 0 when it does not (or the id is
 * not one), -1 on a database failure. */
int fase_consultar(const servicio *s, const char *convocatoria_id, const char *fase, fase_ventana *out);
/* "La fase F de esta convocatoria ya comenzó (...)": the detail of FASE_INICIADA. */
const char *fase_iniciada_detalle(arena *a, const char *fase, const fase_ventana *v);

/* 0 when `fase` is in force now for the convocatoria; otherwise answers 404
 * (no such convocatoria) or 409 FUERA_DE_FASE and returns -1. */
int fase_exigir(req *r, const char *convocatoria_id, const char *fase);
/* For actions allowed only until a phase begins (e.g. replacing the offer
 * until adjudication): 0 while `fase` has not begun or is not scheduled;
 * otherwise answers 404 or 409 FASE_INICIADA and returns -1. */
int fase_antes_de(req *r, const char *convocatoria_id, const char *fase);
#endif
