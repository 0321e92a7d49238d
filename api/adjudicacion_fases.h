/* adjudicacion_fases.h - the equivalente fases of adjudication sessions
 * (issue 11, design/orden-adjudicacion.md): when a session is created, the
 * order of fases (CAUTIVAS -> VINCULO_LABORAL -> REGULARES) and who takes part
 * (domain/fases.c over each postulante's institution, vínculo laboral and
 * remunerated adjudicación), kept on its turns; when the motor loads a
 * session, the fase data the domain allocation checks eligibility with.
 * SQL: sql/adjudicacion_fases.sql. */
#ifndef SERUMS_ADJUDICACION_FASES_H
#define SERUMS_ADJUDICACION_FASES_H
#include "asignacion.h"
#include "db.h"
#include "fases.h"
#include "http.h"
#include "orden_merito.h"

/* 0 when a session of fase f may be created now; else answers 409
 * FASE_NO_DISPONIBLE (or a database problem) and returns -1. */
int adjfases_orden(req *r, const char *cid, const char *modalidad, const char *profesion, fase_adj f);

/* The participants of fase f in a session of modalidad EQUIVALENTE (equivalente)
 * or not kept in om (merit order preserved) and their fase data in *datos (same
 * order); a REMUNERADA session keeps everyone. false: database. */
typedef struct adjfases_datos {
    size_t n;
    fase_postulante *post;
} adjfases_datos;
bool adjfases_filtrar(db *d, arena *a, fase_adj f, bool equivalente, orden_calculo *om,
                      adjfases_datos *datos);

/* Stores on session sid's turns the fase data of om's items. false: database. */
bool adjfases_marcar(db *d, arena *a, const char *sid, const orden_calculo *om, const adjfases_datos *datos);

/* For an equivalente session: loads its turns' and plazas' fase data and sets
 * cfg->elegible / cfg->ud to fase_sesion_elegible; other fases: leaves cfg.
 * n: the session's turns. false: database or memory. */
bool adjfases_config(db *d, arena *a, const char *sid, const char *fase, size_t n, asig_config *cfg);
#endif
