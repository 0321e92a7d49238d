/* test_revision.c - the review rules: result, requisitos and observación,
 * OBSERVADO without a SUBSANACION phase, the discrepancy override, the
 * Comité instancias, and which states may be reviewed in which phase. */
#include "revision.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(revision, .init = setup, .fini = teardown);

static const rev_ctx CON_SUBSANACION = {true, false, 0};

static bool lee(const char *json, const rev_ctx *ctx, verr *e, revision *rv)
{
    jv *body;
    char err[128];
    cr_assert_eq(json_parse(&A, json, strlen(json), &JSON_BODY_LIMITS, &body, err, sizeof err), 0, "%s", err);
    verr_init(e, &A);
    return revision_leer(body, ctx, &A, e, rv);
}

static bool tiene(const verr *e, const char *field, const char *code)
{
    for (const verr_item *it = e->head; it; it = it->next)
        if (!strcmp(it->field, field) && !strcmp(it->code, code)) return true;
    return false;
}

Test(revision, apto_with_conforme_checklist)
{
    verr e;
    revision rv;
    cr_assert(lee("{\"resultado\":\"APTO\",\"version\":3,\"requisitos\":[{\"requisito\":\"COLEGIATURA\","
                  "\"estado\":\"CONFORME\"},{\"requisito\":\"NOTA_PPP\",\"estado\":\"CONFORME\"}]}",
                  &CON_SUBSANACION, &e, &rv));
    cr_expect_eq(rv.resultado, REV_APTO);
    cr_expect_eq(rv.instancia, REV_INST_REVISION);
    cr_expect_eq(rv.n_items, 2);
    cr_expect_eq(rv.observados, 0);
    cr_expect(rv.tiene_version);
    cr_expect_eq(rv.version, 3);
    cr_expect_str_eq(revision_estado_nuevo(&rv), "APTO");
}

Test(revision, observado_needs_observed_requisito_and_observacion)
{
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"OBSERVADO\"}", &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "SIN_REQUISITO_OBSERVADO"));
    cr_expect(tiene(&e, "observacion", "REQUERIDO"));
    cr_expect_not(lee("{\"resultado\":\"OBSERVADO\",\"observacion\":\"Falta la nota\",\"requisitos\":"
                      "[{\"requisito\":\"NOTA_PPP\",\"estado\":\"CONFORME\"}]}",
                      &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "SIN_REQUISITO_OBSERVADO"));
    cr_assert(lee("{\"resultado\":\"OBSERVADO\",\"observacion\":\"El PDF del PPP es ilegible\",\"requisitos\":"
                  "[{\"requisito\":\"NOTA_PPP\",\"estado\":\"OBSERVADO\",\"comentario\":\"ilegible\"}]}",
                  &CON_SUBSANACION, &e, &rv));
    cr_expect_eq(rv.observados, REQ_BIT(REQ_NOTA_PPP));
    cr_expect_str_eq(revision_estado_nuevo(&rv), "OBSERVADO");
}

Test(revision, observado_refused_without_subsanacion_phase)
{
    const rev_ctx sin = {false, false, 0};
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"OBSERVADO\",\"observacion\":\"Falta la nota\",\"requisitos\":"
                      "[{\"requisito\":\"NOTA_PPP\",\"estado\":\"OBSERVADO\"}]}", &sin, &e, &rv));
    cr_expect(tiene(&e, "resultado", "SIN_SUBSANACION"));
    cr_expect_eq(e.n, 1);
}

Test(revision, no_apto_needs_observacion)
{
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"NO_APTO\"}", &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "observacion", "REQUERIDO"));
    cr_expect(lee("{\"resultado\":\"NO_APTO\",\"observacion\":\"Título no registrado en SUNEDU\"}",
                  &CON_SUBSANACION, &e, &rv));
}

Test(revision, apto_with_observed_requisito_is_inconsistent)
{
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":\"FFAA\",\"estado\":\"OBSERVADO\"}]}",
                      &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "INCONSISTENTE"));
}

Test(revision, bad_fields_each_reported)
{
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"QUIZAS\",\"otro\":1,\"version\":0,\"requisitos\":[{\"requisito\":\"X\","
                      "\"estado\":\"CONFORME\"},{\"requisito\":\"FFAA\",\"estado\":\"CONFORME\"},"
                      "{\"requisito\":\"FFAA\",\"estado\":\"OBSERVADO\"}]}",
                      &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "resultado", "VALOR_INVALIDO"));
    cr_expect(tiene(&e, "otro", "CAMPO_DESCONOCIDO"));
    cr_expect(tiene(&e, "version", "FUERA_DE_RANGO"));
    cr_expect(tiene(&e, "requisitos[0].requisito", "VALOR_INVALIDO"));
    cr_expect(tiene(&e, "requisitos[2].requisito", "DUPLICADO"));
    cr_expect_not(lee("{\"resultado\":\"APTO\",\"requisitos\":{}}", &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "TIPO_INVALIDO"));
    cr_expect_not(lee("[]", &CON_SUBSANACION, &e, &rv));
}

Test(revision, apto_over_open_discrepancy_needs_explicit_override)
{
    const rev_ctx ctx = {true, false, REQ_BIT(REQ_NOTA_ENAM)};
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"APTO\"}", &ctx, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "DISCREPANCIA_ABIERTA"));
    cr_expect_not(lee("{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":\"NOTA_ENAM\",\"estado\":\"CONFORME\"}]}",
                      &ctx, &e, &rv));
    cr_expect(tiene(&e, "requisitos", "DISCREPANCIA_ABIERTA"));
    cr_expect(lee("{\"resultado\":\"APTO\",\"requisitos\":[{\"requisito\":\"NOTA_ENAM\",\"estado\":\"CONFORME\","
                  "\"comentario\":\"El acta original confirma 14.5\"}]}", &ctx, &e, &rv));
    /* NO_APTO over a discrepancy needs no override */
    cr_expect(lee("{\"resultado\":\"NO_APTO\",\"observacion\":\"Nota adulterada\"}", &ctx, &e, &rv));
}

Test(revision, re_review_of_subsanado_is_apto_or_no_apto)
{
    const rev_ctx ctx = {true, true, 0};
    verr e;
    revision rv;
    cr_expect_not(lee("{\"resultado\":\"OBSERVADO\",\"observacion\":\"otra vez\",\"requisitos\":"
                      "[{\"requisito\":\"FFAA\",\"estado\":\"OBSERVADO\"}]}", &ctx, &e, &rv));
    cr_expect(tiene(&e, "resultado", "VALOR_INVALIDO"));
    cr_expect(lee("{\"resultado\":\"APTO\"}", &ctx, &e, &rv));
}

Test(revision, comite_instancias)
{
    verr e;
    revision rv;
    cr_assert(lee("{\"resultado\":\"APTO\",\"instancia\":\"COMITE_1\"}", &CON_SUBSANACION, &e, &rv));
    cr_expect_eq(rv.instancia, REV_INST_COMITE_1);
    cr_expect_null(revision_estado_nuevo(&rv));
    cr_assert(lee("{\"resultado\":\"NO_APTO\",\"instancia\":\"COMITE_2\",\"observacion\":\"No califica\"}",
                  &CON_SUBSANACION, &e, &rv));
    cr_expect_str_eq(revision_estado_nuevo(&rv), "NO_APTO");
    cr_expect_not(lee("{\"resultado\":\"OBSERVADO\",\"instancia\":\"COMITE_1\",\"observacion\":\"xxxxx\","
                      "\"requisitos\":[{\"requisito\":\"FFAA\",\"estado\":\"OBSERVADO\"}]}", &CON_SUBSANACION, &e, &rv));
    cr_expect(tiene(&e, "resultado", "VALOR_INVALIDO"));
}

Test(revision, phases_by_state)
{
    rev_inscripcion s = {"INSCRITO", false, false, false};
    cr_expect_eq(revision_fase(&s, REV_INST_REVISION), REV_FASE_REVISION);
    s.estado = "OBSERVADO";
    cr_expect_eq(revision_fase(&s, REV_INST_REVISION), REV_FASE_REVISION);
    s.estado = "SUBSANADO";
    s.subsanada = true;
    cr_expect_eq(revision_fase(&s, REV_INST_REVISION), REV_FASE_RE_REVISION);
    s.estado = "APTO";
    cr_expect_eq(revision_fase(&s, REV_INST_REVISION), REV_FASE_RE_REVISION);
    s.estado = "OBSERVADO";   /* a subsanada inscription is never OBSERVADO again */
    cr_expect_eq(revision_fase(&s, REV_INST_REVISION), REV_FASE_NINGUNA);
    rev_inscripcion b = {"BORRADOR", false, false, false};
    cr_expect_eq(revision_fase(&b, REV_INST_REVISION), REV_FASE_NINGUNA);
    b.estado = "ADJUDICADO";
    cr_expect_eq(revision_fase(&b, REV_INST_REVISION), REV_FASE_NINGUNA);
    rev_inscripcion ce = {"APTO", false, true, false};
    cr_expect_eq(revision_fase(&ce, REV_INST_COMITE_1), REV_FASE_CASOS_ESPECIALES);
    cr_expect_eq(revision_fase(&ce, REV_INST_COMITE_2), REV_FASE_NINGUNA);
    ce.comite_1_hecho = true;
    cr_expect_eq(revision_fase(&ce, REV_INST_COMITE_2), REV_FASE_CASOS_ESPECIALES);
    ce.caso_especial = false;
    cr_expect_eq(revision_fase(&ce, REV_INST_COMITE_1), REV_FASE_NINGUNA);
}

Test(revision, requisito_names_round_trip)
{
    for (int q = 0; q < REQ_N; q++)
        cr_expect_eq(rev_requisito_desde_nombre(rev_requisito_nombre((rev_requisito)q)), q);
    cr_expect_eq(rev_requisito_desde_nombre("NADA"), -1);
    const char *n[] = {"FFAA", "NADA", "COMPROBANTE"};
    cr_expect_eq(rev_requisitos_desde_nombres(n, 3), REQ_BIT(REQ_FFAA) | REQ_BIT(REQ_COMPROBANTE));
}
