/* listas_adjudicacion.h - the adjudication's published lists
 * (ADJUDICADOS_REMUNERADA, ADJUDICADOS_EQUIVALENTE, ANULACIONES), written as a
 * new numbered version whenever they change (a session closes, a nullity).
 * Until the publication machinery of design/revision-publicacion.md reaches
 * this branch, publicar_local() writes the version files itself under
 * $SERUMS_VAR/publicaciones/{convocatoria}/{TIPO}/v{n}.json and .csv (the
 * same shape: JSON {convocatoria, tipo, version, publicado_at, sha256, filas,
 * items} and a `;` CSV with a UTF-8 BOM); that one function is what to
 * re-point. */
#ifndef SERUMS_LISTAS_ADJUDICACION_H
#define SERUMS_LISTAS_ADJUDICACION_H
#include "http.h"

/* Publishes a new version of the lists a change in `modalidad` affects (and
 * ANULACIONES when `anulaciones`). Call after commit; best effort, logged. */
void listas_publicar(req *r, const char *convocatoria_id, const char *modalidad, bool anulaciones);
#endif
