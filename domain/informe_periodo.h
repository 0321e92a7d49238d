/* informe_periodo.h - the months of a service period [inicio, fin), fin
 * exclusive: a month belongs to the period when at least one of its days
 * does (2026-05-15 .. 2027-05-15 has 13 months, 2026-05-01 .. 2027-05-01 has
 * 12). Which months an informe has, whether a month is one of them, and the
 * months without an Anexo 6 row (meses_faltantes). Pure. */
#ifndef SERUMS_INFORME_PERIODO_H
#define SERUMS_INFORME_PERIODO_H
#include "arena.h"
#include "informe.h"
#include <stdbool.h>
#include <stddef.h>

/* No period spans more months than this (a SERUMS year is 12 or 13). */
#define INFORME_MAX_MESES 36

typedef struct informe_periodo {
    int primero; /* anio * 12 + mes - 1 of the first month */
    int nmeses;  /* 1..INFORME_MAX_MESES */
} informe_periodo;

/* 0 with the period of [inicio, fin) (YYYY-MM-DD); -1 when a date is not
 * valid, inicio >= fin, or it spans more than INFORME_MAX_MESES months. */
int informe_periodo_desde(informe_periodo *p, const char *inicio, const char *fin);
informe_mes informe_periodo_mes(const informe_periodo *p, int i); /* 0 <= i < nmeses */
bool informe_periodo_incluye(const informe_periodo *p, int anio, int mes);

/* The months of p (ascending) without a row in con_fila (any order, rows
 * outside p ignored). *out in the arena (NULL when none); -1 out of memory. */
int informe_meses_faltantes(arena *a, const informe_periodo *p, const informe_mes *con_fila, size_t n,
                            informe_mes **out, size_t *nout);

/* "Mayo" for 5; "?" outside 1..12. */
const char *informe_mes_nombre(int mes);
#endif
