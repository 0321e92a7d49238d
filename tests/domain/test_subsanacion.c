/* test_subsanacion.c - the requisito -> sections and documents map that
 * decides what an observed postulante may edit in SUBSANACION. */
#include "subsanacion.h"
#include <criterion/criterion.h>

Test(subsanacion, nothing_observed_nothing_editable)
{
    cr_expect_not(subsanacion_seccion_editable(0, "datos_personales"));
    cr_expect_not(subsanacion_documento_editable(0, "PPP"));
}

Test(subsanacion, nota_ppp_opens_professional_data_and_its_pdf_only)
{
    unsigned obs = REQ_BIT(REQ_NOTA_PPP);
    cr_expect(subsanacion_seccion_editable(obs, "datos_profesionales"));
    cr_expect_not(subsanacion_seccion_editable(obs, "datos_personales"));
    cr_expect_not(subsanacion_seccion_editable(obs, "datos_postulacion"));
    cr_expect_not(subsanacion_seccion_editable(obs, "declaracion_jurada"));
    cr_expect(subsanacion_documento_editable(obs, "PPP"));
    cr_expect_not(subsanacion_documento_editable(obs, "ENAM"));
    cr_expect_not(subsanacion_documento_editable(obs, "COMPROBANTE"));
}

Test(subsanacion, several_requisitos_union)
{
    unsigned obs = REQ_BIT(REQ_FFAA) | REQ_BIT(REQ_COMPROBANTE) | REQ_BIT(REQ_VINCULO_LABORAL);
    const char *s[4], *d[8];
    cr_expect_eq(subsanacion_secciones(obs, s, 4), 2);
    cr_expect_str_eq(s[0], "datos_personales");
    cr_expect_str_eq(s[1], "datos_postulacion");
    cr_expect_null(s[2]);
    cr_expect_eq(subsanacion_documentos(obs, d, 8), 3);
    cr_expect_str_eq(d[0], "FFAA");
    cr_expect_str_eq(d[1], "COMPROBANTE");
    cr_expect_str_eq(d[2], "VINCULO_LABORAL");
    cr_expect_not(subsanacion_documento_editable(obs, "DISCAPACIDAD"));
    cr_expect_not(subsanacion_documento_editable(obs, "OTRO"));
    cr_expect_not(subsanacion_seccion_editable(obs, NULL));
}

Test(subsanacion, every_requisito_opens_something)
{
    for (int q = 0; q < REQ_N; q++) {
        const char *s[4];
        cr_expect_gt(subsanacion_secciones(REQ_BIT(q), s, 4), 0, "%s", rev_requisito_nombre((rev_requisito)q));
    }
}
