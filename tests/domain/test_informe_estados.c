/* test_informe_estados.c - every cell of the informe's transition table. */
#include "informe_estados.h"
#include <criterion/criterion.h>

static const informe_estado TODOS[] = {INFORME_REGISTRADO, INFORME_ENVIADO, INFORME_OBSERVADO, INFORME_APROBADO,
                                       INFORME_RESOLUCION};

static informe_resultado paso(informe_estado desde, informe_accion a, informe_estado *hacia)
{
    informe_condiciones c = {0};
    *hacia = (informe_estado)-1;
    return informe_transicion(desde, a, &c, hacia);
}

Test(informe_estados, the_serumista_writes_only_in_registrado_and_observado)
{
    informe_estado h;
    cr_expect_eq(paso(INFORME_REGISTRADO, INFORME_ESCRIBIR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_REGISTRADO);
    cr_expect_eq(paso(INFORME_OBSERVADO, INFORME_ESCRIBIR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_OBSERVADO);
    cr_expect_eq(paso(INFORME_ENVIADO, INFORME_ESCRIBIR, &h), INFORME_NO_EDITABLE);
    cr_expect_eq(paso(INFORME_APROBADO, INFORME_ESCRIBIR, &h), INFORME_NO_EDITABLE);
    cr_expect_eq(paso(INFORME_RESOLUCION, INFORME_ESCRIBIR, &h), INFORME_NO_EDITABLE);
    cr_expect_eq((int)h, -1, "unchanged on refusal");
}

Test(informe_estados, enviar_locks_and_wants_confirmation_for_missing_months)
{
    informe_estado h = INFORME_REGISTRADO;
    informe_condiciones faltan = {.meses_faltantes = 3};
    cr_expect_eq(informe_transicion(INFORME_REGISTRADO, INFORME_ENVIAR, &faltan, &h), INFORME_MESES_FALTANTES);
    cr_expect_eq(h, INFORME_REGISTRADO);
    faltan.confirmar_incompleto = true;
    cr_expect_eq(informe_transicion(INFORME_REGISTRADO, INFORME_ENVIAR, &faltan, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_ENVIADO);
    informe_condiciones completo = {0};
    cr_expect_eq(informe_transicion(INFORME_OBSERVADO, INFORME_ENVIAR, &completo, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_ENVIADO);
    cr_expect_eq(informe_transicion(INFORME_ENVIADO, INFORME_ENVIAR, &completo, &h), INFORME_NO_EDITABLE);
    cr_expect_eq(informe_transicion(INFORME_APROBADO, INFORME_ENVIAR, &faltan, &h), INFORME_NO_EDITABLE);
}

Test(informe_estados, the_diresa_reviews_only_what_was_sent)
{
    informe_estado h;
    cr_expect_eq(paso(INFORME_ENVIADO, INFORME_APROBAR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_APROBADO);
    cr_expect_eq(paso(INFORME_ENVIADO, INFORME_OBSERVAR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_OBSERVADO);
    for (size_t i = 0; i < sizeof TODOS / sizeof TODOS[0]; i++) {
        if (TODOS[i] == INFORME_ENVIADO) continue;
        cr_expect_eq(paso(TODOS[i], INFORME_APROBAR, &h), INFORME_NO_ENVIADO, "%s", informe_estado_nombre(TODOS[i]));
        cr_expect_eq(paso(TODOS[i], INFORME_OBSERVAR, &h), INFORME_NO_ENVIADO, "%s", informe_estado_nombre(TODOS[i]));
    }
}

Test(informe_estados, resolucion_and_the_report_only_after_aprobado)
{
    informe_estado h;
    cr_expect_eq(paso(INFORME_APROBADO, INFORME_RESOLVER, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_RESOLUCION);
    cr_expect_eq(paso(INFORME_RESOLUCION, INFORME_RESOLVER, &h), INFORME_YA_RESUELTO);
    cr_expect_eq(paso(INFORME_ENVIADO, INFORME_RESOLVER, &h), INFORME_NO_APROBADO);
    cr_expect_eq(paso(INFORME_REGISTRADO, INFORME_RESOLVER, &h), INFORME_NO_APROBADO);
    cr_expect_eq(paso(INFORME_OBSERVADO, INFORME_RESOLVER, &h), INFORME_NO_APROBADO);
    cr_expect_eq(paso(INFORME_APROBADO, INFORME_IMPRIMIR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_APROBADO);
    cr_expect_eq(paso(INFORME_RESOLUCION, INFORME_IMPRIMIR, &h), INFORME_OK);
    cr_expect_eq(h, INFORME_RESOLUCION);
    cr_expect_eq(paso(INFORME_REGISTRADO, INFORME_IMPRIMIR, &h), INFORME_NO_APROBADO);
    cr_expect_eq(paso(INFORME_ENVIADO, INFORME_IMPRIMIR, &h), INFORME_NO_APROBADO);
    cr_expect_eq(paso(INFORME_OBSERVADO, INFORME_IMPRIMIR, &h), INFORME_NO_APROBADO);
}

Test(informe_estados, names_visibility_and_messages)
{
    informe_estado e;
    for (size_t i = 0; i < sizeof TODOS / sizeof TODOS[0]; i++) {
        cr_expect_eq(informe_estado_desde(informe_estado_nombre(TODOS[i]), &e), 0);
        cr_expect_eq(e, TODOS[i]);
    }
    cr_expect_eq(informe_estado_desde("BORRADOR", &e), -1);
    cr_expect_eq(informe_estado_desde(NULL, &e), -1);
    cr_expect_not(informe_visible_para_diresa(INFORME_REGISTRADO));
    cr_expect(informe_visible_para_diresa(INFORME_OBSERVADO));
    cr_expect(informe_visible_para_diresa(INFORME_ENVIADO));
    cr_expect_str_neq(informe_resultado_mensaje(INFORME_MESES_FALTANTES), "");
}
