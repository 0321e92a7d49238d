/* import.c - `serumsd import CONVOCATORIA remunerada|equivalente FILE.csv`:
 * the offer-import service (api/plazas_import.c) from the command line. The
 * report (or the rejected rows) is printed as JSON, as the endpoint answers it. */
#include "archivo.h"
#include "cmd.h"
#include "plazas_import.h"
#include "sql_gen.h"
#include <stdio.h>
#include <stdlib.h>

#define IMPORT_MAX_BYTES (20u * 1048576)

/* The report as the endpoint's JSON object. */
static void print_report(FILE *out, arena *a, importe *im)
{
    jw *w = jw_new(a);
    if (!w) return;
    jw_obj(w);
    plazas_importe_miembros(w, im);
    jw_end_obj(w);
    size_t len;
    const char *json = jw_finish(w, &len);
    if (json) fprintf(out, "%s\n", json);
}

/* Prints the outcome; the exit code. */
static int report(cmd_sesion *c, importe *im)
{
    switch (im->estado) {
    case IMPORTE_HECHO: print_report(stdout, &c->a, im); return 0;
    case IMPORTE_RECHAZADO:
        fprintf(stderr, "import: %zu of %ld rows have errors; nothing imported\n", im->of.nrechazadas,
                im->of.filas_leidas);
        print_report(stderr, &c->a, im);
        return 1;
    case IMPORTE_ARCHIVO: fprintf(stderr, "import: %s\n", im->of.detalle); return 1;
    case IMPORTE_FASE_INICIADA: fprintf(stderr, "import: %s\n", im->detalle); return 1;
    case IMPORTE_SIN_CONVOCATORIA: fprintf(stderr, "import: no such convocatoria\n"); return 1;
    case IMPORTE_ERROR_BD: fprintf(stderr, "import: the database failed (see the log)\n"); return 1;
    }
    return 1;
}

int cmd_import(const config *cfg, int argc, char **argv)
{
    const char *modalidad = argc == 5 ? plazas_modalidad(argv[3]) : NULL;
    if (!modalidad) {
        fprintf(stderr, "usage: serumsd import CONVOCATORIA(e.g. 2026-I) remunerada|equivalente FILE.csv\n");
        return 2;
    }
    size_t len = 0;
    char *body = archivo_leer(argv[4], IMPORT_MAX_BYTES, &len);
    if (!body) { fprintf(stderr, "import: cannot read %s (or larger than 20 MiB)\n", argv[4]); return 1; }
    cmd_sesion c;
    int rc = 1;
    if (cmd_abrir(&c, cfg, "import")) {
        PGresult *res = db_exec(&c.db, &c.a, &SQL_plazas_convocatoria_por_codigo, 1, (const char *[]){argv[2]});
        const char *id = res ? db_field(res, 0, "id") : NULL;
        if (!id) {
            fprintf(stderr, "import: no convocatoria %s\n", argv[2]);
        } else {
            importe im;
            plazas_importar(&c.s, id, modalidad, body, len, &im);
            rc = report(&c, &im);
        }
        cmd_cerrar(&c);
    }
    free(body);
    return rc;
}
