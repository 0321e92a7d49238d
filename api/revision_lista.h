/* revision_lista.h - GET /v1/convocatorias/{id}/inscripciones (the reviewers'
 * list), routed by revision.c. */
#ifndef SERUMS_REVISION_LISTA_H
#define SERUMS_REVISION_LISTA_H
#include "http.h"
void revision_lista(req *r);
#endif
