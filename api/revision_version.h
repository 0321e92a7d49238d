/* revision_version.h - the inscription's row version on GET
 * /v1/inscripciones/{id}: answered as `version` and as the strong ETag that a
 * review sends back in If-Match (design/revision-publicacion.md). */
#ifndef SERUMS_REVISION_VERSION_H
#define SERUMS_REVISION_VERSION_H
#include "inscripcion_datos.h"

/* Fills f->version when the row did not bring it and sets the ETag header;
 * 0, or -1 after answering a database problem. */
int revision_version(req *r, insc_fila *f);
#endif
