/* oferta.h - reads a MINSA plaza offer file ("oferta de plazas") into
 * normalized rows, pure (the catalogs are passed in): finds the header in
 * either layout (2025: one header, norte/este/direccion columns; 2026: an
 * INSTITUCIÓN OFERTANTE column, the header repeated on every page, note rows
 * between pages), skips repeated headers, notes and blank rows, re-joins words
 * split by line breaks, and maps every cell to the catalogs: professions,
 * DIRESAs and institutions to their codes, RENIPRESS to 8 digits, GD-1..GD-5
 * to 1..5, ZAF/ZE to booleans, places to INEI ubigeo codes. A row that cannot
 * be read is rejected with its line and every reason; a place that cannot be
 * matched only warns (the plaza is imported without that code). */
#ifndef SERUMS_OFERTA_H
#define SERUMS_OFERTA_H
#include "arena.h"
#include "ubigeo.h"
#include <stdbool.h>
#include <stddef.h>

/* One catalog entry (profession, DIRESA, institution): a cell matches it when
 * its key equals the key of codigo, nombre or nombre_oferta. */
typedef struct oferta_ref {
    const char *codigo, *nombre, *nombre_oferta;
} oferta_ref;

typedef struct oferta_catalogos {
    const oferta_ref *profesiones;
    size_t nprofesiones;
    const oferta_ref *diresas;
    size_t ndiresas;
    const oferta_ref *instituciones;
    size_t ninstituciones;
    const ubigeo_catalogo *ubigeo; /* after ubigeo_catalogo_listo */
} oferta_catalogos;

typedef struct oferta_fila {
    long linea;                                   /* physical line where the row starts */
    const char *profesion, *diresa, *institucion; /* catalog codes */
    const char *ofertante;                        /* 2026 layout: canonical name, else NULL */
    const char *sede, *categoria, *presupuesto, *direccion;
    const char *establecimiento; /* name, line breaks resolved */
    char renipress[9];
    int cantidad, grado;
    bool zaf, ze;
    bool cautiva; /* reserved for the institution's own staff (optional column CAUTIVA) */
    const char *departamento, *provincia, *distrito; /* INEI codes, NULL when not matched */
    const char *departamento_texto, *provincia_texto, *distrito_texto;
    bool tiene_coord;
    double latitud, longitud;
} oferta_fila;

typedef struct oferta_nota {
    long linea;
    const char *motivo;
} oferta_nota;

/* What can be wrong with the whole file (the API maps each to its problem code). */
typedef enum oferta_problema {
    OFERTA_OK = 0,
    OFERTA_ARCHIVO_VACIO,        /* nothing but blanks (a BOM included) */
    OFERTA_NO_ES_CSV,            /* binary bytes */
    OFERTA_CSV_MALFORMADO,       /* an unclosed quote, ... */
    OFERTA_DELIMITADOR_INVALIDO, /* comma- or tab-separated */
    OFERTA_SIN_CABECERA,         /* no recognizable header */
    OFERTA_COLUMNAS_FALTANTES,   /* a header without required columns */
    OFERTA_SIN_FILAS,            /* a header and no data row */
    OFERTA_SIN_MEMORIA,
    OFERTA_NPROBLEMAS
} oferta_problema;

typedef struct oferta_resultado {
    oferta_problema problema; /* OFERTA_OK, or what is wrong with the whole file */
    const char *detalle;      /* that problem in Spanish, for people */
    oferta_fila *filas;       /* valid rows (all rows when nrechazadas == 0) */
    size_t nfilas, capfilas;
    long filas_leidas; /* data rows read, rejected ones included */
    long plazas;       /* sum of N° PLAZAS over valid rows */
    oferta_nota *rechazadas, *advertencias;
    size_t nrechazadas, caprechazadas, nadvertencias, capadvertencias;
    int columnas; /* cells in the header: 18 (2025 layout) or 16 (2026) */
} oferta_resultado;

/* Reads buf. Returns 0 when the file could be read (rows may still be
 * rejected: see nrechazadas), -1 for a whole-file problem (problema, detalle):
 * empty, binary, wrong delimiter, no recognizable header, missing columns. */
int oferta_lee(arena *a, const char *buf, size_t len, const oferta_catalogos *cat, oferta_resultado *out);

/* Cell readers, exposed for tests. */
int oferta_cantidad(const char *s);                /* 1..9999, else -1 */
bool oferta_renipress(const char *s, char out[9]); /* 1-8 digits, zero-padded */
int oferta_grado(const char *s);                   /* "GD-3" -> 3, else -1 */
int oferta_si_no(const char *s);                   /* 1, 0, or -1 */
/* A coordinate as the 2025 files write it: "-12.5", "-12,5", or digits that
 * lost their decimal point ("-1360911902" -> -13.60911902), in [min, max];
 * when two readings fit, the one nearer `ref` (if has_ref) wins. */
bool oferta_coordenada(const char *s, double min, double max, bool has_ref, double ref, double *out);
#endif
