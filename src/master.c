/* master.c - process supervision. The master never touches requests: it waits
 * for signals synchronously (sigtimedwait), so it has no handlers and no
 * shared flags. Bulkheads (DESIGN §5): one listening socket per worker pool
 * (general, public cached reads, password hashing), each pool sized in the
 * configuration; every worker inherits its pool's socket, the router and the
 * shared metrics region, and all of them are respawned, drained and
 * replaced by this one master. */
#include "master.h"
#include "log.h"
#include "mailer.h"
#include "metrics.h"
#include "migrate.h"
#include "worker.h"
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { KIND_WORKER, KIND_MAILER, KIND_BACKGROUND };

typedef struct slot {
    pid_t pid;
    int kind;
    pool_kind pool;
    time_t started;
    int failures;      /* consecutive quick deaths */
    time_t respawn_at; /* 0 = not waiting */
} slot;

typedef struct master {
    const config *cfg;
    int listen_fd[POOL_COUNT];
    const char *socket_path[POOL_COUNT];
    router *router;
    const server_app *app;
    metrics *metrics;
    migrate_state expected;
    slot *slots;
    int nslots;
    pid_t retiring[512]; /* old workers draining after SIGHUP */
    int nretiring;
} master;

static void child_exit(int code) { _exit(code); }

/* The hashing pool yields the CPU to the other pools (a login flood must not
 * slow /healthz or the searches); a failure only leaves the priority as is. */
static void pool_lower_priority(int increment)
{
    if (increment <= 0) return;
    errno = 0;
    if (nice(increment) == -1 && errno != 0) log_warn("nice_failed", "\"errno\":%d", errno);
}

static pid_t spawn(master *m, int i)
{
    slot *s = &m->slots[i];
    pid_t pid = fork();
    if (pid < 0) {
        log_error("fork_failed", "\"slot\":%d", i);
        s->respawn_at = time(NULL) + 1;
        return -1;
    }
    if (pid == 0) {
        for (int p = 0; p < POOL_COUNT; p++)
            if (s->kind != KIND_WORKER || (int)s->pool != p) close(m->listen_fd[p]);
        if (s->kind == KIND_MAILER) child_exit(mailer_run(m->cfg));
        if (s->kind == KIND_BACKGROUND) child_exit(m->app->background(m->cfg));
        if (s->pool == POOL_AUTH) pool_lower_priority(m->cfg->workers_auth_nice);
        db d;
        db_init(&d, m->cfg->database_url);
        db_set_timeouts(&d, m->cfg->db_lock_timeout_ms, m->cfg->db_statement_timeout_ms);
        worker_ctx w = {.cfg = m->cfg,
                        .db = &d,
                        .metrics = m->metrics,
                        .router = m->router,
                        .app = m->app,
                        .slot = i,
                        .pool = s->pool,
                        .listen_fd = m->listen_fd[s->pool],
                        .expected = &m->expected};
        child_exit(worker_run(&w));
    }
    s->pid = pid;
    s->started = time(NULL);
    s->respawn_at = 0;
    return pid;
}

static void schedule_respawn(master *m, int i, int status)
{
    slot *s = &m->slots[i];
    time_t now = time(NULL);
    s->failures = (now - s->started < 5) ? s->failures + 1 : 0;
    int delay = s->failures <= 1 ? 0 : 1 << (s->failures - 2 > 5 ? 5 : s->failures - 2);
    if (delay > 30) delay = 30;
    s->pid = 0;
    s->respawn_at = now + delay;
    __atomic_fetch_add(&m->metrics->worker_restarts, 1, __ATOMIC_RELAXED);
    log_warn("worker_died", "\"slot\":%d,\"kind\":\"%s\",\"status\":%d,\"signal\":%d,\"respawn_in_s\":%d", i,
             s->kind == KIND_MAILER       ? "mailer"
             : s->kind == KIND_BACKGROUND ? "background"
                                          : pool_name(s->pool),
             WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0, delay);
}

static void reap(master *m, bool stopping)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        bool found = false;
        for (int i = 0; i < m->nretiring; i++) {
            if (m->retiring[i] == pid) {
                m->retiring[i] = m->retiring[--m->nretiring];
                found = true;
                break;
            }
        }
        if (found) continue;
        for (int i = 0; i < m->nslots; i++) {
            if (m->slots[i].pid != pid) continue;
            if (stopping) m->slots[i].pid = 0;
            else schedule_respawn(m, i, status);
            break;
        }
    }
}

static void respawn_due(master *m)
{
    time_t now = time(NULL);
    for (int i = 0; i < m->nslots; i++)
        if (!m->slots[i].pid && m->slots[i].respawn_at && m->slots[i].respawn_at <= now) spawn(m, i);
}

static void reload(master *m)
{
    log_info("reload", "\"workers\":%d", m->nslots);
    for (int i = 0; i < m->nslots; i++) {
        pid_t old = m->slots[i].pid;
        if (old && m->nretiring < (int)(sizeof m->retiring / sizeof m->retiring[0])) {
            m->retiring[m->nretiring++] = old;
            m->slots[i].pid = 0;
            m->slots[i].failures = 0;
            if (spawn(m, i) > 0) kill(old, SIGTERM);
        }
    }
}

static int live_children(master *m)
{
    int n = m->nretiring;
    for (int i = 0; i < m->nslots; i++) n += m->slots[i].pid != 0;
    return n;
}

static void stop_all(master *m, sigset_t *set)
{
    log_info("stopping", "\"drain_seconds\":%d", m->cfg->drain_seconds);
    for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid) kill(m->slots[i].pid, SIGTERM);
    for (int i = 0; i < m->nretiring; i++) kill(m->retiring[i], SIGTERM);
    time_t deadline = time(NULL) + m->cfg->drain_seconds;
    while (live_children(m) > 0 && time(NULL) < deadline) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        sigtimedwait(set, NULL, &ts);
        reap(m, true);
    }
    for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid) kill(m->slots[i].pid, SIGKILL);
    for (int i = 0; i < m->nretiring; i++) kill(m->retiring[i], SIGKILL);
    while (waitpid(-1, NULL, 0) > 0) {}
}

static int open_socket(master *m, pool_kind p)
{
    const char *path = m->socket_path[p];
    unlink(path);
    m->listen_fd[p] = FCGX_OpenSocket(path, m->cfg->socket_backlog);
    if (m->listen_fd[p] < 0) {
        log_error("socket_failed", "\"pool\":\"%s\",\"path\":\"%s\",\"errno\":%d", pool_name(p), path, errno);
        return -1;
    }
    chmod(path, 0660);
    return 0;
}

static int open_sockets(master *m)
{
    m->socket_path[POOL_APP] = m->cfg->socket_path;
    m->socket_path[POOL_PUBLIC] = m->cfg->socket_public;
    m->socket_path[POOL_AUTH] = m->cfg->socket_auth;
    if (FCGX_Init() != 0) return -1;
    for (int p = 0; p < POOL_COUNT; p++)
        if (open_socket(m, (pool_kind)p) != 0) return -1;
    return 0;
}

/* Slots: the general pool, then the public pool, then the hashing pool, then
 * the mailer, then the application's background loop. At most METRICS_MAX_WORKERS workers in all. */
static int make_slots(master *m)
{
    const config *cfg = m->cfg;
    int sizes[POOL_COUNT] = {cfg->workers, cfg->workers_public, cfg->workers_auth};
    int workers = 0;
    for (int p = 0; p < POOL_COUNT; p++) {
        if (workers + sizes[p] > METRICS_MAX_WORKERS) sizes[p] = METRICS_MAX_WORKERS - workers;
        workers += sizes[p];
    }
    m->nslots = workers + (cfg->mailer ? 1 : 0) + (m->app->background ? 1 : 0);
    m->slots = calloc((size_t)m->nslots, sizeof *m->slots);
    if (!m->slots) return -1;
    int i = 0;
    for (int p = 0; p < POOL_COUNT; p++)
        for (int k = 0; k < sizes[p]; k++) m->slots[i++].pool = (pool_kind)p;
    if (cfg->mailer) m->slots[i++].kind = KIND_MAILER;
    if (m->app->background) m->slots[i].kind = KIND_BACKGROUND;
    m->metrics->workers_configured = (uint64_t)workers;
    return 0;
}

int master_serve(const config *cfg, const server_app *app)
{
    master m;
    memset(&m, 0, sizeof m);
    m.cfg = cfg;
    m.metrics = metrics_create();
    m.app = app;
    m.router = app->routes_build();
    if (!m.metrics || !m.router) {
        log_error("startup_failed", "\"reason\":\"%s\"", "memory");
        return 1;
    }
    migrate_expected(cfg->migrations_dir, &m.expected);
    if (open_sockets(&m) != 0 || make_slots(&m) != 0) return 1;

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    for (int i = 0; i < m.nslots; i++) spawn(&m, i);
    log_info("serving",
             "\"socket\":\"%s\",\"workers\":%d,\"workers_public\":%d,\"workers_auth\":%d,"
             "\"workers_auth_nice\":%d,\"mailer\":%s,\"env\":\"%s\"",
             cfg->socket_path, cfg->workers, cfg->workers_public, cfg->workers_auth, cfg->workers_auth_nice,
             cfg->mailer ? "true" : "false", cfg->env_name);

    for (;;) {
        struct timespec ts = {0, 250 * 1000 * 1000};
        int sig = sigtimedwait(&set, NULL, &ts);
        if (sig == SIGTERM || sig == SIGINT || sig == SIGQUIT) break;
        if (sig == SIGHUP) reload(&m);
        reap(&m, false);
        respawn_due(&m);
    }
    stop_all(&m, &set);
    for (int p = 0; p < POOL_COUNT; p++) {
        close(m.listen_fd[p]);
        unlink(m.socket_path[p]);
    }
    free(m.slots);
    router_free(m.router);
    log_info("stopped", "%s", "");
    return 0;
}
