/* metrics.h - Prometheus counters shared by the master and its workers.
 * The master maps one anonymous shared region before forking; each worker
 * writes only its own slot, /metrics sums the slots. */
#ifndef SERUMS_METRICS_H
#define SERUMS_METRICS_H
#include "arena.h"
#include <stddef.h>
#include <stdint.h>

#define METRICS_MAX_WORKERS 256
#define METRICS_MAX_ROUTES 160 /* last index = unmatched */
#define METRICS_NSTATUS 22
#define METRICS_NBUCKETS 12

typedef struct metrics_route {
    uint64_t by_status[METRICS_NSTATUS];
    uint64_t buckets[METRICS_NBUCKETS]; /* non-cumulative */
    uint64_t sum_us;
} metrics_route;

typedef struct metrics_slot {
    metrics_route routes[METRICS_MAX_ROUTES];
    uint64_t db_errors;
    uint64_t requests_in_flight;
} metrics_slot;

typedef struct metrics {
    uint64_t worker_restarts;
    uint64_t workers_configured;
    uint64_t started_at;
    metrics_slot slots[METRICS_MAX_WORKERS];
} metrics;

metrics *metrics_create(void); /* shared anonymous mapping */
void metrics_observe(metrics *m, int slot, size_t route_index, int status, uint64_t us);
void metrics_db_errors(metrics *m, int slot, uint64_t total);
/* route_name(i) gives "GET /v1/x/{id}" for index i; unmatched = METRICS_MAX_ROUTES-1. */
const char *metrics_render(metrics *m, arena *a, size_t nroutes,
                           const char *(*route_name)(void *ctx, size_t i), void *ctx, size_t *len);
#endif
