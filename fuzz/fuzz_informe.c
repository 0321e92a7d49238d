/* fuzz_informe.c - libFuzzer target: the informe final's body readers
 * (Anexo 6 counts, an Anexo 7 row, conclusiones and recomendaciones) on
 * arbitrary JSON, and the printed report and its hash with whatever texts
 * those readers accepted (one row per accepted actividad). */
#include "informe_huella.h"
#include "informe_pdf.h"
#include "informe_reglas.h"
#include <stdint.h>
#include <string.h>

static void leer(arena *a, const jv *root, const informe_periodo *p, informe_datos *d, informe_actividad *ac)
{
    verr e;
    verr_init(&e, a);
    jr r;
    long prog, ejec;
    if (jr_open(&r, a, root, &e, "")) {
        informe_lee_conteos(&r, &prog, &ejec);
        jr_close(&r);
    }
    if (jr_open(&r, a, root, &e, "") && informe_lee_actividad(&r, p, ac)) d->nactividades = 1;
    jr_close(&r);
    if (jr_open(&r, a, root, &e, "")) {
        informe_lee_textos(&r, &d->conclusiones, &d->recomendaciones);
        jr_close(&r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 1 << 16);
    jv *root = NULL;
    char err[160];
    informe_periodo p;
    informe_actividad ac = {0};
    informe_datos d = {.inscripcion_id = 1, .convocatoria = "2026-I", .nombres = "PÉREZ, Ana",
                       .servicio_inicio = "2026-05-01", .servicio_fin = "2027-05-01", .estado = "APROBADO",
                       .actividades = &ac};
    if (informe_periodo_desde(&p, d.servicio_inicio, d.servicio_fin) == 0 &&
        json_parse(&a, (const char *)data, size, &JSON_BODY_LIMITS, &root, err, sizeof err) == 0) {
        leer(&a, root, &p, &d, &ac);
        char hex[65];
        unsigned char *pdf;
        size_t len;
        informe_sha256(&a, &d, hex);
        if (size < 12000) informe_pdf(&a, &d, &pdf, &len, NULL);   /* long texts: slow, already covered */
    }
    arena_free(&a);
    return 0;
}
