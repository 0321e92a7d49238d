/* adjudicacion_reloj.c - the adjudication clock (see adjudicacion_reloj.h).
 * SQL: sql/adjudicacion_reloj.sql. */
#include "adjudicacion_reloj.h"
#include "adjudicacion_motor.h"
#include "log.h"
#include "signals.h"
#include "sql_gen.h"
#include "timeutil.h"
#include <signal.h>
#include <string.h>
#include <time.h>

#define RELOJ_MAX_POR_PASADA 200

static volatile sig_atomic_t reloj_parar;
static void on_term(int sig)
{
    (void)sig;
    reloj_parar = 1;
}

/* Expires the deadlines of session id in the open transaction and commits; false: rolled back. */
static bool vencer(const servicio *s, const char *id, time_t now)
{
    motor m;
    bool ok = motor_abrir(s, id, &m) == MOTOR_OK && motor_vencer(&m, now) == 0 &&
              motor_guardar(&m, m.estado, now) == 0 &&
              servicio_auditar(
                  s, "adjudicacion.reloj.vence", "adjudicacion_sesion", id, NULL,
                  arena_printf(s->a, "{\"eventos\":%ld,\"ultimo_hash\":\"%s\"}", m.seq, m.prev)) &&
              db_commit(s->db);
    if (!ok) db_rollback(s->db);
    return ok;
}

int reloj_pasada(const servicio *s, int max)
{
    const char *fallidas = ""; /* sessions that failed in this pass: "4,9" */
    int hechas = 0;
    for (int k = 0; k < max; k++) {
        time_t now = config_now(s->cfg);
        char now_txt[32];
        time_format_rfc3339(now, now_txt);
        const char *excluir = arena_printf(s->a, "{%s}", fallidas);
        if (!excluir || !db_begin(s->db)) return hechas;
        PGresult *v = db_exec(s->db, s->a, &SQL_reloj_vencida, 2, (const char *[]){now_txt, excluir});
        if (!v || PQntuples(v) == 0) {
            db_rollback(s->db);
            return hechas;
        }
        const char *id = arena_strdup(s->a, db_field(v, 0, "id"));
        if (id && vencer(s, id, now)) {
            motor_publicar(s, id);
            hechas++;
            continue;
        }
        log_warn("reloj_sesion_fallo", "\"sesion\":%s", id ? id : "null");
        fallidas = id ? arena_printf(s->a, "%s%s%s", fallidas, *fallidas ? "," : "", id) : NULL;
        if (!fallidas) return hechas;
    }
    return hechas;
}

/* Sleeps until just after the next whole second (a SIGTERM ends it early). */
static void dormir(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    struct timespec d = {0, 1000000000L - t.tv_nsec + 5000000L};
    if (d.tv_nsec >= 1000000000L) d = (struct timespec){1, d.tv_nsec - 1000000000L};
    nanosleep(&d, NULL);
}

int reloj_run(const config *cfg)
{
    signals_on_term(on_term);
    db d;
    db_init(&d, cfg->database_url);
    db_set_timeouts(&d, cfg->db_lock_timeout_ms, cfg->db_statement_timeout_ms);
    arena a;
    arena_init(&a, 1 << 16);
    servicio s = {&d, &a, cfg, NULL, "reloj"};
    log_info("reloj_started", "\"periodo_ms\":%d", 1000);
    while (!reloj_parar) {
        if (db_ensure(&d)) reloj_pasada(&s, RELOJ_MAX_POR_PASADA);
        arena_reset(&a);
        dormir();
    }
    db_close(&d);
    arena_free(&a);
    return 0;
}
