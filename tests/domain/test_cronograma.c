/* test_cronograma.c - phase names and order, windows, overlaps, the phase in force. */
#include "cronograma.h"
#include "timeutil.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static verr E;
static void setup(void)
{
    arena_init(&A, 4096);
    verr_init(&E, &A);
}
static void teardown(void) { arena_free(&A); }
TestSuite(cronograma, .init = setup, .fini = teardown);

static time_t t(const char *s)
{
    time_t v;
    cr_assert_eq(time_parse_rfc3339(s, &v), 0, "%s", s);
    return v;
}

Test(cronograma, phase_order_is_design_order)
{
    cr_expect_eq(cronograma_orden("INSCRIPCION"), 0);
    cr_expect_eq(cronograma_orden("INFORME_FINAL"), 10);
    cr_expect_eq(cronograma_orden("inscripcion"), -1);
    cr_expect_eq(cronograma_orden(NULL), -1);
    cr_expect_null(CRONOGRAMA_FASES[CRONOGRAMA_NFASES]);
}

Test(cronograma, ordered_windows_are_valid_in_any_input_order)
{
    cronograma_fase f[] = {
        {"REVISION", t("2026-02-10T00:00:00-05:00"), t("2026-02-20T00:00:00-05:00"), 0},
        {"INSCRIPCION", t("2026-02-01T09:00:00-05:00"), t("2026-02-10T00:00:00-05:00"), 1},
    };
    cr_expect(cronograma_valida(f, 2, &E));
    cr_expect_eq(E.n, 0);
    cr_expect_str_eq(f[0].fase, "INSCRIPCION", "sorted by phase order");
    cr_expect_str_eq(cronograma_vigente(f, 2, t("2026-02-10T05:00:00Z")), "REVISION");
    cr_expect_str_eq(cronograma_vigente(f, 2, t("2026-02-01T14:00:00Z")), "INSCRIPCION");
    cr_expect_null(cronograma_vigente(f, 2, t("2026-02-01T13:59:59Z")));
    cr_expect_null(cronograma_vigente(f, 2, t("2026-02-20T05:00:00Z")), "termina is exclusive");
}

Test(cronograma, overlap_blames_the_phase_the_request_sent)
{
    cronograma_fase f[] = {
        {"INSCRIPCION", t("2026-02-01T09:00:00-05:00"), t("2026-02-10T00:00:00-05:00"), -1},
        {"REVISION", t("2026-02-09T00:00:00-05:00"), t("2026-02-20T00:00:00-05:00"), 0},
    };
    cr_expect(!cronograma_valida(f, 2, &E));
    cr_expect(verr_has(&E, "fases[0].inicia"));
    cr_expect(strstr(E.head->message, "hora de Lima"));
}

Test(cronograma, out_of_order_phases_overlap)
{
    cronograma_fase f[] = {
        {"ADJUDICACION_REMUNERADA", t("2026-03-01T00:00:00Z"), t("2026-03-02T00:00:00Z"), -1},
        {"INSCRIPCION", t("2026-04-01T00:00:00Z"), t("2026-04-02T00:00:00Z"), 0},
    };
    cr_expect(!cronograma_valida(f, 2, &E));
    cr_expect(verr_has(&E, "fases[0].termina"), "INSCRIPCION must end before ADJUDICACION starts");
}

Test(cronograma, empty_or_inverted_window_and_repeated_or_unknown_phase)
{
    cronograma_fase f[] = {
        {"INSCRIPCION", t("2026-02-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), 0},
        {"INSCRIPCION", t("2026-02-03T00:00:00Z"), t("2026-02-02T00:00:00Z"), 1},
        {"VACACIONES", t("2026-02-03T00:00:00Z"), t("2026-02-04T00:00:00Z"), 2},
    };
    cr_expect(!cronograma_valida(f, 3, &E));
    cr_expect(verr_has(&E, "fases[0].termina"));
    cr_expect(verr_has(&E, "fases[1].fase"));
    cr_expect(verr_has(&E, "fases[1].termina"));
    cr_expect(verr_has(&E, "fases[2].fase"));
}

Test(cronograma, stored_phases_conflicting_are_reported_on_fases)
{
    cronograma_fase f[] = {
        {"INSCRIPCION", t("2026-02-01T00:00:00Z"), t("2026-02-05T00:00:00Z"), -1},
        {"REVISION", t("2026-02-04T00:00:00Z"), t("2026-02-06T00:00:00Z"), -1},
    };
    cr_expect(!cronograma_valida(f, 2, &E));
    cr_expect(verr_has(&E, "fases"));
}
