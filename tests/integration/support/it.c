/* it.c - the integration test client (see it.h). */
#include "it.h"
#include "archivo.h"
#include "curl_cliente.h"
#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *it_base_url(void)
{
    const char *u = getenv("SERUMS_TEST_BASE_URL");
    return u ? u : "http://127.0.0.1:18080";
}

typedef struct growbuf { char *p; size_t len; } growbuf;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    growbuf *b = ud;
    size_t n = size * nmemb;
    char *np = realloc(b->p, b->len + n + 1);
    if (!np) return 0;
    memcpy(np + b->len, ptr, n);
    b->p = np;
    b->len += n;
    b->p[b->len] = '\0';
    return n;
}

static void json_escape_into(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

/* One JSON line per response, for the OpenAPI validation step. */
static void record(const char *method, const char *path, it_resp *r)
{
    const char *file = getenv("SERUMS_TEST_RESPONSES");
    if (!file) return;
    char *line = NULL;
    size_t linelen = 0;
    FILE *f = open_memstream(&line, &linelen);
    if (!f) return;
    fprintf(f, "{\"method\":\"%s\",\"path\":", method);
    json_escape_into(f, path, strlen(path));
    fprintf(f, ",\"status\":%ld,\"content_type\":", r->status);
    json_escape_into(f, r->content_type, strlen(r->content_type));
    fprintf(f, ",\"body\":");
    bool textual = strstr(r->content_type, "json") || strstr(r->content_type, "text/");
    if (textual) json_escape_into(f, r->body ? r->body : "", r->len);
    else fprintf(f, "null");
    fprintf(f, "}\n");
    fclose(f);
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd >= 0) {
        ssize_t w = write(fd, line, linelen);
        (void)w;
        close(fd);
    }
    free(line);
}

it_resp *it_request(const char *method, const char *path, const char *content_type, const char *body,
                    size_t len, const char *const *headers)
{
    it_resp *r = calloc(1, sizeof *r);
    cr_assert(r);
    arena_init(&r->a, 16384);
    char url[4096];
    snprintf(url, sizeof url, "%s%s", it_base_url(), path);
    CURL *c = curl_cliente(url, 10000L, 120000L);
    cr_assert(c);
    growbuf b = {0}, h = {0};
    struct curl_slist *hl = NULL;
    char ct[256];
    if (content_type) {
        snprintf(ct, sizeof ct, "Content-Type: %s", content_type);
        hl = curl_slist_append(hl, ct);
    }
    hl = curl_slist_append(hl, "Expect:");
    for (const char *const *it = headers; it && *it; it++) hl = curl_slist_append(hl, *it);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (!strcmp(method, "HEAD")) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    CURLcode rc = curl_easy_perform(c);
    cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    char *ctype = NULL;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
    if (ctype) {
        size_t n = strcspn(ctype, ";");
        if (n >= sizeof r->content_type) n = sizeof r->content_type - 1;
        memcpy(r->content_type, ctype, n);
        r->content_type[n] = '\0';
    }
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    r->body = b.p;
    r->len = b.len;
    r->headers = h.p;
    if (r->body && (strstr(r->content_type, "json"))) {
        jv *root = NULL;
        json_limits lim = {64 * 1024 * 1024, 64, 64 * 1024 * 1024};
        char err[160];
        if (json_parse(&r->a, r->body, r->len, &lim, &root, err, sizeof err) == 0) r->json = root;
        else cr_log_warn("%s %s: invalid JSON body: %s", method, path, err);
    }
    record(method, path, r);
    return r;
}

static it_resp *with_token(const char *method, const char *path, const char *token, const char *ctype,
                           const char *body)
{
    char auth[4096];
    const char *hdrs[] = {auth, NULL};
    if (token) snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    return it_request(method, path, ctype, body, body ? strlen(body) : 0, token ? hdrs : NULL);
}

it_resp *it_get(const char *path, const char *token) { return with_token("GET", path, token, NULL, NULL); }
it_resp *it_delete(const char *path, const char *token) { return with_token("DELETE", path, token, NULL, NULL); }
it_resp *it_json_req(const char *method, const char *path, const char *token, const char *json)
{
    return with_token(method, path, token, json ? "application/json" : NULL, json);
}

void it_free(it_resp *r)
{
    if (!r) return;
    arena_free(&r->a);
    free(r->body);
    free(r->headers);
    free(r);
}

const char *it_header(it_resp *r, const char *name)
{
    size_t n = strlen(name);
    for (char *line = r->headers; line && *line;) {
        char *eol = strstr(line, "\r\n");
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len > n && line[n] == ':' && !strncasecmp(line, name, n)) {
            const char *v = line + n + 1;
            while (*v == ' ') v++;
            return arena_strndup(&r->a, v, len - (size_t)(v - line));
        }
        if (!eol) break;
        line = eol + 2;
    }
    return NULL;
}

const jv *it_path(it_resp *r, const char *dotted)
{
    const jv *v = r->json;
    char key[256];
    const char *p = dotted;
    while (v && *p) {
        size_t n = strcspn(p, ".");
        if (n >= sizeof key) return NULL;
        memcpy(key, p, n);
        key[n] = '\0';
        if (v->t == JV_ARRAY) {
            char *end;
            long i = strtol(key, &end, 10);
            v = (*end || i < 0 || (size_t)i >= v->n) ? NULL : v->items[i];
        } else {
            v = jv_get(v, key);
        }
        p += n;
        if (*p == '.') p++;
    }
    return v;
}

const char *it_str(it_resp *r, const char *dotted)
{
    const jv *v = it_path(r, dotted);
    if (!v) return NULL;
    if (v->t == JV_STRING || v->t == JV_NUMBER) return v->s;
    if (v->t == JV_BOOL) return v->b ? "true" : "false";
    return NULL;
}

long long it_int(it_resp *r, const char *dotted)
{
    const jv *v = it_path(r, dotted);
    return v && v->t == JV_NUMBER ? strtoll(v->s, NULL, 10) : -1;
}

void it_expect_problem(it_resp *r, long status, const char *code)
{
    cr_expect_eq(r->status, status, "expected %ld, got %ld: %s", status, r->status, r->body ? r->body : "");
    cr_expect_str_eq(r->content_type, "application/problem+json", "content type %s for %s", r->content_type,
                     r->body ? r->body : "");
    const char *got = it_str(r, "code");
    cr_expect(got && !strcmp(got, code), "expected code %s, got %s", code, got ? got : "(none)");
    cr_expect(it_int(r, "status") == status, "problem status field");
}

bool it_has_field_error(it_resp *r, const char *field)
{
    const jv *errs = it_path(r, "errors");
    for (size_t i = 0; errs && i < errs->n; i++) {
        const jv *f = jv_get(errs->items[i], "field");
        if (f && f->t == JV_STRING && !strcmp(f->s, field)) return true;
    }
    return false;
}

char *it_unique_email(const char *prefix)
{
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char *out = malloc(160);
    cr_assert(out);
    snprintf(out, 160, "%s.%ld%06ld.%d.%u@prueba.pe", prefix, (long)ts.tv_sec, ts.tv_nsec / 1000, (int)getpid(),
             counter++);
    return out;
}

char *it_mail_wait(const char *to, const char *needle, int timeout_ms)
{
    const char *dir = getenv("SERUMS_TEST_MAIL_DIR");
    cr_assert(dir, "SERUMS_TEST_MAIL_DIR not set");
    char lower[256];
    size_t i = 0;
    for (; to[i] && i + 1 < sizeof lower; i++) lower[i] = (char)tolower((unsigned char)to[i]);
    lower[i] = '\0';
    for (int waited = 0; waited <= timeout_ms; waited += 50) {
        DIR *d = opendir(dir);
        char best[512] = "";
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            size_t n = strlen(e->d_name), tn = strlen(lower);
            if (n < tn + 5 || strncmp(e->d_name + n - 4 - tn, lower, tn) != 0) continue;
            if (strcmp(e->d_name, best) <= 0) continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            char *content = needle ? archivo_leer(path, (size_t)1 << 30, &(size_t){0}) : NULL;
            if (!needle || (content && strstr(content, needle))) snprintf(best, sizeof best, "%s", e->d_name);
            free(content);
        }
        if (d) closedir(d);
        if (best[0]) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, best);
            return archivo_leer(path, (size_t)1 << 30, &(size_t){0});
        }
        usleep(50 * 1000);
    }
    return NULL;
}

void it_set_now(const char *rfc3339)
{
    const char *file = getenv("SERUMS_TEST_NOW_FILE");
    cr_assert(file, "SERUMS_TEST_NOW_FILE not set");
    FILE *f = fopen(file, "w");
    cr_assert(f);
    fprintf(f, "%s\n", rfc3339 ? rfc3339 : "");
    fclose(f);
}

PGconn *it_db(void)
{
    static PGconn *c;
    if (!c) {
        const char *url = getenv("SERUMS_DATABASE_URL");
        c = PQconnectdb(url ? url : "dbname=serums");
        cr_assert(PQstatus(c) == CONNECTION_OK, "test DB: %s", PQerrorMessage(c));
    }
    return c;
}

char *it_db_value(const char *sql, const char *param)
{
    const char *p[] = {param};
    PGresult *res = PQexecParams(it_db(), sql, param ? 1 : 0, NULL, param ? p : NULL, NULL, NULL, 0);
    cr_assert(res && PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(it_db()));
    char *v = PQntuples(res) && !PQgetisnull(res, 0, 0) ? strdup(PQgetvalue(res, 0, 0)) : NULL;
    PQclear(res);
    return v;
}

/* A test process never dies of SIGPIPE: a child that exits before reading
 * its input, or a server that closes early, is an error return instead. */
__attribute__((constructor)) static void it_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

static int temp_file(char *path, size_t n)
{
    const char *dir = getenv("SERUMS_VAR");
    snprintf(path, n, "%s/it-shell-XXXXXX", dir && *dir ? dir : "/tmp");
    return mkstemp(path);
}

int it_shell(const char *cmd, const void *in, size_t inlen, char **out)
{
    char inpath[1024], outpath[1024];
    int fin = temp_file(inpath, sizeof inpath), fout = temp_file(outpath, sizeof outpath);
    cr_assert(fin >= 0 && fout >= 0, "temporary files for %s", cmd);
    for (size_t done = 0; done < inlen;) {
        ssize_t w = write(fin, (const char *)in + done, inlen - done);
        cr_assert_gt(w, 0, "writing the input of %s", cmd);
        done += (size_t)w;
    }
    close(fin);
    close(fout);
    size_t len = strlen(cmd) + 2 * sizeof inpath + 32;
    char *full = malloc(len);
    cr_assert(full);
    snprintf(full, len, "(%s) <'%s' >'%s' 2>&1", cmd, inpath, outpath);
    int st = system(full);
    free(full);
    if (out) {
        FILE *f = fopen(outpath, "r");
        cr_assert(f);
        growbuf b = {calloc(1, 1), 0};
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) on_data(chunk, 1, n, &b);
        fclose(f);
        *out = b.p;
    }
    unlink(inpath);
    unlink(outpath);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
