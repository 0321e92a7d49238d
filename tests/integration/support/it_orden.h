/* it_orden.h - fixtures for the merit order, sorteo and adjudication tests:
 * convocatorias at a chosen phase and APTO inscriptions written straight in
 * the database (the review that makes people APTO is another module). */
#ifndef SERUMS_IT_ORDEN_H
#define SERUMS_IT_ORDEN_H
#include "it.h"
#include <stddef.h>

/* A new convocatoria whose DESEMPATE_SORTEO is in force now (en_curso) or
 * starts tomorrow (PUBLICACION_FINAL in force now); malloc'ed id. */
char *it_conv_desempate(int en_curso);
/* n APTO inscriptions of profesion × modalidad with grades; ids ascending
 * into ids[] (caller's array of n). */
void it_aptos(const char *convocatoria_id, const char *profesion, const char *modalidad, int n, long long *ids);
/* A new convocatoria in ADJUDICACION_REMUNERADA now, with SERVICIO scheduled; malloc'ed id. */
char *it_conv_adjudicacion(void);
/* A remunerated offer row of `cantidad` units; its id. */
long long it_plaza(const char *convocatoria_id, const char *profesion, int cantidad);
/* Logs in as the owner of an it_aptos inscription (dev password); malloc'ed token. */
char *it_apto_token(long long inscripcion_id);
/* Records an official grade of fuente (ENAM, EVALUACION_SERUMS, PPP) for an
 * inscription as a validation load would (a DISCREPANCIA with the declaration). */
void it_nota_oficial(long long inscripcion_id, const char *fuente, const char *oficial);
/* Publishes ORDEN_MERITO of the convocatoria as admin through nginx (what
 * sessions take their turns from), first scheduling DESEMPATE_SORTEO in the
 * past when the convocatoria has no such phase; asserts 201; the version. */
long it_orden_publicar(const char *convocatoria_id);
/* Freezes and draws the sorteo of profesion × modalidad as admin through
 * nginx (DESEMPATE_SORTEO must be in force) with a fixed secret; its id. */
long long it_sorteo(const char *convocatoria_id, const char *modalidad, const char *profesion);
/* The admin token (dev seed). */
char *it_admin(void);
/* Runs sql with parameters (asserting success); its first cell, malloc'ed, or NULL. */
char *it_sql(const char *sql, int n, const char *const *p);
/* Writes a response body to dir/nombre (a published file for the verifier). */
void it_guardar(const char *dir, const char *nombre, const it_resp *r);
/* The 2025-2026 score policy (0.7 evaluación + 0.3 PPP). */
#define IT_POLITICA_2026                                                                                          \
    "{\"componentes\": [{\"fuente\": \"EVALUACION_SERUMS\", \"peso\": \"0.70\"}, {\"fuente\": \"PPP\", \"peso\": \"0.30\"}]," \
    " \"eleccion_nota\": \"NINGUNA\", \"desempate\": [\"NOTA_EVALUACION_SERUMS desc\"], \"escala\": 6}"
#endif
