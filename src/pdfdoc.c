/* pdfdoc.c - see pdfdoc.h. libhpdf reports errors through a handler that
 * counts them; every step checks nothing else, and saving refuses a
 * document that had any. */
#include "pdfdoc.h"
#include "cp1252.h"
#include <string.h>

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    (void)error_no;
    (void)detail_no;
    ((pdfdoc *)user_data)->errores++;
}

static void nueva_pagina(pdfdoc *d)
{
    d->page = HPDF_AddPage(d->pdf);
    if (!d->page) {
        d->errores++;
        return;
    }
    HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->paginas++;
    d->y = d->arriba;
    if (d->al_paginar) d->al_paginar(d, d->ctx);
}

int pdfdoc_abrir(pdfdoc *d, arena *a, const char *titulo, void (*al_paginar)(pdfdoc *, void *), void *ctx)
{
    memset(d, 0, sizeof *d);
    d->a = a;
    d->arriba = 790;
    d->abajo = 60;
    d->al_paginar = al_paginar;
    d->ctx = ctx;
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf) return -1;
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, titulo);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "SERUMS Digital API");
    d->normal = HPDF_GetFont(d->pdf, "Helvetica", "WinAnsiEncoding");
    d->negrita = HPDF_GetFont(d->pdf, "Helvetica-Bold", "WinAnsiEncoding");
    d->fija = HPDF_GetFont(d->pdf, "Courier", "WinAnsiEncoding");
    if (!d->normal || !d->negrita || !d->fija) return -1;
    nueva_pagina(d);
    return d->errores ? -1 : 0;
}

void pdfdoc_cerrar(pdfdoc *d)
{
    if (d->pdf) HPDF_Free(d->pdf);
    d->pdf = NULL;
}

int pdfdoc_guardar(pdfdoc *d, unsigned char **out, size_t *len)
{
    if (d->errores || HPDF_SaveToStream(d->pdf) != HPDF_OK) return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf);
    unsigned char *buf = size ? arena_alloc(d->a, size) : NULL;
    if (!buf) return -1;
    HPDF_UINT32 got = size;
    HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, buf, &got);
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) return -1;
    *out = buf;
    *len = size;
    return 0;
}

void pdfdoc_necesita(pdfdoc *d, float alto)
{
    if (d->y - alto + 1 < d->abajo) nueva_pagina(d);
}

void pdfdoc_linea(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *cp1252)
{
    if (!d->page || !cp1252) {
        d->errores++;
        return;
    }
    HPDF_Page_BeginText(d->page);
    HPDF_Page_SetFontAndSize(d->page, f, size);
    HPDF_Page_TextOut(d->page, x, y, cp1252);
    HPDF_Page_EndText(d->page);
}

void pdfdoc_texto(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *utf8)
{
    if (!utf8) {
        d->errores++;
        return;
    }
    pdfdoc_linea(d, f, size, x, y, cp1252_desde_utf8(d->a, utf8));
}

void pdfdoc_texto_derecha(pdfdoc *d, HPDF_Font f, float size, float x, float y, const char *utf8)
{
    const char *t = utf8 ? cp1252_desde_utf8(d->a, utf8) : NULL;
    if (!t) {
        d->errores++;
        return;
    }
    HPDF_TextWidth w = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)t, (HPDF_UINT)strlen(t));
    pdfdoc_linea(d, f, size, x - (float)w.width * size / 1000.0f, y, t);
}

/* Appends the lines of one paragraph without line breaks. */
static int partir_parrafo(pdfdoc *d, HPDF_Font f, float size, float ancho, const char *t, size_t resto,
                          char ***lineas, size_t *n, size_t *cap)
{
    do {
        HPDF_REAL usado;
        HPDF_UINT k = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)t, (HPDF_UINT)resto, ancho, size, 0, 0,
                                            HPDF_TRUE, &usado);
        if (k == 0)
            k = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)t, (HPDF_UINT)resto, ancho, size, 0, 0,
                                      HPDF_FALSE, &usado);
        if (k == 0) k = 1;
        if (k > resto) k = (HPDF_UINT)resto;
        if (*n == *cap) {
            size_t nc = *cap * 2;
            char **m = arena_alloc(d->a, nc * sizeof *m);
            if (!m) return -1;
            memcpy(m, *lineas, *n * sizeof *m);
            *lineas = m;
            *cap = nc;
        }
        size_t largo = k;
        while (largo > 0 && t[largo - 1] == ' ') largo--;
        if (!((*lineas)[(*n)++] = arena_strndup(d->a, t, largo))) return -1;
        t += k;
        resto -= k;
        while (resto > 0 && *t == ' ') {
            t++;
            resto--;
        }
    } while (resto > 0);
    return 0;
}

size_t pdfdoc_partir(pdfdoc *d, HPDF_Font f, float size, float ancho, const char *utf8, char ***lineas)
{
    const char *t = cp1252_desde_utf8(d->a, utf8);
    size_t n = 0, cap = 8;
    *lineas = arena_alloc(d->a, cap * sizeof **lineas);
    if (!t || !*lineas) {
        d->errores++;
        return 0;
    }
    for (;;) {
        size_t largo = strcspn(t, "\r\n");
        if (partir_parrafo(d, f, size, ancho, t, largo, lineas, &n, &cap)) {
            d->errores++;
            return 0;
        }
        t += largo;
        if (!*t) break;
        t += (t[0] == '\r' && t[1] == '\n') ? 2 : 1;
    }
    return n;
}

void pdfdoc_parrafo(pdfdoc *d, HPDF_Font f, float size, float x, float ancho, float interlinea,
                    const char *utf8)
{
    char **lineas;
    size_t n = pdfdoc_partir(d, f, size, ancho, utf8, &lineas);
    for (size_t i = 0; i < n; i++) {
        pdfdoc_necesita(d, interlinea);
        pdfdoc_linea(d, f, size, x, d->y, lineas[i]);
        d->y -= interlinea;
    }
}
