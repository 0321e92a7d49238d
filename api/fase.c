/* fase.c - phase checks over convocatoria_fases, one round trip each: "is
 * phase F in force now" (fase_exigir) and "has phase F not begun yet"
 * (fase_antes_de). The clock is config_now, so SERUMS_NOW drives tests;
 * windows are instants, shown to people in America/Lima (UTC-5). SQL:
 * sql/fase.sql. */
#include "fase.h"
#include "db.h"
#include "problemas.h"
#include "sql_gen.h"
#include "timeutil.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

/* The phase row at config_now; NULL after answering 404 or a database problem. */
static PGresult *load_phase(req *r, const char *convocatoria_id, const char *fase)
{
    char *end;
    strtoll(convocatoria_id ? convocatoria_id : "", &end, 10);
    if (!convocatoria_id || !*convocatoria_id || *end || strlen(convocatoria_id) > 18 ||
        strspn(convocatoria_id, "0123456789") != strlen(convocatoria_id)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return NULL;
    }
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    const char *p[] = {convocatoria_id, fase, now};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_fase_en_curso, 3, p);
    if (!res) { problem_db(r); return NULL; }
    if (PQntuples(res) == 0) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return NULL;
    }
    return res;
}

static bool is_true(const char *v) { return v && !strcmp(v, "t"); }

int fase_exigir(req *r, const char *convocatoria_id, const char *fase)
{
    PGresult *res = load_phase(r, convocatoria_id, fase);
    if (!res) return -1;
    if (is_true(db_field(res, 0, "vigente"))) return 0;
    const char *ini = db_field(res, 0, "inicia_lima"), *fin = db_field(res, 0, "termina_lima");
    problema(r, P_FUERA_DE_FASE,
            ini ? arena_printf(r->a, "La fase %s de esta convocatoria va del %s al %s (hora de Lima).", fase, ini, fin)
                : arena_printf(r->a, "La convocatoria no tiene programada la fase %s.", fase));
    return -1;
}

int fase_antes_de(req *r, const char *convocatoria_id, const char *fase)
{
    PGresult *res = load_phase(r, convocatoria_id, fase);
    if (!res) return -1;
    if (!is_true(db_field(res, 0, "iniciada"))) return 0;
    problema(r, P_FASE_INICIADA,
            arena_printf(r->a, "La fase %s de esta convocatoria ya comenzó (%s, hora de Lima); la operación ya no está permitida.",
                         fase, db_field(res, 0, "inicia_lima")));
    return -1;
}
