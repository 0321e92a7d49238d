/* fcgi_min.c - the smallest useful FastCGI responder (pre-forked, libfcgi),
 * answering {"status":"ok"}: the ceiling of the nginx + FastCGI design that
 * bench/run.sh compares serumsd against. */
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: fcgi-min SOCKET WORKERS\n"); return 2; }
    FCGX_Init();
    unlink(argv[1]);
    int fd = FCGX_OpenSocket(argv[1], 1024);
    if (fd < 0) return 1;
    chmod(argv[1], 0666);
    int n = atoi(argv[2]);
    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);   /* die with the parent */
            FCGX_Request r;
            FCGX_InitRequest(&r, fd, 0);
            while (FCGX_Accept_r(&r) >= 0) {
                FCGX_PutS("Status: 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
                          "{\"status\":\"ok\"}", r.out);
                FCGX_Finish_r(&r);
            }
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {}
    return 0;
}
