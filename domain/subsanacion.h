/* subsanacion.h - what an observed postulante may change in SUBSANACION:
 * only the wizard sections and documents that the observed requisitos cover
 * (design/revision-publicacion.md). Anything else is refused (NO_OBSERVADO).
 * Pure: a table from requisito to sections and document tipos. */
#ifndef SERUMS_SUBSANACION_H
#define SERUMS_SUBSANACION_H
#include "revision.h"
#include <stdbool.h>

/* Section names are the wizard's JSON keys ("datos_personales",
 * "datos_profesionales", "datos_postulacion"); the declaración jurada is
 * given again by POST .../subsanar and never edited on its own. */
bool subsanacion_seccion_editable(unsigned observados, const char *seccion);
/* Document tipos: PPP, ENAM, FFAA, DISCAPACIDAD, RENUNCIA, COMPROBANTE, VINCULO_LABORAL. */
bool subsanacion_documento_editable(unsigned observados, const char *tipo);
/* The sections / document tipos the observed requisitos open, written into
 * out (NULL-terminated, at most `cap` - 1 entries); returns how many. */
size_t subsanacion_secciones(unsigned observados, const char **out, size_t cap);
size_t subsanacion_documentos(unsigned observados, const char **out, size_t cap);
#endif
