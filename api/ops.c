/* ops.c - operations endpoints: liveness, readiness, Prometheus metrics and
 * the API root. /healthz never touches the database; /readyz checks it
 * (reachable + migrations current) at most once a second per worker. */
#include "api.h"
#include "db.h"
#include "http.h"
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void ops_healthz(req *r) { http_send_json_text(r, 200, "{\"status\":\"ok\"}"); }

/* The readiness check (one round trip: the migrations applied, against the
 * ones this build expects) runs at most every READYZ_CHECK_MS per worker. The
 * probes in between answer its result while the connection is still open
 * (db_session_open: no round trip), so a flood of probes costs the database a
 * few queries a second, not one per probe; a closed connection or a failed
 * check is seen by the next probe. */
#define READYZ_CHECK_MS 1000

typedef struct readyz_estado {
    long long checked_ms; /* monotonic; 0: no valid check */
    int applied;
    char latest[128];
} readyz_estado;

static readyz_estado *readyz_del_worker(worker_ctx *w)
{
    worker_app_slot *s = &w->app_slot[API_SLOT_READYZ];
    if (!s->p) {
        s->p = calloc(1, sizeof(readyz_estado));
        s->liberar = free;
    }
    return s->p;
}

static long long monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A fresh check into *st; false when the database did not answer. */
static bool readyz_check(req *r, readyz_estado *st, long long now)
{
    st->checked_ms = 0;
    PGresult *res = db_exec(r->w->db, r->a, &SQL_ops_migrations, 0, NULL);
    if (!res) return false;
    st->applied = atoi(db_field(res, 0, "aplicadas"));
    snprintf(st->latest, sizeof st->latest, "%s", db_field(res, 0, "ultima"));
    st->checked_ms = now;
    return true;
}

static void ops_readyz(req *r)
{
    readyz_estado *st = readyz_del_worker(r->w);
    if (!st) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return;
    }
    long long now = monotonic_ms();
    bool reciente = st->checked_ms && now - st->checked_ms < READYZ_CHECK_MS && db_session_open(r->w->db);
    if (!reciente && !readyz_check(r, st, now)) {
        problema(r, P_NO_LISTO, "La base de datos no responde.");
        return;
    }
    const migrate_state *want = r->w->expected;
    if (!want || st->applied != want->count || strcmp(st->latest, want->latest) != 0) {
        problema(r, P_MIGRACIONES_PENDIENTES,
                 arena_printf(
                     r->a, "La base de datos tiene %d migraciones (última %s); se esperaban %d (última %s).",
                     st->applied, st->latest, want ? want->count : 0, want ? want->latest : "?"));
        return;
    }
    jw *w = jw_new(r->a);
    jw_obj(w);
    jw_kstr(w, "status", "ok");
    jw_kstr(w, "database", "ok");
    jw_kint(w, "migrations", st->applied);
    jw_end_obj(w);
    http_send_json(r, 200, w);
}

static const char *route_label(void *ctx, size_t i)
{
    const router *rt = ctx;
    const route *ro = router_at(rt, i);
    return ro->tmpl;
}

static void ops_metrics(req *r)
{
    /* label by template only; methods share a template rarely enough */
    size_t len = 0;
    const char *text = metrics_render(r->w->metrics, r->a, router_count(r->w->router), route_label,
                                      (void *)r->w->router, &len);
    http_send(r, 200, "text/plain; version=0.0.4", text, len);
}

static void ops_root(req *r)
{
    jw *w = jw_new(r->a);
    jw_obj(w);
    jw_kstr(w, "name", "SERUMS Digital API");
    jw_kstr(w, "version", r->w->cfg->version);
    jw_kstr(w, "openapi", "/openapi.yaml");
    jw_end_obj(w);
    http_send_json(r, 200, w);
}

const route ops_routes[] = {
    {"GET", "/healthz", ops_healthz, 0, BODY_NONE, 0},
    {"GET", "/readyz", ops_readyz, 0, BODY_NONE, 0},
    {"GET", "/metrics", ops_metrics, 0, BODY_NONE, 0},
    {"GET", "/v1", ops_root, 0, BODY_NONE, 0},
};
const size_t ops_routes_n = ROUTES_N(ops_routes);
