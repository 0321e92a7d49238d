/* ops.c - operations endpoints: liveness, readiness, Prometheus metrics and
 * the API root. /healthz never touches the database; /readyz makes exactly one
 * round trip (reachable + migrations current). */
#include "api.h"
#include "db.h"
#include "http.h"
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static void ops_healthz(req *r) { http_send_json_text(r, 200, "{\"status\":\"ok\"}"); }

static void ops_readyz(req *r)
{
    PGresult *res = db_exec(r->w->db, r->a, &SQL_ops_migrations, 0, NULL);
    if (!res) {
        problema(r, P_NO_LISTO, "La base de datos no responde.");
        return;
    }
    const migrate_state *want = r->w->expected;
    int applied = atoi(db_field(res, 0, "aplicadas"));
    const char *latest = db_field(res, 0, "ultima");
    if (!want || applied != want->count || strcmp(latest, want->latest) != 0) {
        problema(r, P_MIGRACIONES_PENDIENTES,
                 arena_printf(
                     r->a, "La base de datos tiene %d migraciones (última %s); se esperaban %d (última %s).",
                     applied, latest, want ? want->count : 0, want ? want->latest : "?"));
        return;
    }
    jw *w = jw_new(r->a);
    jw_obj(w);
    jw_kstr(w, "status", "ok");
    jw_kstr(w, "database", "ok");
    jw_kint(w, "migrations", applied);
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
