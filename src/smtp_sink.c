/* smtp_sink.c - a small RFC 5321 receiver: one forked child per connection,
 * each message written to <dir>/<time>-<pid>-<n>-<rcpt>.eml atomically
 * (temporary name, then rename) so readers never see half a message. */
#include "smtp_sink.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SINK_MAX_MESSAGE (25 * 1024 * 1024)

typedef struct conn {
    FILE *in, *out;
    const char *dir;
    char rcpt[256];
    int seq;
} conn;

static void reply(conn *c, const char *line)
{
    fprintf(c->out, "%s\r\n", line);
    fflush(c->out);
}

static void sanitize(const char *addr, char *out, size_t outlen)
{
    size_t j = 0;
    for (const char *p = addr; *p && j + 1 < outlen; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isalnum(ch) || ch == '@' || ch == '.' || ch == '-' || ch == '_' || ch == '+')
            out[j++] = (char)tolower(ch);
    }
    out[j] = '\0';
}

static void take_rcpt(conn *c, const char *line)
{
    const char *lt = strchr(line, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (!lt || !gt) return;
    char addr[256];
    size_t n = (size_t)(gt - lt - 1) < sizeof addr - 1 ? (size_t)(gt - lt - 1) : sizeof addr - 1;
    memcpy(addr, lt + 1, n);
    addr[n] = '\0';
    if (!c->rcpt[0]) sanitize(addr, c->rcpt, sizeof c->rcpt);
}

static int store(conn *c, const char *data, size_t len)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char name[512], tmp[600], final[600];
    snprintf(name, sizeof name, "%lld%09ld-%d-%d-%s.eml", (long long)ts.tv_sec, ts.tv_nsec, (int)getpid(),
             c->seq++, c->rcpt[0] ? c->rcpt : "sin-destinatario");
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", c->dir, name);
    snprintf(final, sizeof final, "%s/%s", c->dir, name);
    FILE *f = fopen(tmp, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, final) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static void read_data(conn *c)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    char line[8192];
    int too_big = 0;
    while (buf && fgets(line, sizeof line, c->in)) {
        if (!strcmp(line, ".\r\n") || !strcmp(line, ".\n")) {
            if (too_big) reply(c, "552 message too large");
            else reply(c, store(c, buf, len) == 0 ? "250 stored" : "451 cannot store");
            free(buf);
            return;
        }
        const char *p = line[0] == '.' ? line + 1 : line; /* dot-unstuffing */
        size_t n = strlen(p);
        if (len + n > SINK_MAX_MESSAGE) {
            too_big = 1;
            continue;
        }
        if (len + n > cap) {
            while (len + n > cap) cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) break;
            buf = nb;
        }
        memcpy(buf + len, p, n);
        len += n;
    }
    free(buf);
}

static void session(int fd, const char *dir)
{
    conn c = {fdopen(fd, "r"), fdopen(dup(fd), "w"), dir, "", 0};
    if (!c.in || !c.out) _exit(1);
    reply(&c, "220 serums-smtp-sink ESMTP");
    char line[1024];
    while (fgets(line, sizeof line, c.in)) {
        if (!strncasecmp(line, "EHLO", 4)) {
            fprintf(c.out, "250-serums-smtp-sink\r\n250-8BITMIME\r\n250 SIZE %d\r\n", SINK_MAX_MESSAGE);
            fflush(c.out);
        } else if (!strncasecmp(line, "HELO", 4)) reply(&c, "250 serums-smtp-sink");
        else if (!strncasecmp(line, "MAIL FROM:", 10)) {
            c.rcpt[0] = '\0';
            reply(&c, "250 ok");
        } else if (!strncasecmp(line, "RCPT TO:", 8)) {
            take_rcpt(&c, line);
            reply(&c, "250 ok");
        } else if (!strncasecmp(line, "DATA", 4)) {
            reply(&c, "354 end with <CRLF>.<CRLF>");
            read_data(&c);
        } else if (!strncasecmp(line, "RSET", 4)) {
            c.rcpt[0] = '\0';
            reply(&c, "250 ok");
        } else if (!strncasecmp(line, "NOOP", 4)) reply(&c, "250 ok");
        else if (!strncasecmp(line, "QUIT", 4)) {
            reply(&c, "221 bye");
            break;
        } else reply(&c, "502 command not implemented");
    }
    fclose(c.in);
    fclose(c.out);
}

int smtp_sink_run(const char *listen_host, int port, const char *dir)
{
    mkdir(dir, 0755);
    signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    if (fd < 0 || inet_pton(AF_INET, listen_host, &sa.sin_addr) != 1 ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 64) != 0) {
        fprintf(stderr, "smtp-sink: cannot listen on %s:%d: %s\n", listen_host, port, strerror(errno));
        return 1;
    }
    fprintf(stderr, "smtp-sink: listening on %s:%d, storing in %s\n", listen_host, port, dir);
    for (;;) {
        int cfd = accept(fd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(fd);
            alarm(60);
            session(cfd, dir);
            _exit(0);
        }
        close(cfd);
    }
}
