/* metrics.c - shared-memory counters and their Prometheus text rendering. */
#include "metrics.h"
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static const int STATUS_CODES[METRICS_NSTATUS] = {200, 201, 202, 204, 304, 400, 401, 403, 404, 405, 406,
                                                  409, 410, 412, 413, 415, 422, 429, 500, 503, 504, 0};
static const double BUCKETS_S[METRICS_NBUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   0};

metrics *metrics_create(void)
{
    void *p = mmap(NULL, sizeof(metrics), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    metrics *m = p;
    m->started_at = (uint64_t)time(NULL);
    return m;
}

static int status_slot(int status)
{
    for (int i = 0; i < METRICS_NSTATUS - 1; i++)
        if (STATUS_CODES[i] == status) return i;
    return METRICS_NSTATUS - 1;
}

static void add(uint64_t *p, uint64_t v)
{
    atomic_fetch_add_explicit((_Atomic uint64_t *)p, v, memory_order_relaxed);
}
static uint64_t get(const uint64_t *p)
{
    return atomic_load_explicit((_Atomic uint64_t *)p, memory_order_relaxed);
}

void metrics_observe(metrics *m, int slot, size_t route_index, int status, uint64_t us)
{
    if (!m || slot < 0 || slot >= METRICS_MAX_WORKERS) return;
    if (route_index >= METRICS_MAX_ROUTES) route_index = METRICS_MAX_ROUTES - 1;
    metrics_route *r = &m->slots[slot].routes[route_index];
    add(&r->by_status[status_slot(status)], 1);
    int b = 0;
    while (b < METRICS_NBUCKETS - 1 && (double)us / 1e6 > BUCKETS_S[b]) b++;
    add(&r->buckets[b], 1);
    add(&r->sum_us, us);
}

void metrics_db_errors(metrics *m, int slot, uint64_t total)
{
    if (!m || slot < 0 || slot >= METRICS_MAX_WORKERS) return;
    atomic_store_explicit((_Atomic uint64_t *)&m->slots[slot].db_errors, total, memory_order_relaxed);
}

const char *metrics_render(metrics *m, arena *a, size_t nroutes,
                           const char *(*route_name)(void *ctx, size_t i), void *ctx, size_t *len)
{
    sbuf b;
    sbuf_init(&b, a, 16384);
    sbuf_adds(&b, "# HELP serums_http_requests_total Requests answered, by route template and status.\n"
                  "# TYPE serums_http_requests_total counter\n");
    if (nroutes > METRICS_MAX_ROUTES - 1) nroutes = METRICS_MAX_ROUTES - 1;
    for (size_t ri = 0; ri <= nroutes; ri++) {
        size_t idx = ri == nroutes ? METRICS_MAX_ROUTES - 1 : ri;
        const char *name = ri == nroutes ? "unmatched" : route_name(ctx, ri);
        for (int s = 0; s < METRICS_NSTATUS; s++) {
            uint64_t total = 0;
            for (int w = 0; w < METRICS_MAX_WORKERS; w++) total += get(&m->slots[w].routes[idx].by_status[s]);
            if (!total) continue;
            if (STATUS_CODES[s])
                sbuf_addf(&b, "serums_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", name,
                          STATUS_CODES[s], (unsigned long long)total);
            else
                sbuf_addf(&b, "serums_http_requests_total{route=\"%s\",status=\"other\"} %llu\n", name,
                          (unsigned long long)total);
        }
    }
    sbuf_adds(&b, "# HELP serums_http_request_duration_seconds Time from request start to response written.\n"
                  "# TYPE serums_http_request_duration_seconds histogram\n");
    for (size_t ri = 0; ri <= nroutes; ri++) {
        size_t idx = ri == nroutes ? METRICS_MAX_ROUTES - 1 : ri;
        uint64_t counts[METRICS_NBUCKETS] = {0}, sum = 0, total = 0;
        for (int w = 0; w < METRICS_MAX_WORKERS; w++) {
            const metrics_route *r = &m->slots[w].routes[idx];
            for (int k = 0; k < METRICS_NBUCKETS; k++) counts[k] += get(&r->buckets[k]);
            sum += get(&r->sum_us);
        }
        for (int k = 0; k < METRICS_NBUCKETS; k++) total += counts[k];
        if (!total) continue;
        const char *name = ri == nroutes ? "unmatched" : route_name(ctx, ri);
        uint64_t cum = 0;
        for (int k = 0; k < METRICS_NBUCKETS; k++) {
            cum += counts[k];
            if (k < METRICS_NBUCKETS - 1)
                sbuf_addf(&b, "serums_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                          name, BUCKETS_S[k], (unsigned long long)cum);
            else
                sbuf_addf(&b, "serums_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                          name, (unsigned long long)cum);
        }
        sbuf_addf(&b, "serums_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", name,
                  (double)sum / 1e6);
        sbuf_addf(&b, "serums_http_request_duration_seconds_count{route=\"%s\"} %llu\n", name,
                  (unsigned long long)total);
    }
    uint64_t dberr = 0;
    for (int w = 0; w < METRICS_MAX_WORKERS; w++) dberr += get(&m->slots[w].db_errors);
    sbuf_addf(&b,
              "# HELP serums_db_errors_total Failed database statements and connection attempts.\n"
              "# TYPE serums_db_errors_total counter\nserums_db_errors_total %llu\n",
              (unsigned long long)dberr);
    sbuf_addf(&b,
              "# HELP serums_worker_restarts_total Workers respawned after dying.\n"
              "# TYPE serums_worker_restarts_total counter\nserums_worker_restarts_total %llu\n",
              (unsigned long long)get(&m->worker_restarts));
    sbuf_addf(&b,
              "# HELP serums_workers Configured worker processes.\n"
              "# TYPE serums_workers gauge\nserums_workers %llu\n",
              (unsigned long long)get(&m->workers_configured));
    *len = b.len;
    return sbuf_cstr(&b);
}
