/* informe_pdf.c - lays out the Reporte de Informe Final: a title block on
 * the first page, a footer with the page number on every page, labeled data
 * rows, the two annex tables (their header repeated on each new page, cells
 * wrapped in their column), the texts as paragraphs, and the verification
 * block. */
#include "informe_pdf.h"
#include "informe_huella.h"
#include "informe_periodo.h"
#include "informe_reglas.h"
#include "pdfdoc.h"
#include "timeutil.h"
#include <string.h>

#define M 50.0f                        /* left margin */
#define DERECHA (PDFDOC_ANCHO - 50.0f) /* right edge */
#define VALOR 190.0f                   /* value column of the data rows */

typedef struct reporte {
    const informe_datos *d;
    const char *pie; /* footer text before the page number */
} reporte;

static void al_paginar(pdfdoc *p, void *ctx)
{
    reporte *r = ctx;
    pdfdoc_texto(p, p->normal, 7.5f, M, 30, r->pie);
    pdfdoc_texto_derecha(p, p->normal, 7.5f, DERECHA, 30, arena_printf(p->a, "Página %d", p->paginas));
    if (p->paginas > 1) return;
    pdfdoc_texto(p, p->negrita, 11, M, p->y, "MINISTERIO DE SALUD DEL PERÚ");
    p->y -= 14;
    pdfdoc_texto(p, p->normal, 10, M, p->y, "Servicio Rural y Urbano Marginal de Salud (SERUMS)");
    p->y -= 34;
    pdfdoc_texto(p, p->negrita, 16, M, p->y, "REPORTE DE INFORME FINAL");
    p->y -= 20;
    pdfdoc_texto(p, p->negrita, 12, M, p->y,
                 arena_printf(p->a, "Convocatoria SERUMS %s", r->d->convocatoria ? r->d->convocatoria : ""));
    p->y -= 28;
}

static void dato(pdfdoc *p, const char *etiqueta, const char *valor)
{
    char **l;
    size_t n = pdfdoc_partir(p, p->normal, 10, DERECHA - VALOR, valor && *valor ? valor : "-", &l);
    pdfdoc_necesita(p, 14.0f * (float)n);
    pdfdoc_texto(p, p->negrita, 10, M, p->y, etiqueta);
    for (size_t i = 0; i < n; i++) {
        pdfdoc_linea(p, p->normal, 10, VALOR, p->y, l[i]);
        p->y -= 14;
    }
    p->y -= 2;
}

static void titulo(pdfdoc *p, const char *t)
{
    p->y -= 10;
    pdfdoc_necesita(p, 60); /* a heading never ends a page alone */
    pdfdoc_texto(p, p->negrita, 12, M, p->y, t);
    p->y -= 18;
}

/* "30/04/2027" for the last day of [inicio, fin): the day before fin. */
static const char *ultimo_dia(arena *a, const char *fin)
{
    int y, m, d;
    if (date_parse(fin, &y, &m, &d)) return fin;
    if (--d == 0) {
        int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
        d = (int)(days_from_civil(y, m, 1) - days_from_civil(py, pm, 1));
        y = py;
        m = pm;
    }
    return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}

static const char *fecha(arena *a, const char *iso)
{
    int y, m, d;
    if (!iso || date_parse(iso, &y, &m, &d)) return iso;
    return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}

static const char *mes_anio(arena *a, int anio, int mes)
{
    return arena_printf(a, "%s %04d", informe_mes_nombre(mes), anio);
}

static void datos(pdfdoc *p, const informe_datos *d)
{
    dato(p, "Serumista:", d->nombres);
    dato(p, "Documento de identidad:", d->documento);
    dato(p, "Profesión:", d->profesion);
    dato(p, "Modalidad:", d->modalidad);
    dato(p, "DIRESA / GERESA / DIRIS:", d->diresa);
    dato(p, "Establecimiento:", d->establecimiento);
    dato(p, "Ubicación:", d->ubicacion);
    dato(p, "Periodo de servicio:",
         arena_printf(p->a, "del %s al %s", fecha(p->a, d->servicio_inicio),
                      ultimo_dia(p->a, d->servicio_fin)));
    dato(p, "Estado del informe:", d->estado);
    if (d->resolucion_numero)
        dato(p, "Resolución:",
             arena_printf(p->a, "N° %s del %s", d->resolucion_numero, fecha(p->a, d->resolucion_fecha)));
}

static void cabecera_anexo6(pdfdoc *p)
{
    pdfdoc_texto(p, p->negrita, 9, M, p->y, "Mes de atención");
    pdfdoc_texto_derecha(p, p->negrita, 9, 400, p->y, "Programadas");
    pdfdoc_texto_derecha(p, p->negrita, 9, DERECHA, p->y, "Ejecutadas");
    p->y -= 14;
}

static void anexo6(pdfdoc *p, const informe_datos *d)
{
    titulo(p, "Anexo 6: Atenciones por mes");
    cabecera_anexo6(p);
    long tp = 0, te = 0;
    for (size_t i = 0; i < d->natenciones; i++) {
        const informe_atencion *r = &d->atenciones[i];
        int pagina = p->paginas;
        pdfdoc_necesita(p, 13);
        if (p->paginas != pagina) cabecera_anexo6(p);
        pdfdoc_texto(p, p->normal, 9, M, p->y, mes_anio(p->a, r->anio, r->mes));
        pdfdoc_texto_derecha(p, p->normal, 9, 400, p->y, arena_printf(p->a, "%ld", r->programadas));
        pdfdoc_texto_derecha(p, p->normal, 9, DERECHA, p->y, arena_printf(p->a, "%ld", r->ejecutadas));
        p->y -= 13;
        tp += r->programadas;
        te += r->ejecutadas;
    }
    if (!d->natenciones) {
        pdfdoc_texto(p, p->normal, 9, M, p->y, "Sin atenciones registradas.");
        p->y -= 13;
        return;
    }
    pdfdoc_necesita(p, 13);
    pdfdoc_texto(p, p->negrita, 9, M, p->y, "Total");
    pdfdoc_texto_derecha(p, p->negrita, 9, 400, p->y, arena_printf(p->a, "%ld", tp));
    pdfdoc_texto_derecha(p, p->negrita, 9, DERECHA, p->y, arena_printf(p->a, "%ld", te));
    p->y -= 13;
}

/* Anexo 7 columns: Mes | Rubro | Actividad | Programado | Ejecutado */
#define C_RUBRO 122.0f
#define C_ACTIVIDAD 232.0f
#define C_PROG 478.0f

static void cabecera_anexo7(pdfdoc *p)
{
    pdfdoc_texto(p, p->negrita, 8.5f, M, p->y, "Mes");
    pdfdoc_texto(p, p->negrita, 8.5f, C_RUBRO, p->y, "Rubro");
    pdfdoc_texto(p, p->negrita, 8.5f, C_ACTIVIDAD, p->y, "Actividad");
    pdfdoc_texto_derecha(p, p->negrita, 8.5f, C_PROG, p->y, "Programado");
    pdfdoc_texto_derecha(p, p->negrita, 8.5f, DERECHA, p->y, "Ejecutado");
    p->y -= 13;
}

static void fila_anexo7(pdfdoc *p, const informe_actividad *r)
{
    char **rub, **act;
    size_t nr = pdfdoc_partir(p, p->normal, 8.5f, C_ACTIVIDAD - C_RUBRO - 8, informe_rubro_nombre(r->rubro),
                              &rub);
    size_t na = pdfdoc_partir(p, p->normal, 8.5f, C_PROG - 58 - C_ACTIVIDAD, r->actividad, &act);
    size_t n = nr > na ? nr : na;
    int pagina = p->paginas;
    pdfdoc_necesita(p, 11.0f * (float)n + 3);
    if (p->paginas != pagina) cabecera_anexo7(p);
    pdfdoc_texto(p, p->normal, 8.5f, M, p->y, mes_anio(p->a, r->anio, r->mes));
    pdfdoc_texto_derecha(p, p->normal, 8.5f, C_PROG, p->y, arena_printf(p->a, "%ld", r->programadas));
    pdfdoc_texto_derecha(p, p->normal, 8.5f, DERECHA, p->y, arena_printf(p->a, "%ld", r->ejecutadas));
    for (size_t i = 0; i < n; i++) {
        if (i < nr) pdfdoc_linea(p, p->normal, 8.5f, C_RUBRO, p->y, rub[i]);
        if (i < na) pdfdoc_linea(p, p->normal, 8.5f, C_ACTIVIDAD, p->y, act[i]);
        p->y -= 11;
    }
    p->y -= 3;
}

static void anexo7(pdfdoc *p, const informe_datos *d)
{
    titulo(p, "Anexo 7: Actividades");
    cabecera_anexo7(p);
    for (size_t i = 0; i < d->nactividades; i++) fila_anexo7(p, &d->actividades[i]);
    if (!d->nactividades) {
        pdfdoc_texto(p, p->normal, 9, M, p->y, "Sin actividades registradas.");
        p->y -= 13;
    }
}

static void texto_largo(pdfdoc *p, const char *t, const char *valor)
{
    titulo(p, t);
    pdfdoc_parrafo(p, p->normal, 9.5f, M, DERECHA - M, 12.5f, valor && *valor ? valor : "-");
}

static void verificacion(pdfdoc *p, const char *hex)
{
    p->y -= 16;
    pdfdoc_necesita(p, 60);
    pdfdoc_texto(p, p->negrita, 10, M, p->y, "SHA-256 del informe:");
    p->y -= 13;
    pdfdoc_texto(p, p->fija, 8.5f, M, p->y, hex);
    p->y -= 16;
    pdfdoc_texto(p, p->normal, 8, M, p->y,
                 "El SHA-256 identifica exactamente lo declarado (periodo, anexos 6 y 7, conclusiones y");
    p->y -= 10;
    pdfdoc_texto(p, p->normal, 8, M, p->y, "recomendaciones); cualquier cambio en el informe da otro valor.");
}

int informe_pdf(arena *a, const informe_datos *d, unsigned char **out, size_t *len, char sha256[65])
{
    char hex[65];
    if (informe_sha256(a, d, hex)) return -1;
    reporte r = {.d = d,
                 .pie = arena_printf(a, "SERUMS %s · Reporte de Informe Final · %s",
                                     d->convocatoria ? d->convocatoria : "", d->nombres ? d->nombres : "")};
    pdfdoc p = {0};
    int rc = -1;
    if (r.pie && pdfdoc_abrir(&p, a, "Reporte de Informe Final SERUMS", al_paginar, &r) == 0) {
        datos(&p, d);
        anexo6(&p, d);
        anexo7(&p, d);
        texto_largo(&p, "Conclusiones", d->conclusiones);
        texto_largo(&p, "Recomendaciones", d->recomendaciones);
        verificacion(&p, hex);
        rc = pdfdoc_guardar(&p, out, len);
    }
    pdfdoc_cerrar(&p);
    if (rc == 0 && sha256) memcpy(sha256, hex, 65);
    return rc;
}
