/* it_oferta.c - helpers for the catalog, convocatoria and offer tests (see it.h). */
#include "it.h"
#include "archivo.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char *it_data_file(const char *relative, size_t *len)
{
    const char *dir = getenv("SERUMS_DATA_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "../shared/data", relative);
    char *buf = archivo_leer(path, (size_t)1 << 30, len);
    cr_assert(buf, "cannot read %s", path);
    return buf;
}

it_resp *it_import(const char *token, long long convocatoria, const char *modalidad, const char *body, size_t len)
{
    char path[256], auth[4096];
    snprintf(path, sizeof path, "/v1/convocatorias/%lld/plazas/importaciones?modalidad=%s", convocatoria, modalidad);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token ? token : "");
    const char *hdrs[] = {auth, NULL};
    return it_request("POST", path, "text/csv", body, len, token ? hdrs : NULL);
}

static long long create(const char *token, const char *codigo, int anio, const char *periodo)
{
    char body[256];
    snprintf(body, sizeof body, "{\"codigo\":\"%s\",\"anio\":%d,\"periodo\":\"%s\",\"tipo\":\"ORDINARIO\"}", codigo,
             anio, periodo);
    it_resp *r = it_post("/v1/convocatorias", token, body);
    cr_assert_eq(r->status, 201, "create %s: %ld %s", codigo, r->status, r->body);
    long long id = it_int(r, "id");
    it_free(r);
    return id;
}

long long it_convocatoria_nueva(const char *token)
{
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long long v = ((unsigned long long)ts.tv_sec * 1000003ULL) ^ ((unsigned long long)ts.tv_nsec << 7) ^
                           ((unsigned long long)getpid() << 20) ^ counter++;
    char suffix[11];
    for (int i = 0; i < 10; i++, v /= 36) suffix[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[v % 36];
    suffix[10] = '\0';
    char codigo[32];
    snprintf(codigo, sizeof codigo, "2099-II-%s", suffix);
    return create(token, codigo, 2099, "II");
}

/* "build-asan" -> "BUILDASAN" */
static void build_tag(char *out, size_t cap)
{
    const char *b = getenv("SERUMS_BUILD");
    size_t j = 0;
    for (const char *p = b ? b : "BUILD"; *p && j + 1 < cap; p++)
        if (isalnum((unsigned char)*p)) out[j++] = (char)toupper((unsigned char)*p);
    out[j] = '\0';
}

static void ensure_offer(const char *token, long long id, const char *modalidad, const char *file)
{
    char sql[160], idtxt[24];
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    snprintf(sql, sizeof sql, "select count(*) from plazas where convocatoria_id = $1 and modalidad = '%s'",
             !strcmp(modalidad, "remunerada") ? "REMUNERADA" : "EQUIVALENTE");
    char *n = it_db_value(sql, idtxt);
    bool empty = n && !strcmp(n, "0");
    free(n);
    if (!empty) return;
    size_t len;
    char *body = it_data_file(file, &len);
    it_resp *r = it_import(token, id, modalidad, body, len);
    cr_assert_eq(r->status, 201, "import %s: %ld %.300s", file, r->status, r->body);
    it_free(r);
    free(body);
}

long long it_convocatoria_real(const char *token, const char *tag, const char *remunerado, const char *equivalente)
{
    char build[16], codigo[32];
    build_tag(build, sizeof build);
    snprintf(codigo, sizeof codigo, "2098-I-%s%s", tag, build);
    char *id_s = it_db_value("select id from convocatorias where codigo = $1", codigo);
    long long id = id_s ? atoll(id_s) : create(token, codigo, 2098, "I");
    free(id_s);
    ensure_offer(token, id, "remunerada", remunerado);
    ensure_offer(token, id, "equivalente", equivalente);
    return id;
}
