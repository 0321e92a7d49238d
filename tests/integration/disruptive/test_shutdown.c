/* test_shutdown.c - SIGTERM makes the master drain and exit
 * with all its children, and nginx then answers 502 as problem+json. Ends
 * the stack: scripts/test.sh runs it as the last named step. */
#include "it.h"
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

Test(shutdown, sigterm_drains_and_nginx_answers_problem_json)
{
    const char *p = getenv("SERUMS_TEST_SERUMSD_PID");
    cr_assert(p && atoi(p) > 0);
    pid_t master = (pid_t)atoi(p);
    it_resp *r = it_get("/healthz", NULL);
    cr_assert_eq(r->status, 200);
    it_free(r);
    cr_assert_eq(kill(master, SIGTERM), 0);
    int gone = 0;
    for (int i = 0; i < 100 && !gone; i++) {
        gone = kill(master, 0) != 0;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    cr_expect(gone, "master exited within 10 s");
    cr_expect_neq(access(getenv("SERUMS_SOCKET"), F_OK), 0, "socket removed");
    r = it_get("/healthz", NULL);
    it_expect_problem(r, 502, "SERVICIO_SIN_RESPUESTA");
    it_free(r);
}
