/* publicacion.c - rendering one version of a published list as CSV and
 * JSON with their SHA-256 (see publicacion.h). */
#include "publicacion.h"
#include "csv.h"
#include "json.h"
#include <sodium.h>
#include <string.h>

void pub_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

char *pub_documento_mascara(arena *a, const char *numero)
{
    size_t n = numero ? strlen(numero) : 0;
    if (n < 6) return arena_strdup(a, "****");
    return arena_printf(a, "****%s", numero + n - 4);
}

/* -?digits(.digits)? : what may go into JSON as a number. */
static bool es_numero(const char *s, bool decimal)
{
    if (*s == '-') s++;
    size_t ent = strspn(s, "0123456789");
    if (!ent) return false;
    s += ent;
    if (!*s) return true;
    if (!decimal || *s != '.') return false;
    size_t dec = strspn(s + 1, "0123456789");
    return dec && !s[1 + dec];
}

/* The cell as written in CSV and JSON; NULL when not representable. */
static const char *celda(arena *a, const pub_columna *c, const char *v)
{
    if (!v) return "";
    switch (c->tipo) {
    case PUB_DOCUMENTO: return pub_documento_mascara(a, v);
    case PUB_ENTERO: return es_numero(v, false) ? v : NULL;
    case PUB_DECIMAL: return es_numero(v, true) ? v : NULL;
    default: return v;
    }
}

static int render_csv(arena *a, const pub_version *v, pub_archivo *out)
{
    const pub_tipo *t = v->tipo;
    sbuf b;
    sbuf_init(&b, a, 64 + v->filas * t->n_columnas * 24);
    sbuf_add(&b, "\xEF\xBB\xBF", 3);
    for (size_t c = 0; c < t->n_columnas; c++) {
        if (c) sbuf_add(&b, ";", 1);
        csv_write_cell(&b, t->columnas[c].nombre, ';');
    }
    sbuf_add(&b, "\r\n", 2);
    for (size_t f = 0; f < v->filas; f++) {
        for (size_t c = 0; c < t->n_columnas; c++) {
            const pub_columna *col = &t->columnas[c];
            const char *s = celda(a, col, v->celdas[f * t->n_columnas + c]);
            if (!s) return -1;
            if (c) sbuf_add(&b, ";", 1);
            if (col->tipo == PUB_DECIMAL && strchr(s, '.')) {
                char *coma = arena_strdup(a, s);
                if (!coma) return -1;
                *strchr(coma, '.') = ',';
                s = coma;
            }
            csv_write_cell(&b, s, ';');
        }
        sbuf_add(&b, "\r\n", 2);
    }
    if (a->failed || !b.p) return -1;
    out->datos = b.p;
    out->len = b.len;
    pub_sha256_hex(b.p, b.len, out->sha256);
    return 0;
}

static int render_item(jw *w, arena *a, const pub_tipo *t, const char *const *fila)
{
    jw_obj(w);
    for (size_t c = 0; c < t->n_columnas; c++) {
        const pub_columna *col = &t->columnas[c];
        jw_key(w, col->nombre);
        if (!fila[c]) {
            jw_null(w);
            continue;
        }
        const char *s = celda(a, col, fila[c]);
        if (!s) return -1;
        if (col->tipo == PUB_ENTERO || col->tipo == PUB_DECIMAL) jw_raw_number(w, s);
        else jw_str(w, s);
    }
    jw_end_obj(w);
    return 0;
}

static int render_json(arena *a, const pub_version *v, const char *sha_csv, pub_archivo *out)
{
    const pub_tipo *t = v->tipo;
    jw *w = jw_new(a);
    if (!w) return -1;
    jw_obj(w);
    jw_kstr(w, "convocatoria", v->convocatoria);
    jw_kstr(w, "tipo", t->tipo);
    jw_kint(w, "version", v->version);
    jw_kstr(w, "publicado_at", v->publicado_at);
    jw_kstr(w, "sha256", sha_csv);
    jw_kint(w, "filas", (long long)v->filas);
    jw_key(w, "items");
    jw_arr(w);
    for (size_t f = 0; f < v->filas; f++)
        if (render_item(w, a, t, v->celdas + f * t->n_columnas)) return -1;
    jw_end_arr(w);
    jw_end_obj(w);
    size_t len;
    const char *s = jw_finish(w, &len);
    if (!s || a->failed) return -1;
    out->datos = s;
    out->len = len;
    pub_sha256_hex(s, len, out->sha256);
    return 0;
}

int pub_render(arena *a, const pub_version *v, pub_archivo *csv, pub_archivo *json)
{
    if (render_csv(a, v, csv)) return -1;
    return render_json(a, v, csv->sha256, json);
}
