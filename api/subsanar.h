/* subsanar.h - what the wizard's write handlers call instead of
 * insc_cargar_escritura, so that an OBSERVADO owner may change, during
 * SUBSANACION, only the sections and documents its observed requisitos
 * cover (domain/subsanacion.c); everything else behaves as before. */
#ifndef SERUMS_SUBSANAR_H
#define SERUMS_SUBSANAR_H
#include "inscripcion_datos.h"

/* Opens the transaction, like insc_cargar_escritura. `que` is the section
 * ("datos_personales"...) or the document tipo ("PPP"...) to be written. An
 * OBSERVADO inscription: phase SUBSANACION (409 FUERA_DE_FASE) and `que`
 * observed (409 NO_OBSERVADO), then f is loaded, row locked; any other:
 * insc_cargar_escritura. 0, or -1 after rolling back and answering. */
int subsanacion_cargar_escritura(req *r, const char *id, const char *que, insc_fila *f);
#endif
