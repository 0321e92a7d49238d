/* fase.c - phase checks over convocatoria_fases, one round trip each: "is
 * phase F in force now" (fase_exigir) and "has phase F not begun yet"
 * (fase_antes_de), both over fase_consultar, which services use directly.
 * The clock is config_now, so SERUMS_NOW drives tests; windows are instants,
 * shown to people in America/Lima. SQL: sql/fase.sql. */
#include "fase.h"
#include "db.h"
#include "problemas.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include <string.h>

static bool is_true(const char *v) { return v && !strcmp(v, "t"); }

int fase_consultar(const servicio *s, const char *convocatoria_id, const char *fase, fase_ventana *out)
{
    if (!texto_id_decimal(convocatoria_id)) return 0;
    const char *p[] = {convocatoria_id, fase, servicio_ahora(s)};
    PGresult *res = db_exec(s->db, s->a, &SQL_fase_en_curso, 3, p);
    if (!res) return -1;
    if (PQntuples(res) == 0) return 0;
    *out = (fase_ventana){is_true(db_field(res, 0, "vigente")), is_true(db_field(res, 0, "iniciada")),
                         db_field(res, 0, "inicia_lima"), db_field(res, 0, "termina_lima")};
    return 1;
}

const char *fase_iniciada_detalle(arena *a, const char *fase, const fase_ventana *v)
{
    return arena_printf(a, "La fase %s de esta convocatoria ya comenzó (%s, hora de Lima); la operación ya no está permitida.",
                        fase, v->inicia_lima);
}

/* The window at config_now; false after answering 404 or a database problem. */
static bool load_phase(req *r, const char *convocatoria_id, const char *fase, fase_ventana *v)
{
    servicio s = servicio_de(r);
    int found = fase_consultar(&s, convocatoria_id, fase, v);
    if (found < 0) problema_bd(r);
    else if (found == 0) problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
    return found == 1;
}

int fase_exigir(req *r, const char *convocatoria_id, const char *fase)
{
    fase_ventana v;
    if (!load_phase(r, convocatoria_id, fase, &v)) return -1;
    if (v.vigente) return 0;
    problema(r, P_FUERA_DE_FASE,
             v.inicia_lima ? arena_printf(r->a, "La fase %s de esta convocatoria va del %s al %s (hora de Lima).", fase,
                                          v.inicia_lima, v.termina_lima)
                           : arena_printf(r->a, "La convocatoria no tiene programada la fase %s.", fase));
    return -1;
}

int fase_antes_de(req *r, const char *convocatoria_id, const char *fase)
{
    fase_ventana v;
    if (!load_phase(r, convocatoria_id, fase, &v)) return -1;
    if (!v.iniciada) return 0;
    problema(r, P_FASE_INICIADA, fase_iniciada_detalle(r->a, fase, &v));
    return -1;
}
