/* informe_huella.h - the SHA-256 printed on the Reporte de Informe Final, so
 * a printed copy can be checked against the data. It hashes a canonical
 * text of what the serumista declared (inscription, period, Anexo 6 sorted
 * by month, Anexo 7 sorted by month, rubro and actividad, conclusiones,
 * recomendaciones; not the state nor the resolución):
 *   serums-informe-final/1\n
 *   inscripcion <id>\n
 *   periodo <inicio> <fin>\n
 *   atencion <anio>-<mm> <programadas> <ejecutadas>\n         (each row)
 *   actividad <anio>-<mm> <rubro> <programadas> <ejecutadas> <bytes>:<actividad>\n
 *   conclusiones <bytes>:<text>\n      (0: when null)
 *   recomendaciones <bytes>:<text>\n
 * Pure (libsodium's SHA-256). */
#ifndef SERUMS_INFORME_HUELLA_H
#define SERUMS_INFORME_HUELLA_H
#include "arena.h"
#include "informe.h"

/* 0 with 64 lowercase hex digits and a NUL in hex; -1 out of memory. */
int informe_sha256(arena *a, const informe_datos *d, char hex[65]);
/* The canonical text itself (NUL-terminated, in the arena), or NULL. */
char *informe_canonico(arena *a, const informe_datos *d);
#endif
