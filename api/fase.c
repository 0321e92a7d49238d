/* fase.c - phase checks over convocatoria_fases, one round trip each: "is
 * phase F in force now" (fase_exigir) and "has phase F not begun yet"
 * (fase_antes_de). The clock is config_now, so SERUMS_NOW drives tests;
 * windows are instants, shown to people in America/Lima (UTC-5). */
#include "../src/fase.h"
#include "../src/db.h"
#include "../src/timeutil.h"
#include "../src/worker.h"
#include <stdlib.h>
#include <string.h>

static const db_stmt Q_FASE = {
    "fase_exigir",
    "select c.id, f.inicia <= $3::timestamptz and $3::timestamptz < f.termina, "
    "       to_char(f.inicia at time zone 'America/Lima', 'YYYY-MM-DD HH24:MI'), "
    "       to_char(f.termina at time zone 'America/Lima', 'YYYY-MM-DD HH24:MI'), "
    "       f.inicia <= $3::timestamptz "
    "from convocatorias c left join convocatoria_fases f on f.convocatoria_id = c.id and f.fase = $2 "
    "where c.id = $1::bigint"};

/* The phase row at config_now; NULL after answering 404 or a database problem. */
static PGresult *load_phase(req *r, const char *convocatoria_id, const char *fase)
{
    char *end;
    strtoll(convocatoria_id ? convocatoria_id : "", &end, 10);
    if (!convocatoria_id || !*convocatoria_id || *end || strlen(convocatoria_id) > 18 ||
        strspn(convocatoria_id, "0123456789") != strlen(convocatoria_id)) {
        problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria.");
        return NULL;
    }
    char now[32];
    time_format_rfc3339(config_now(r->w->cfg), now);
    const char *p[] = {convocatoria_id, fase, now};
    PGresult *res = db_exec(r->w->db, r->a, &Q_FASE, 3, p);
    if (!res) { problem_db(r); return NULL; }
    if (PQntuples(res) == 0) {
        problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA", "No existe la convocatoria.");
        return NULL;
    }
    return res;
}

static bool is_true(const char *v) { return v && !strcmp(v, "t"); }

int fase_exigir(req *r, const char *convocatoria_id, const char *fase)
{
    PGresult *res = load_phase(r, convocatoria_id, fase);
    if (!res) return -1;
    if (is_true(db_val(res, 0, 1))) return 0;
    const char *ini = db_val(res, 0, 2), *fin = db_val(res, 0, 3);
    problem(r, 409, "FUERA_DE_FASE",
            ini ? arena_printf(r->a, "La fase %s de esta convocatoria va del %s al %s (hora de Lima).", fase, ini, fin)
                : arena_printf(r->a, "La convocatoria no tiene programada la fase %s.", fase));
    return -1;
}

int fase_antes_de(req *r, const char *convocatoria_id, const char *fase)
{
    PGresult *res = load_phase(r, convocatoria_id, fase);
    if (!res) return -1;
    if (!is_true(db_val(res, 0, 4))) return 0;
    problem(r, 409, "FASE_INICIADA",
            arena_printf(r->a, "La fase %s de esta convocatoria ya comenzó (%s, hora de Lima); la operación ya no está permitida.",
                         fase, db_val(res, 0, 2)));
    return -1;
}
