/* fuzz_inscripcion.c - libFuzzer target: any JSON body read as each of the
 * four inscription sections (strict reader, field tables, every rule) with
 * fake catalogs, then the canonical writer and the "what is missing" pass. */
#include "inscripcion_reglas.h"
#include <stdint.h>
#include <string.h>

static int f_profesion(void *ud, const char *c, insc_profesion *out)
{
    (void)ud;
    const char *g = !strcmp(c, "MEDICINA") ? "MEDICINA" : !strcmp(c, "ENFERMERIA") ? "CIENCIAS_SALUD" : "OTRAS";
    strcpy(out->grupo, g);
    out->requiere_ppp = strcmp(g, "OTRAS") != 0;
    return c[0] == 'X' ? 0 : c[0] == 'Y' ? -1 : 1;
}
static int f_diresa(void *ud, const char *c, bool *exonera) { (void)ud; *exonera = c[0] == 'A'; return c[0] != 'X'; }
static int f_distrito(void *ud, const char *c) { (void)ud; return c[0] == '1'; }
static int f_institucion(void *ud, const char *c) { (void)ud; return c[0] == 'M'; }
static int f_plazas(void *ud, const char *p, const char *i, const char *d, long *n)
{
    (void)ud, (void)i, (void)d;
    *n = (long)strlen(p);
    return 1;
}
static const insc_catalogo CAT = {NULL, f_profesion, f_diresa, f_distrito, f_institucion, f_plazas};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 4096);
    jv *root = NULL;
    char err[160];
    if (json_parse(&a, (const char *)data, size, &JSON_BODY_LIMITS, &root, err, sizeof err) == 0) {
        insc_ctx ctx = {.a = &a, .cat = &CAT, .hoy = "2026-03-02", .fecha_nacimiento = "1996-04-12", .profesion = "ENFERMERIA"};
        const jv *stored[SEC_N];
        for (int id = 0; id < SEC_N; id++) {
            verr e;
            verr_init(&e, &a);
            insc_seccion s;
            insc_seccion_leer((insc_seccion_id)id, root, &ctx, &e, "", &s);
            jw *w = jw_new(&a);
            size_t len;
            if (w) {
                insc_seccion_escribir(w, &s);
                jw_finish(w, &len);
            }
            stored[id] = root;
        }
        verr e;
        verr_init(&e, &a);
        unsigned req;
        insc_faltantes(stored, 5, &ctx, &e, &req);
    }
    arena_free(&a);
    return 0;
}
