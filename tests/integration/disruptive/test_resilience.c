/* test_resilience.c - the supervision promises, against the real stack:
 * a worker killed with SIGKILL under load is replaced and requests keep
 * succeeding; SIGHUP replaces every worker without failing requests; with
 * PostgreSQL stopped /readyz is 503 while /healthz stays 200, and the workers
 * heal by themselves when it returns. It disturbs the stack, so
 * scripts/test.sh runs it as its own named step after every other suite. */
#include "it.h"
#include <curl/curl.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pid_t master_pid(void)
{
    const char *p = getenv("SERUMS_TEST_SERUMSD_PID");
    cr_assert(p && atoi(p) > 0, "SERUMS_TEST_SERUMSD_PID not set");
    return (pid_t)atoi(p);
}

/* children of the master, sorted ascending; returns count */
static int children(pid_t parent, pid_t *out, int max)
{
    int n = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)) && n < max) {
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid <= 0) continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = '\0';
        char *rp = strrchr(buf, ')');
        int ppid = 0;
        char state;
        if (rp && sscanf(rp + 2, "%c %d", &state, &ppid) == 2 && ppid == parent && state != 'Z') out[n++] = pid;
    }
    if (d) closedir(d);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j] < out[j - 1]; j--) { pid_t t = out[j]; out[j] = out[j - 1]; out[j - 1] = t; }
    return n;
}

typedef struct load {
    atomic_int stop;
    atomic_int ok, failed;
    const char *path;
} load;

static size_t sink(char *p, size_t s, size_t n, void *u) { (void)p; (void)u; return s * n; }

static void *load_loop(void *arg)
{
    load *l = arg;
    CURL *c = curl_easy_init();
    char url[512];
    snprintf(url, sizeof url, "%s%s", it_base_url(), l->path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    while (!atomic_load(&l->stop)) {
        long status = 0;
        if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (status == 200) atomic_fetch_add(&l->ok, 1);
        else atomic_fetch_add(&l->failed, 1);
    }
    curl_easy_cleanup(c);
    return NULL;
}

#define LOADERS 4
static void load_start(load *l, pthread_t *t, const char *path)
{
    memset(l, 0, sizeof *l);
    l->path = path;
    for (int i = 0; i < LOADERS; i++) pthread_create(&t[i], NULL, load_loop, l);
}

static void load_stop(load *l, pthread_t *t)
{
    atomic_store(&l->stop, 1);
    for (int i = 0; i < LOADERS; i++) pthread_join(t[i], NULL);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long long metric(const char *name)
{
    it_resp *r = it_get("/metrics", NULL);
    const char *p = r->body ? strstr(r->body, name) : NULL;
    long long v = -1;
    while (p) {                              /* skip "# HELP name" lines */
        if (p == r->body || p[-1] == '\n') { v = atoll(p + strlen(name) + 1); break; }
        p = strstr(p + 1, name);
    }
    it_free(r);
    return v;
}

Test(resilience, sigkill_worker_under_load_is_replaced)
{
    pid_t master = master_pid(), before[64], after[64];
    int n = children(master, before, 64);
    cr_assert_gt(n, 1, "workers of %d", (int)master);
    long long restarts = metric("serums_worker_restarts_total");
    load l;
    pthread_t t[LOADERS];
    load_start(&l, t, "/readyz");
    sleep_ms(500);
    cr_assert_eq(kill(before[0], SIGKILL), 0);
    sleep_ms(1500);
    load_stop(&l, t);
    int m = children(master, after, 64);
    cr_expect_eq(m, n, "worker count restored: %d -> %d", n, m);
    bool replaced = true;
    for (int i = 0; i < m; i++) replaced = replaced && after[i] != before[0];
    cr_expect(replaced, "the killed pid is gone");
    cr_expect_gt(atomic_load(&l.ok), 100, "requests kept succeeding (%d)", atomic_load(&l.ok));
    cr_expect_eq(atomic_load(&l.failed), 0, "failed requests: %d of %d", atomic_load(&l.failed),
                 atomic_load(&l.ok) + atomic_load(&l.failed));
    cr_expect_eq(metric("serums_worker_restarts_total"), restarts + 1);
}

Test(resilience, sighup_replaces_workers_without_failures)
{
    pid_t master = master_pid(), before[64], after[64];
    int n = children(master, before, 64);
    load l;
    pthread_t t[LOADERS];
    load_start(&l, t, "/healthz");
    sleep_ms(300);
    cr_assert_eq(kill(master, SIGHUP), 0);
    sleep_ms(1500);
    load_stop(&l, t);
    int m = children(master, after, 64);
    cr_expect_eq(m, n, "same number of children after reload: %d -> %d", n, m);
    int same = 0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) same += after[i] == before[j];
    cr_expect_eq(same, 0, "every child replaced (%d kept)", same);
    cr_expect_eq(atomic_load(&l.failed), 0, "failed requests during reload: %d", atomic_load(&l.failed));
    cr_expect_gt(atomic_load(&l.ok), 50);
}

/* leaves PostgreSQL running whatever happened in the test */
static void pg_start(void)
{
    const char *url = getenv("SERUMS_DATABASE_URL"), *start = getenv("SERUMS_TEST_PG_START");
    if (start && url && PQping(url) == PQPING_NO_RESPONSE) { int rc = system(start); (void)rc; }
}

Test(resilience, database_outage_and_recovery, .fini = pg_start)
{
    const char *stop = getenv("SERUMS_TEST_PG_STOP");
    cr_assert(stop && getenv("SERUMS_TEST_PG_START"), "SERUMS_TEST_PG_STOP/START not set");
    it_resp *r = it_get("/readyz", NULL);
    cr_assert_eq(r->status, 200);
    it_free(r);
    cr_assert_eq(system(stop), 0, "stopping PostgreSQL");
    for (int i = 0; i < 6; i++) {            /* every worker sees it, none crashes */
        r = it_get("/readyz", NULL);
        it_expect_problem(r, 503, "NO_LISTO");
        it_free(r);
        r = it_get("/healthz", NULL);
        cr_expect_eq(r->status, 200);
        it_free(r);
    }
    cr_assert_eq(system(getenv("SERUMS_TEST_PG_START")), 0, "starting PostgreSQL");
    int healed = 0;
    for (int i = 0; i < 100 && healed < 8; i++) {   /* all workers reconnect by themselves */
        r = it_get("/readyz", NULL);
        healed = r->status == 200 ? healed + 1 : 0;
        it_free(r);
        sleep_ms(100);
    }
    cr_expect_eq(healed, 8, "readyz healthy again without a restart");
    cr_expect_gt(metric("serums_db_errors_total"), 0);
}
