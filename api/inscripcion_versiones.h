/* inscripcion_versiones.h - the snapshots of an inscription (version 1 at
 * finalization, 2... after each subsanación) and their constancias: GET
 * /v1/inscripciones/{id}/versiones/{n}[/constancia], and the constancia of
 * the version in force for GET /v1/inscripciones/{id}/constancia. */
#ifndef SERUMS_INSCRIPCION_VERSIONES_H
#define SERUMS_INSCRIPCION_VERSIONES_H
#include "inscripcion_datos.h"

/* Answers the constancia (PDF) of snapshot n of f (NULL: the one in force). */
void insc_version_constancia(req *r, const insc_fila *f, const char *n);
#endif
