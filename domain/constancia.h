/* constancia.h - the constancia de inscripción: a one-page A4 PDF made with
 * libhpdf in memory (standard fonts, WinAnsiEncoding so Spanish accents print)
 * with the convocatoria, the applicant, the profession, university, DIRESA,
 * modalidad, the state INSCRITO, the date and time, a verification code, the
 * SHA-256 of the finalized data and the hash of each document. No I/O. */
#ifndef SERUMS_CONSTANCIA_H
#define SERUMS_CONSTANCIA_H
#include "arena.h"
#include <stddef.h>

typedef struct constancia_documento {
    const char *tipo;   /* "PPP" */
    const char *sha256; /* hex */
} constancia_documento;

typedef struct constancia_datos { /* all UTF-8 */
    const char *convocatoria;     /* "2026-I (ORDINARIO)" */
    const char *nombres;          /* "PÉREZ ÑAHUI, María José" */
    const char *documento;        /* "DNI 10117410" */
    const char *profesion, *universidad, *diresa, *modalidad;
    const char *fecha_hora; /* "2026-03-02 09:15:07 (hora de Lima)" */
    const char *codigo_verificacion;
    const char *sha256; /* hex SHA-256 of the finalized data */
    const constancia_documento *documentos;
    size_t ndocumentos;
} constancia_datos;

/* 0 with the PDF (bytes in the arena) in out and len; -1 on failure. */
int constancia_pdf(arena *a, const constancia_datos *d, unsigned char **out, size_t *len);
#endif
