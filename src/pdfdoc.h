/* pdfdoc.h - a small layout layer over libhpdf for printed documents built
 * in memory: A4 portrait pages with the base-14 fonts in WinAnsiEncoding
 * (UTF-8 goes through cp1252 so Spanish accents print), a cursor going down
 * the page, word wrapping to a width, a new page when the next block does
 * not fit (with a callback that draws each page's header and footer), and
 * the finished PDF copied into the arena. Any libhpdf error fails the whole
 * document. No I/O. */
#ifndef SERUMS_PDFDOC_H
#define SERUMS_PDFDOC_H
#include "arena.h"
#include <hpdf.h>
#include <stddef.h>

#define PDFDOC_ANCHO 595.0f
#define PDFDOC_ALTO 842.0f

typedef struct pdfdoc pdfdoc;
struct pdfdoc {
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font normal, negrita, fija;
    arena *a;
    float y;             /* baseline of the next line */
    float arriba, abajo; /* first baseline of a page; lowest baseline allowed */
    int paginas;
    int errores;
    void (*al_paginar)(pdfdoc *d, void *ctx); /* draws a new page's header/footer, may move y */
    void *ctx;
};

/* Opens a document with its first page; -1 on failure (then pdfdoc_cerrar). */
int pdfdoc_abrir(pdfdoc *d, arena *a, const char *titulo, void (*al_paginar)(pdfdoc *, void *), void *ctx);
void pdfdoc_cerrar(pdfdoc *d);
/* 0 with the PDF bytes (in the arena); -1 when anything failed. */
int pdfdoc_guardar(pdfdoc *d, unsigned char **out, size_t *len);

/* Starts a new page unless `alto` points still fit above the bottom. */
void pdfdoc_necesita(pdfdoc *d, float alto);
/* UTF-8 text at (x, y); the _derecha form ends at x. */
void pdfdoc_texto(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *utf8);
void pdfdoc_texto_derecha(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *utf8);
/* Splits UTF-8 text into lines (CP1252) no wider than `ancho`: at spaces when
 * it can, inside a word when it must, and at every line break of the text.
 * Returns the number of lines (at least 1), *lineas in the arena; 0 on failure. */
size_t pdfdoc_partir(pdfdoc *d, HPDF_Font f, float size, float ancho, const char *utf8, char ***lineas);
/* One CP1252 line from pdfdoc_partir at (x, y). */
void pdfdoc_linea(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *cp1252);
/* A wrapped paragraph from the cursor down, breaking pages between lines. */
void pdfdoc_parrafo(pdfdoc *d, HPDF_Font f, float size, float x, float ancho, float interlinea,
                    const char *utf8);
#endif
