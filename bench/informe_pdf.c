/* informe_pdf.c - how long the Reporte de Informe Final takes to print for
 * a whole SERUMS year: twelve months of Anexo 6, 200 actividades of Anexo 7
 * with 90-character texts, 4,000-character conclusiones and recomendaciones.
 * Builds it N times (default 200) in a fresh arena each time and prints
 * min / median / p99 / max milliseconds and the PDF size. Target: < 200 ms.
 *   build/bench-informe-pdf [N] */
#include "informe_pdf.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double ahora_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static const char *largo(arena *a, const char *frase)
{
    char *t = arena_alloc(a, 4001);
    if (!t) return NULL;
    size_t n = 0, k = 0;
    while (n < 4000) t[n++] = frase[k] ? frase[k++] : (k = 0, ' ');
    t[4000] = '\0';
    return t;
}

static int anual(arena *a, informe_datos *d)
{
    static informe_atencion at[12];
    static informe_actividad ac[200];
    static const char *const rubros[] = {"PREVENTIVO_PROMOCIONAL", "ATENCION", "CAPACITACION", "GESTION"};
    for (int i = 0; i < 12; i++) at[i] = (informe_atencion){2026 + (4 + i) / 12, (4 + i) % 12 + 1, 300 + i, 280 + i};
    for (int i = 0; i < 200; i++) {
        const char *t = arena_printf(a, "Actividad %03d: visita domiciliaria a familias con niños menores "
                                        "de cinco años en el anexo de Ñuñoa", i);
        if (!t) return -1;
        ac[i] = (informe_actividad){at[i % 12].anio, at[i % 12].mes, rubros[i % 4], t, i % 9, i % 7};
    }
    *d = (informe_datos){
        .inscripcion_id = 4217, .convocatoria = "2026-I", .nombres = "PÉREZ ÑAHUI, María José",
        .documento = "DNI 10117410", .profesion = "Obstetricia", .modalidad = "REMUNERADA",
        .diresa = "GERESA Cusco", .establecimiento = "P.S. Ñuñoa (RENIPRESS 00002417)",
        .ubicacion = "Cusco / Canchis / San Pedro", .servicio_inicio = "2026-05-01", .servicio_fin = "2027-05-01",
        .estado = "RESOLUCION", .resolucion_numero = "RD-0457-2027-GERESA-CUSCO", .resolucion_fecha = "2027-06-15",
        .atenciones = at, .natenciones = 12, .actividades = ac, .nactividades = 200,
        .conclusiones = largo(a, "Se cumplió la programación de atenciones con la participación de la comunidad."),
        .recomendaciones = largo(a, "Reforzar la cadena de frío y la referencia de gestantes al hospital."),
    };
    return d->conclusiones && d->recomendaciones ? 0 : -1;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    if (n < 1 || sodium_init() < 0) return 2;
    double *ms = calloc((size_t)n, sizeof *ms);
    if (!ms) return 2;
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        arena a;
        arena_init(&a, 1 << 16);
        informe_datos d;
        unsigned char *pdf = NULL;
        size_t len = 0;
        double t0 = ahora_ms();
        int rc = anual(&a, &d) || informe_pdf(&a, &d, &pdf, &len, NULL);
        ms[i] = ahora_ms() - t0;
        bytes = len;
        arena_free(&a);
        if (rc) {
            fprintf(stderr, "informe_pdf failed\n");
            free(ms);
            return 1;
        }
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    printf("informe_pdf 12 meses + 200 actividades: n=%d min %.2f ms, median %.2f ms, p99 %.2f ms, max %.2f ms, %zu bytes\n",
           n, ms[0], ms[n / 2], ms[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], ms[n - 1], bytes);
    free(ms);
    return 0;
}
