/* documento.h - identity documents of people who register: the DNI with its
 * check digit (DESIGN §3), the Carné de Extranjería, and the dates printed on
 * them. Pure: no I/O, unit-tested; the handler passes "today" in Lima. */
#ifndef SERUMS_DOCUMENTO_H
#define SERUMS_DOCUMENTO_H
#include "json.h"
#include <stdbool.h>
#include <time.h>

/* The two accepted forms of the DNI check digit for 8 digits: a number and a
 * letter (10117410 -> '2' and 'G'). false when dni is not 8 digits. */
bool dni_digitos_verificacion(const char *dni, char *numero, char *letra);
/* true when `digito` (one character, letter case-insensitive) matches. */
bool dni_digito_valido(const char *dni, const char *digito);

/* Today's date (YYYY-MM-DD) in America/Lima (UTC-5 all year) for instant t. */
void documento_hoy_lima(time_t t, char out[11]);

/* The documents of one registration, already read from JSON (NULL = absent). */
typedef struct documento_datos {
    const char *tipo; /* "DNI" | "CE" */
    const char *numero;
    const char *digito;           /* DNI only */
    const char *fecha_nacimiento; /* YYYY-MM-DD */
    const char *fecha_emision;    /* DNI: required; CE: optional */
    const char *numero_sunedu;    /* CE: optional */
} documento_datos;

/* Checks the rules (formats, check digit, issue after birth, neither in the
 * future, 18 years or older on `hoy`) adding one error per wrong field.
 * Field names are the JSON ones of POST /v1/auth/register. */
void documento_validar(const documento_datos *d, const char *hoy, verr *e);

/* Years completed on `hoy` by someone born on `nacimiento` (both valid dates). */
int documento_edad(const char *nacimiento, const char *hoy);
#endif
