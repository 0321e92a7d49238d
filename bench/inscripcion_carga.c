/* inscripcion_carga.c - the opening morning as an OPEN-LOOP load: applicants
 * arrive at a fixed rate whatever the server does, and each one asks for an
 * email code, registers, logs in, creates its draft, fills the four sections,
 * uploads three PDFs of 200-900 KB (PPP, ENAM, COMPROBANTE: a Medicina
 * graduate applying to GERESA Cusco) and finalizes, thinking 0.5-2 s between
 * steps. libcurl's multi interface runs every applicant concurrently.
 *
 * Latency is measured from the moment a request was due (not sent), so a
 * lagging client cannot hide queueing. It reports per step n, errors, p50,
 * p99 and max; requests/s; the two password hashes apart; the mailer backlog
 * and its drain time after the load; database bytes per inscription. Exit 0
 * when 0 errors and p99 < 250 ms on every step but the password hashes.
 *
 *   bench-inscripcion --url http://127.0.0.1:8080 --convocatoria 1 --rate 600 --duration 60 \
 *       --mail-dir var/bench/mail   (SERUMS_DATABASE_URL for the database figures) */
#include "curl_cliente.h"
#include "documento.h"
#include "it_pdf.h"
#include "json.h"
#include <curl/curl.h>
#include <dirent.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define P99_LIMIT_MS 250.0
#define POOL 16
#define PASSWORD "serums-bench-2026"

typedef enum {
    S_CODIGO, S_ESPERA_CORREO, S_REGISTRO, S_LOGIN, S_CREAR, S_PERSONALES, S_PROFESIONALES, S_POSTULACION,
    S_DECLARACION, S_PPP, S_ENAM, S_COMPROBANTE, S_FINALIZAR, S_FIN, S_N
} paso;

static const char *const PASO_NOMBRE[S_N] = {
    "email-codes", "(email code delivery)", "register (argon2id)", "login (argon2id)", "inscripciones POST",
    "datos-personales", "datos-profesionales", "datos-postulacion", "declaracion-jurada", "documento PPP",
    "documento ENAM", "documento COMPROBANTE", "finalizar", "",
};
static const long PASO_STATUS[S_N] = {202, 0, 201, 200, 201, 200, 200, 200, 200, 201, 201, 201, 200, 0};
/* steps whose p99 is judged (the hashes and the mail wait are reported apart) */
static const int JUZGADO[S_N] = {1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};

typedef struct muestras { double *v; size_t n, cap; long errores; } muestras;

typedef struct opciones {
    const char *url, *convocatoria, *mail_dir, *captcha;
    double rate_min, duration, think_min, think_max;
} opciones;

typedef struct postulante {
    int idx;
    paso paso;
    double debido;                /* when the next request is due (monotonic s) */
    double espera_desde;          /* email code wait started */
    int en_vuelo;
    char email[96], codigo[8], dni[9], digito, id[24];
    char *token;
    char *resp;
    size_t resp_len;
    char *cuerpo;                 /* JSON request body (owned) */
    struct curl_slist *hdrs;
} postulante;

typedef struct carga {
    opciones o;
    CURLM *multi;
    postulante *p;
    int np, vivos;
    muestras m[S_N];
    unsigned char *pdf[POOL];
    size_t pdf_len[POOL];
    long requests;
    unsigned rnd;
} carga;

static double ahora(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned aleatorio(carga *c)
{
    c->rnd ^= c->rnd << 13, c->rnd ^= c->rnd >> 17, c->rnd ^= c->rnd << 5;
    return c->rnd;
}

static double entre(carga *c, double a, double b) { return a + (b - a) * (double)(aleatorio(c) % 10000) / 10000.0; }

static void anotar(muestras *m, double ms)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = realloc(m->v, m->cap * sizeof *m->v);
        if (!m->v) { perror("realloc"); exit(2); }
    }
    m->v[m->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentil(muestras *m, double q)
{
    if (!m->n) return 0;
    qsort(m->v, m->n, sizeof *m->v, cmp_double);
    size_t i = (size_t)ceil(q * (double)m->n) - 1;
    return m->v[i < m->n ? i : m->n - 1];
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    postulante *p = ud;
    size_t n = size * nmemb;
    char *np = realloc(p->resp, p->resp_len + n + 1);
    if (!np) return 0;
    memcpy(np + p->resp_len, ptr, n);
    p->resp = np;
    p->resp_len += n;
    p->resp[p->resp_len] = '\0';
    return n;
}

/* A string field of a JSON response (malloc'ed), or NULL. */
static char *campo_json(const char *body, const char *campo)
{
    if (!body) return NULL;
    arena a;
    arena_init(&a, 4096);
    jv *root = NULL;
    char err[160];
    json_limits lim = {1 << 22, 64, 1 << 22};
    char *out = NULL;
    if (json_parse(&a, body, strlen(body), &lim, &root, err, sizeof err) == 0) {
        const jv *v = jv_get(root, campo);
        if (v && (v->t == JV_STRING || v->t == JV_NUMBER)) out = strdup(v->s);
    }
    arena_free(&a);
    return out;
}

/* The 6-digit code in the newest mail for p->email ("... SERUMS: 123456"). */
static bool leer_codigo(carga *c, postulante *p)
{
    DIR *d = opendir(c->o.mail_dir);
    if (!d) return false;
    char sufijo[128];
    snprintf(sufijo, sizeof sufijo, "%s.eml", p->email);
    size_t sl = strlen(sufijo);
    struct dirent *e;
    bool ok = false;
    while (!ok && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < sl || strcasecmp(e->d_name + n - sl, sufijo) != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", c->o.mail_dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        char buf[8192];
        size_t got = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[got] = '\0';
        const char *m = strstr(buf, "SERUMS: ");
        if (m && strspn(m + 8, "0123456789") == 6) {
            memcpy(p->codigo, m + 8, 6);
            p->codigo[6] = '\0';
            ok = true;
        }
    }
    closedir(d);
    return ok;
}

static char *textof(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *textof(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) s = NULL;
    va_end(ap);
    if (!s) { perror("vasprintf"); exit(2); }
    return s;
}

/* Method, path and body of the applicant's current step. */
static void preparar(carga *c, postulante *p, const char **metodo, char **ruta, const void **cuerpo, size_t *len,
                     const char **tipo)
{
    *metodo = "PUT";
    *tipo = "application/json";
    free(p->cuerpo);
    p->cuerpo = NULL;
    const char *id = p->id;
    switch (p->paso) {
    case S_CODIGO:
        *metodo = "POST";
        *ruta = textof("/v1/auth/email-codes");
        p->cuerpo = textof("{\"email\":\"%s\"}", p->email);
        break;
    case S_REGISTRO:
        *metodo = "POST";
        *ruta = textof("/v1/auth/register");
        p->cuerpo = textof("{\"email\":\"%s\",\"codigo_verificacion\":\"%s\",\"tipo_documento\":\"DNI\","
                           "\"numero_documento\":\"%s\",\"digito_verificacion\":\"%c\",\"fecha_nacimiento\":\"1997-02-11\","
                           "\"fecha_emision\":\"2019-05-20\",\"password\":\"%s\",\"captcha_token\":\"%s\","
                           "\"nombres\":\"María José\",\"apellido_paterno\":\"Huamán\",\"apellido_materno\":\"Ñahui\"}",
                           p->email, p->codigo, p->dni, p->digito, PASSWORD, c->o.captcha);
        break;
    case S_LOGIN:
        *metodo = "POST";
        *ruta = textof("/v1/auth/login");
        p->cuerpo = textof("{\"email\":\"%s\",\"password\":\"%s\",\"client\":\"mobile\"}", p->email, PASSWORD);
        break;
    case S_CREAR:
        *metodo = "POST";
        *ruta = textof("/v1/convocatorias/%s/inscripciones", c->o.convocatoria);
        break;
    case S_PERSONALES:
        *ruta = textof("/v1/inscripciones/%s/datos-personales", id);
        p->cuerpo = textof("{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"080101\",\"direccion\":\"Av. El Sol 345, Cusco\","
                           "\"estado_civil\":\"SOLTERO\",\"celular\":\"9%08d\",\"contacto_emergencia_nombre\":\"Rosa Ñahui\","
                           "\"contacto_emergencia_celular\":\"912345678\",\"licenciado_ffaa\":false,\"discapacidad\":false}",
                           10000000 + p->idx % 80000000);
        break;
    case S_PROFESIONALES:
        *ruta = textof("/v1/inscripciones/%s/datos-profesionales", id);
        p->cuerpo = textof("{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Nacional de San Antonio Abad del Cusco\","
                           "\"profesion\":\"MEDICINA\",\"numero_colegiatura\":\"%d\",\"fecha_titulacion\":\"2025-12-15\","
                           "\"nota_ppp\":%d.%02d,\"nota_enam\":%d.%02d}",
                           70000 + p->idx, 11 + p->idx % 8, p->idx % 100, 10 + p->idx % 9, (p->idx * 7) % 100);
        break;
    case S_POSTULACION:
        *ruta = textof("/v1/inscripciones/%s/datos-postulacion", id);
        p->cuerpo = textof("{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":false,"
                           "\"docente\":false,\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"regimen_pensionario\":\"AFP\","
                           "\"comprobante_numero\":\"B%03d-%06d\",\"comprobante_fecha\":\"2026-01-10\"}",
                           p->idx % 1000, p->idx);
        break;
    case S_DECLARACION:
        *ruta = textof("/v1/inscripciones/%s/declaracion-jurada", id);
        p->cuerpo = textof("{\"acepta\":true}");
        break;
    case S_PPP:
    case S_ENAM:
    case S_COMPROBANTE: {
        static const char *const TIPO[] = {"PPP", "ENAM", "COMPROBANTE"};
        int k = (int)(aleatorio(c) % POOL);
        *ruta = textof("/v1/inscripciones/%s/documentos/%s", id, TIPO[p->paso - S_PPP]);
        *cuerpo = c->pdf[k];
        *len = c->pdf_len[k];
        *tipo = "application/pdf";
        return;
    }
    case S_FINALIZAR:
        *metodo = "POST";
        *ruta = textof("/v1/inscripciones/%s/finalizar", id);
        break;
    default:
        *ruta = textof("/");
    }
    *cuerpo = p->cuerpo;
    *len = p->cuerpo ? strlen(p->cuerpo) : 0;
    if (!p->cuerpo) *tipo = NULL;
}

static void lanzar(carga *c, postulante *p)
{
    const char *metodo, *tipo;
    char *ruta;
    const void *cuerpo = NULL;
    size_t len = 0;
    preparar(c, p, &metodo, &ruta, &cuerpo, &len, &tipo);
    char *url = textof("%s%s", c->o.url, ruta);
    CURL *e = curl_cliente(url, 10000L, 60000L);
    if (!e) { fprintf(stderr, "curl_easy_init\n"); exit(2); }
    free(ruta);
    curl_slist_free_all(p->hdrs);
    p->hdrs = curl_slist_append(NULL, "Expect:");
    if (tipo) {
        char *h = textof("Content-Type: %s", tipo);
        p->hdrs = curl_slist_append(p->hdrs, h);
        free(h);
    }
    if (p->token) {
        char *h = textof("Authorization: Bearer %s", p->token);
        p->hdrs = curl_slist_append(p->hdrs, h);
        free(h);
    }
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, metodo);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, cuerpo ? (const char *)cuerpo : "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, p->hdrs);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, p);
    curl_easy_setopt(e, CURLOPT_PRIVATE, p);
    free(url);
    p->resp_len = 0;
    p->en_vuelo = 1;
    curl_multi_add_handle(c->multi, e);
    c->requests++;
}

static void avanzar(carga *c, postulante *p, double t)
{
    p->paso++;
    p->debido = t + entre(c, c->o.think_min, c->o.think_max);
    if (p->paso == S_ESPERA_CORREO) { p->espera_desde = t; p->debido = t + 0.05; }
    if (p->paso == S_FIN) c->vivos--;
}

static void abandonar(carga *c, postulante *p, const char *por)
{
    c->m[p->paso].errores++;
    if (c->m[p->paso].errores <= 5) fprintf(stderr, "applicant %d: %s failed: %s\n", p->idx, PASO_NOMBRE[p->paso], por);
    p->paso = S_FIN;
    c->vivos--;
}

static void terminado(carga *c, CURLMsg *msg)
{
    CURL *e = msg->easy_handle;
    CURLcode resultado = msg->data.result;   /* msg dies with curl_multi_remove_handle */
    postulante *p;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&p);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(c->multi, e);
    curl_easy_cleanup(e);
    p->en_vuelo = 0;
    double t = ahora();
    anotar(&c->m[p->paso], (t - p->debido) * 1000.0);
    if (resultado != CURLE_OK) { abandonar(c, p, curl_easy_strerror(resultado)); return; }
    if (p->paso == S_REGISTRO && status == 409 && p->resp && strstr(p->resp, "DOCUMENTO_REGISTRADO")) {
        char dni[9];
        snprintf(dni, sizeof dni, "%08u", 10000000u + aleatorio(c) % 89999999u);
        memcpy(p->dni, dni, 9);
        char letra;
        dni_digitos_verificacion(p->dni, &p->digito, &letra);
        p->debido = t;     /* same step again, at once */
        return;
    }
    if (status != PASO_STATUS[p->paso]) {
        char *por = textof("HTTP %ld %.300s", status, p->resp ? p->resp : "");
        abandonar(c, p, por);
        free(por);
        return;
    }
    if (p->paso == S_LOGIN && !(p->token = campo_json(p->resp, "access_token"))) { abandonar(c, p, "no token"); return; }
    if (p->paso == S_CREAR) {
        char *id = campo_json(p->resp, "id");
        if (!id) { abandonar(c, p, "no id"); return; }
        snprintf(p->id, sizeof p->id, "%s", id);
        free(id);
    }
    avanzar(c, p, t);
}

static void nuevo(carga *c, int idx, double t, const char *corrida)
{
    postulante *p = &c->p[idx];
    memset(p, 0, sizeof *p);
    p->idx = idx;
    p->debido = t;
    snprintf(p->email, sizeof p->email, "carga.%s.%d@prueba.pe", corrida, idx);
    snprintf(p->dni, sizeof p->dni, "%08u", 10000000u + aleatorio(c) % 89999999u);
    char letra;
    dni_digitos_verificacion(p->dni, &p->digito, &letra);
    c->vivos++;
}

static void mover(carga *c, postulante *p, double t)
{
    if (p->paso == S_FIN || p->en_vuelo || p->debido > t) return;
    if (p->paso != S_ESPERA_CORREO) { lanzar(c, p); return; }
    if (leer_codigo(c, p)) {
        anotar(&c->m[S_ESPERA_CORREO], (t - p->espera_desde) * 1000.0);
        avanzar(c, p, t);
    } else if (t - p->espera_desde > 60) {
        abandonar(c, p, "no email code within 60 s");
    } else {
        p->debido = t + 0.1;
    }
}

/* ---- database figures ---- */

static const char *const TABLAS[] = {"inscripciones", "inscripcion_documentos", "outbox", "audit_log", "usuarios", NULL};

static long long bytes_de(PGconn *db, const char *tabla)
{
    const char *p[] = {tabla};
    PGresult *r = PQexecParams(db, "select coalesce(pg_total_relation_size(to_regclass($1)), 0)", 1, NULL, p, NULL, NULL, 0);
    long long v = PQresultStatus(r) == PGRES_TUPLES_OK ? atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return v;
}

static long pendientes(PGconn *db)
{
    PGresult *r = PQexec(db, "select count(*) from outbox where enviado_at is null");
    long v = PQresultStatus(r) == PGRES_TUPLES_OK ? atol(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return v;
}

static void leer_opciones(int argc, char **argv, opciones *o)
{
    *o = (opciones){.url = "http://127.0.0.1:8080", .convocatoria = "1", .mail_dir = "var/mail",
                    .captcha = "prueba-captcha-ok", .rate_min = 600, .duration = 60, .think_min = 0.5, .think_max = 2.0};
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--url")) o->url = v;
        else if (!strcmp(k, "--convocatoria")) o->convocatoria = v;
        else if (!strcmp(k, "--mail-dir")) o->mail_dir = v;
        else if (!strcmp(k, "--captcha")) o->captcha = v;
        else if (!strcmp(k, "--rate")) o->rate_min = atof(v);
        else if (!strcmp(k, "--duration")) o->duration = atof(v);
        else if (!strcmp(k, "--think-min")) o->think_min = atof(v);
        else if (!strcmp(k, "--think-max")) o->think_max = atof(v);
        else { fprintf(stderr, "unknown option %s\n", k); exit(2); }
    }
    if (o->rate_min <= 0 || o->duration <= 0) { fprintf(stderr, "--rate and --duration must be positive\n"); exit(2); }
}

static void preparar_pdfs(carga *c)
{
    for (int i = 0; i < POOL; i++) {
        c->pdf_len[i] = 200 * 1024 + (size_t)(aleatorio(c) % (700 * 1024));
        c->pdf[i] = it_pdf_make(c->pdf_len[i], (unsigned)i + 1);
        if (!c->pdf[i]) { fprintf(stderr, "it_pdf_make\n"); exit(2); }
    }
}

static int informe(carga *c, double elapsed, int llegados, long backlog_max, double drenaje, PGconn *db,
                   const long long *antes)
{
    printf("\n%-26s %7s %7s %9s %9s %9s\n", "step", "n", "errors", "p50 ms", "p99 ms", "max ms");
    long errores = 0;
    double p99_peor = 0;
    muestras todas = {0};
    for (int s = 0; s < S_FIN; s++) {
        muestras *m = &c->m[s];
        errores += m->errores;
        double p50 = percentil(m, 0.50), p99 = percentil(m, 0.99), mx = percentil(m, 1.0);
        printf("%-26s %7zu %7ld %9.1f %9.1f %9.1f%s\n", PASO_NOMBRE[s], m->n, m->errores, p50, p99, mx,
               JUZGADO[s] ? "" : "   (not judged)");
        if (JUZGADO[s]) {
            if (p99 > p99_peor) p99_peor = p99;
            for (size_t i = 0; i < m->n; i++) anotar(&todas, m->v[i]);
        }
    }
    int fin = (int)c->m[S_FINALIZAR].n - (int)c->m[S_FINALIZAR].errores;
    printf("\narrival rate %.0f/min (%.2f/s) for %.0f s: %d applicants, %d finalized, %ld errors\n", c->o.rate_min,
           c->o.rate_min / 60.0, c->o.duration, llegados, fin, errores);
    printf("requests/s %.1f   p99 (judged steps) %.1f ms   worst step p99 %.1f ms\n", (double)c->requests / elapsed,
           percentil(&todas, 0.99), p99_peor);
    printf("password hashes: register p99 %.1f ms, login p99 %.1f ms\n", percentil(&c->m[S_REGISTRO], 0.99),
           percentil(&c->m[S_LOGIN], 0.99));
    printf("mailer: max backlog %ld messages, drained %.1f s after the last applicant finished\n", backlog_max, drenaje);
    if (db && fin > 0) {
        long long total = 0;
        printf("database growth per finalized inscription:");
        for (int i = 0; TABLAS[i]; i++) {
            long long d = bytes_de(db, TABLAS[i]) - antes[i];
            total += d;
            printf(" %s %lld B;", TABLAS[i], d / fin);
        }
        printf(" total %lld B\n", total / fin);
    }
    free(todas.v);
    bool ok = errores == 0 && p99_peor < P99_LIMIT_MS && fin == llegados;
    printf("verdict: %s (0 errors and p99 < %.0f ms on every judged step)\n", ok ? "PASS" : "FAIL", P99_LIMIT_MS);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    carga c;
    memset(&c, 0, sizeof c);
    leer_opciones(argc, argv, &c.o);
    c.rnd = (unsigned)time(NULL) | 1u;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    c.multi = curl_multi_init();
    preparar_pdfs(&c);
    int total = (int)ceil(c.o.rate_min / 60.0 * c.o.duration);
    c.p = calloc((size_t)total, sizeof *c.p);
    if (!c.p) return 2;
    char corrida[32];
    snprintf(corrida, sizeof corrida, "%ld%d", (long)time(NULL), (int)getpid());

    const char *dburl = getenv("SERUMS_DATABASE_URL");
    PGconn *db = dburl ? PQconnectdb(dburl) : NULL;
    if (db && PQstatus(db) != CONNECTION_OK) { fprintf(stderr, "database: %s", PQerrorMessage(db)); PQfinish(db); db = NULL; }
    long long antes[8] = {0};
    for (int i = 0; db && TABLAS[i]; i++) antes[i] = bytes_de(db, TABLAS[i]);

    double t0 = ahora(), intervalo = 60.0 / c.o.rate_min, ultima_muestra = t0;
    int llegados = 0;
    long backlog_max = 0;
    while (llegados < total || c.vivos > 0) {
        double t = ahora();
        while (llegados < total && t0 + llegados * intervalo <= t) {
            nuevo(&c, llegados, t0 + llegados * intervalo, corrida);
            llegados++;
        }
        for (int i = 0; i < llegados; i++) mover(&c, &c.p[i], t);
        int corriendo;
        curl_multi_perform(c.multi, &corriendo);
        CURLMsg *msg;
        int quedan;
        while ((msg = curl_multi_info_read(c.multi, &quedan)))
            if (msg->msg == CURLMSG_DONE) terminado(&c, msg);
        if (db && t - ultima_muestra >= 1.0) {
            long b = pendientes(db);
            if (b > backlog_max) backlog_max = b;
            ultima_muestra = t;
        }
        curl_multi_poll(c.multi, NULL, 0, 5, NULL);
    }
    double fin_carga = ahora(), drenaje = 0;
    if (db) {
        while (pendientes(db) > 0 && ahora() - fin_carga < 600) usleep(100 * 1000);
        drenaje = ahora() - fin_carga;
    }
    int rc = informe(&c, fin_carga - t0, llegados, backlog_max, drenaje, db, antes);
    for (int i = 0; i < llegados; i++) {
        free(c.p[i].token), free(c.p[i].resp), free(c.p[i].cuerpo);
        curl_slist_free_all(c.p[i].hdrs);
    }
    for (int s = 0; s < S_N; s++) free(c.m[s].v);
    for (int i = 0; i < POOL; i++) free(c.pdf[i]);
    free(c.p);
    if (db) PQfinish(db);
    curl_multi_cleanup(c.multi);
    curl_global_cleanup();
    return rc;
}
