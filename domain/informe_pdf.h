/* informe_pdf.h - the printed "Reporte de Informe Final" (A4, libhpdf via
 * pdfdoc, as many pages as it takes): the serumista, the plaza and service
 * period, the state and the resolución once recorded, Anexo 6 (Mes de
 * atención, Programadas, Ejecutadas, with totals), Anexo 7 (Mes, Rubro,
 * Actividad, Programado, Ejecutado), conclusiones, recomendaciones, and
 * the informe's SHA-256 (informe_huella) so a printed copy can be checked.
 * Rows print in the order given. No I/O. */
#ifndef SERUMS_INFORME_PDF_H
#define SERUMS_INFORME_PDF_H
#include "arena.h"
#include "informe.h"
#include <stddef.h>

/* 0 with the PDF (bytes in the arena) in out and len and, when sha256 is not
 * NULL, the hash printed on it; -1 on failure. */
int informe_pdf(arena *a, const informe_datos *d, unsigned char **out, size_t *len, char sha256[65]);
#endif
