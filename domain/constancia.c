/* constancia.c - lays out the constancia with libhpdf: a title block, one
 * labeled row per datum (values wrapped to the column), the verification
 * block in a fixed-width font, and the document hashes. Text goes through
 * cp1252_desde_utf8 because the base-14 fonts use WinAnsiEncoding. libhpdf
 * reports errors through a handler; any error fails the whole document. */
#include "constancia.h"
#include "cp1252.h"
#include <hpdf.h>
#include <string.h>

#define MARGEN 56.0f
#define COLUMNA 215.0f
#define ANCHO_PAGINA 595.0f

typedef struct pluma {
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font normal, negrita, fija;
    arena *a;
    float y;
    int errores;
} pluma;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    (void)error_no;
    (void)detail_no;
    ((pluma *)user_data)->errores++;
}

static void texto(pluma *p, HPDF_Font f, float size, float x, float y, const char *utf8)
{
    const char *t = cp1252_desde_utf8(p->a, utf8);
    if (!t) { p->errores++; return; }
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, f, size);
    HPDF_Page_TextOut(p->page, x, y, t);
    HPDF_Page_EndText(p->page);
}

/* Label on the left, value wrapped within the right column. */
static void fila(pluma *p, const char *etiqueta, const char *valor)
{
    texto(p, p->negrita, 10, MARGEN, p->y, etiqueta);
    const char *v = cp1252_desde_utf8(p->a, valor && *valor ? valor : "-");
    if (!v) { p->errores++; return; }
    float ancho = ANCHO_PAGINA - MARGEN - COLUMNA;
    HPDF_Page_SetFontAndSize(p->page, p->normal, 10);
    size_t resto = strlen(v);
    for (int lineas = 0; resto > 0 && lineas < 6; lineas++) {
        HPDF_REAL usado;
        HPDF_UINT n = HPDF_Page_MeasureText(p->page, v, ancho, HPDF_TRUE, &usado);
        if (n == 0) n = HPDF_Page_MeasureText(p->page, v, ancho, HPDF_FALSE, &usado);
        if (n == 0 || n > resto) n = (HPDF_UINT)resto;
        char *linea = arena_strndup(p->a, v, n);
        if (!linea) { p->errores++; return; }
        HPDF_Page_BeginText(p->page);
        HPDF_Page_SetFontAndSize(p->page, p->normal, 10);
        HPDF_Page_TextOut(p->page, COLUMNA, p->y, linea);
        HPDF_Page_EndText(p->page);
        v += n;
        resto -= n;
        while (*v == ' ') { v++; resto--; }
        p->y -= 14;
    }
    p->y -= 4;
}

static void encabezado(pluma *p, const constancia_datos *d)
{
    texto(p, p->negrita, 11, MARGEN, p->y, "MINISTERIO DE SALUD DEL PERÚ");
    p->y -= 14;
    texto(p, p->normal, 10, MARGEN, p->y, "Servicio Rural y Urbano Marginal de Salud (SERUMS)");
    p->y -= 40;
    texto(p, p->negrita, 16, MARGEN, p->y, "CONSTANCIA DE INSCRIPCIÓN");
    p->y -= 20;
    const char *titulo = arena_printf(p->a, "Convocatoria SERUMS %s", d->convocatoria ? d->convocatoria : "");
    if (!titulo) { p->errores++; return; }
    texto(p, p->negrita, 12, MARGEN, p->y, titulo);
    p->y -= 34;
}

static void verificacion(pluma *p, const constancia_datos *d)
{
    p->y -= 10;
    texto(p, p->negrita, 10, MARGEN, p->y, "Código de verificación:");
    texto(p, p->fija, 12, COLUMNA, p->y, d->codigo_verificacion);
    p->y -= 18;
    texto(p, p->negrita, 10, MARGEN, p->y, "SHA-256 de los datos finalizados:");
    p->y -= 13;
    texto(p, p->fija, 8.5f, MARGEN, p->y, d->sha256);
    p->y -= 24;
    if (d->ndocumentos) {
        texto(p, p->negrita, 10, MARGEN, p->y, "Documentos presentados (SHA-256):");
        p->y -= 13;
    }
    for (size_t i = 0; i < d->ndocumentos; i++) {
        texto(p, p->fija, 8.5f, MARGEN, p->y, d->documentos[i].tipo);
        texto(p, p->fija, 7.5f, MARGEN + 80, p->y, d->documentos[i].sha256);
        p->y -= 12;
    }
    p->y -= 20;
    texto(p, p->normal, 8.5f, MARGEN, p->y,
          "La inscripción finalizada es irreversible. Verifique esta constancia con su código de verificación;");
    p->y -= 11;
    texto(p, p->normal, 8.5f, MARGEN, p->y,
          "el SHA-256 identifica exactamente los datos y documentos que usted declaró.");
}

static int guardar(pluma *p, unsigned char **out, size_t *len)
{
    if (p->errores || HPDF_SaveToStream(p->pdf) != HPDF_OK) return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf);
    unsigned char *buf = size ? arena_alloc(p->a, size) : NULL;
    if (!buf) return -1;
    HPDF_UINT32 got = size;
    HPDF_STATUS st = HPDF_ReadFromStream(p->pdf, buf, &got);
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) return -1;
    *out = buf;
    *len = size;
    return 0;
}

int constancia_pdf(arena *a, const constancia_datos *d, unsigned char **out, size_t *len)
{
    pluma p = {.a = a, .y = 780};
    p.pdf = HPDF_New(on_error, &p);
    if (!p.pdf) return -1;
    HPDF_SetCompressionMode(p.pdf, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(p.pdf, HPDF_INFO_TITLE, "Constancia de inscripcion SERUMS");
    HPDF_SetInfoAttr(p.pdf, HPDF_INFO_CREATOR, "SERUMS Digital API");
    p.page = HPDF_AddPage(p.pdf);
    p.normal = HPDF_GetFont(p.pdf, "Helvetica", "WinAnsiEncoding");
    p.negrita = HPDF_GetFont(p.pdf, "Helvetica-Bold", "WinAnsiEncoding");
    p.fija = HPDF_GetFont(p.pdf, "Courier", "WinAnsiEncoding");
    int rc = -1;
    if (p.page && p.normal && p.negrita && p.fija && !p.errores) {
        HPDF_Page_SetSize(p.page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        encabezado(&p, d);
        fila(&p, "Apellidos y nombres:", d->nombres);
        fila(&p, "Documento de identidad:", d->documento);
        fila(&p, "Profesión:", d->profesion);
        fila(&p, "Universidad:", d->universidad);
        fila(&p, "DIRESA / GERESA / DIRIS:", d->diresa);
        fila(&p, "Modalidad:", d->modalidad);
        fila(&p, "Estado:", "INSCRITO");
        fila(&p, "Fecha y hora de inscripción:", d->fecha_hora);
        verificacion(&p, d);
        rc = guardar(&p, out, len);
    }
    HPDF_Free(p.pdf);
    return rc;
}
