/* test_convocatorias_acciones.c - issue 9, section 4: a convocatoria answers
 * its phases with Spanish labels, the server's `ahora` and the actions the
 * caller may take now (anonymous: the public ones; a postulante may
 * inscribe while INSCRIPCION is open; an admin may import the offer and
 * program the cronograma); answers that depend on the caller are private. */
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool has_action(it_resp *r, const char *accion)
{
    const jv *a = it_path(r, "acciones");
    for (size_t i = 0; a && i < a->n; i++)
        if (!strcmp(jv_get(a->items[i], "accion")->s, accion)) return true;
    return false;
}

Test(acciones, phases_labels_clock_and_actions_by_caller)
{
    char *conv = it_convocatoria_abierta();
    char path[128];
    snprintf(path, sizeof path, "/v1/convocatorias/%s", conv);

    it_resp *r = it_get(path, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "fase_actual"), "INSCRIPCION");
    cr_expect_str_eq(it_str(r, "fase_actual_etiqueta"), "Inscripción");
    cr_expect_str_eq(it_str(r, "cronograma.0.etiqueta"), "Inscripción");
    cr_expect_str_eq(it_str(r, "cronograma.1.etiqueta"), "Revisión de expedientes");
    struct tm tm = {0};
    cr_assert(strptime(it_str(r, "ahora"), "%Y-%m-%dT%H:%M:%SZ", &tm), "ahora: %s", it_str(r, "ahora"));
    long long skew = (long long)timegm(&tm) - (long long)time(NULL);
    cr_expect(skew > -10 && skew < 10, "ahora is the server's clock (%lld s off)", skew);
    cr_expect(has_action(r, "VER_PLAZAS"));
    cr_expect_not(has_action(r, "INSCRIBIRSE"), "anonymous callers cannot inscribe");
    const char *cc = it_header(r, "Cache-Control");
    cr_expect(cc && strstr(cc, "public"), "anonymous answer stays public: %s", cc ? cc : "-");
    it_free(r);

    char *postulante = it_new_postulante(NULL);
    r = it_get(path, postulante);
    cr_assert_eq(r->status, 200);
    cr_expect(has_action(r, "INSCRIBIRSE"), "%s", r->body);
    cr_expect_not(has_action(r, "IMPORTAR_OFERTA"));
    cc = it_header(r, "Cache-Control");
    cr_expect(cc && strstr(cc, "private"), "a caller's answer is private: %s", cc ? cc : "-");
    it_free(r);

    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    r = it_get("/v1/convocatorias?limit=5", admin);
    cr_assert_eq(r->status, 200);
    const jv *items = it_path(r, "items");
    bool found = false;
    for (size_t i = 0; items && i < items->n; i++) {
        const jv *c = items->items[i];
        if (strcmp(jv_get(c, "id")->s, conv)) continue;   /* a number's text */
        found = true;
        const jv *a = jv_get(c, "acciones");
        bool imp = false, prog = false, insc = false;
        for (size_t k = 0; k < a->n; k++) {
            const char *x = jv_get(a->items[k], "accion")->s;
            imp |= !strcmp(x, "IMPORTAR_OFERTA");
            prog |= !strcmp(x, "PROGRAMAR_CRONOGRAMA");
            insc |= !strcmp(x, "INSCRIBIRSE");
        }
        cr_expect(imp && prog && !insc, "admin actions");
    }
    cr_expect(found, "the new convocatoria is on the first page");
    it_free(r);

    r = it_get(path, "no-es-un-token");                  /* a bad token: answered as anonymous */
    cr_expect_eq(r->status, 200);
    cr_expect_not(has_action(r, "INSCRIBIRSE"));
    it_free(r);
    free(admin);
    free(postulante);
    free(conv);
}
