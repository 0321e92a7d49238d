/* constancia.c - lays out the constancia with libhpdf: a title block, one
 * labeled row per datum (values wrapped to the column), the verification
 * block in a fixed-width font, and the document hashes, through pdfdoc
 * (base-14 fonts in WinAnsiEncoding, text through cp1252, any libhpdf error
 * fails the whole document). */
#include "constancia.h"
#include "pdfdoc.h"
#include <string.h>

#define MARGEN 56.0f
#define COLUMNA 215.0f

typedef pdfdoc pluma;

static void texto(pluma *p, HPDF_Font f, float size, float x, float y, const char *utf8)
{
    pdfdoc_texto(p, f, size, x, y, utf8);
}

/* Label on the left, value wrapped within the right column (six lines at most). */
static void fila(pluma *p, const char *etiqueta, const char *valor)
{
    texto(p, p->negrita, 10, MARGEN, p->y, etiqueta);
    char **lineas;
    size_t n = pdfdoc_partir(p, p->normal, 10, PDFDOC_ANCHO - MARGEN - COLUMNA, valor && *valor ? valor : "-",
                             &lineas);
    for (size_t i = 0; i < n && i < 6; i++) {
        pdfdoc_linea(p, p->normal, 10, COLUMNA, p->y, lineas[i]);
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
    if (!titulo) {
        p->errores++;
        return;
    }
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
    texto(
        p, p->normal, 8.5f, MARGEN, p->y,
        "La inscripción finalizada es irreversible. Verifique esta constancia con su código de verificación;");
    p->y -= 11;
    texto(p, p->normal, 8.5f, MARGEN, p->y,
          "el SHA-256 identifica exactamente los datos y documentos que usted declaró.");
}

int constancia_pdf(arena *a, const constancia_datos *d, unsigned char **out, size_t *len)
{
    pluma p;
    int rc = -1;
    if (pdfdoc_abrir(&p, a, "Constancia de inscripcion SERUMS", NULL, NULL) == 0) {
        p.y = 780;
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
        rc = pdfdoc_guardar(&p, out, len);
    }
    pdfdoc_cerrar(&p);
    return rc;
}
