/* json.c - yajl-driven tree builder with limits, the strict field reader and
 * the yajl_gen writer. All tree memory comes from the request arena. */
#include "json.h"
#include "texto.h"
#include "timeutil.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

const json_limits JSON_BODY_LIMITS = {64 * 1024, 32, 16 * 1024};

/* ---- parser ---- */

typedef struct node_list {
    jv *v;
    const char *key;
    struct node_list *next;
} node_list;

typedef struct frame {
    jv *container;
    node_list *head, *tail;
    size_t n;
    const char *pending_key;
} frame;

typedef struct pctx {
    arena *a;
    const json_limits *lim;
    frame stack[64];
    int depth;
    jv *root;
    char err[160];
} pctx;

static int fail(pctx *p, const char *msg)
{
    if (!p->err[0]) snprintf(p->err, sizeof p->err, "%s", msg);
    return 0;
}

static int add_value(pctx *p, jv *v)
{
    if (!v) return fail(p, "memoria insuficiente");
    if (p->depth == 0) {
        p->root = v;
        return 1;
    }
    frame *f = &p->stack[p->depth - 1];
    node_list *nl = arena_alloc(p->a, sizeof *nl);
    if (!nl) return fail(p, "memoria insuficiente");
    nl->v = v;
    nl->key = f->pending_key;
    nl->next = NULL;
    if (f->container->t == JV_OBJECT) {
        for (node_list *it = f->head; it; it = it->next)
            if (!strcmp(it->key, nl->key)) return fail(p, "clave duplicada en el objeto JSON");
    }
    f->pending_key = NULL;
    if (f->tail) f->tail->next = nl;
    else f->head = nl;
    f->tail = nl;
    f->n++;
    return 1;
}

static jv *new_jv(pctx *p, jv_type t)
{
    jv *v = arena_calloc(p->a, 1, sizeof *v);
    if (v) v->t = t;
    return v;
}

static int cb_null(void *ctx)
{
    pctx *p = ctx;
    return add_value(p, new_jv(p, JV_NULL));
}

static int cb_bool(void *ctx, int b)
{
    pctx *p = ctx;
    jv *v = new_jv(p, JV_BOOL);
    if (v) v->b = b != 0;
    return add_value(p, v);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
    pctx *p = ctx;
    if (len > 64) return fail(p, "número demasiado largo");
    jv *v = new_jv(p, JV_NUMBER);
    if (!v) return fail(p, "memoria insuficiente");
    v->s = arena_strndup(p->a, s, len);
    v->len = len;
    v->is_int = !memchr(s, '.', len) && !memchr(s, 'e', len) && !memchr(s, 'E', len);
    return add_value(p, v);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
    pctx *p = ctx;
    if (len > p->lim->max_string) return fail(p, "cadena demasiado larga");
    if (memchr(s, '\0', len)) return fail(p, "la cadena contiene un carácter nulo");
    jv *v = new_jv(p, JV_STRING);
    if (!v) return fail(p, "memoria insuficiente");
    v->s = arena_strndup(p->a, (const char *)s, len);
    if (!v->s) return fail(p, "memoria insuficiente");
    /* yajl checks only the byte pattern: overlong forms, surrogates and code
     * points above U+10FFFF get through it and would reach PostgreSQL. */
    if (!texto_utf8_valido(v->s, len)) return fail(p, "la cadena no es UTF-8 válido");
    v->len = len;
    return add_value(p, v);
}

static int open_container(pctx *p, jv_type t)
{
    if (p->depth >= p->lim->max_depth || p->depth >= 64) return fail(p, "JSON demasiado anidado");
    jv *v = new_jv(p, t);
    if (!v) return fail(p, "memoria insuficiente");
    frame *f = &p->stack[p->depth];
    memset(f, 0, sizeof *f);
    f->container = v;
    p->depth++;
    return 1;
}

static int close_container(pctx *p)
{
    frame *f = &p->stack[p->depth - 1];
    jv *v = f->container;
    v->n = f->n;
    if (f->n) {
        v->items = arena_alloc(p->a, f->n * sizeof *v->items);
        if (v->t == JV_OBJECT) v->keys = arena_alloc(p->a, f->n * sizeof *v->keys);
        if (!v->items || (v->t == JV_OBJECT && !v->keys)) return fail(p, "memoria insuficiente");
        size_t i = 0;
        for (node_list *it = f->head; it; it = it->next, i++) {
            v->items[i] = it->v;
            if (v->keys) v->keys[i] = it->key;
        }
    }
    p->depth--;
    return add_value(p, v);
}

static int cb_start_map(void *ctx) { return open_container(ctx, JV_OBJECT); }
static int cb_end_map(void *ctx) { return close_container(ctx); }
static int cb_start_array(void *ctx) { return open_container(ctx, JV_ARRAY); }
static int cb_end_array(void *ctx) { return close_container(ctx); }

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
    pctx *p = ctx;
    if (len > 256) return fail(p, "clave demasiado larga");
    if (memchr(s, '\0', len)) return fail(p, "la clave contiene un carácter nulo");
    char *key = arena_strndup(p->a, (const char *)s, len);
    if (!key) return fail(p, "memoria insuficiente");
    if (!texto_utf8_valido(key, len)) return fail(p, "la clave no es UTF-8 válido");
    p->stack[p->depth - 1].pending_key = key;
    return 1;
}

static const yajl_callbacks CALLBACKS = {
    cb_null,      cb_bool,    NULL,       NULL,           cb_number,    cb_string,
    cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array,
};

int json_parse(arena *a, const char *buf, size_t len, const json_limits *lim, jv **out, char *err,
               size_t errlen)
{
    pctx p;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.lim = lim ? lim : &JSON_BODY_LIMITS;
    *out = NULL;
    if (len > p.lim->max_bytes) {
        snprintf(err, errlen, "el cuerpo JSON excede %zu bytes", p.lim->max_bytes);
        return -1;
    }
    yajl_handle h = yajl_alloc(&CALLBACKS, NULL, &p);
    if (!h) {
        snprintf(err, errlen, "memoria insuficiente");
        return -1;
    }
    yajl_status st = yajl_parse(h, (const unsigned char *)buf, len);
    if (st == yajl_status_ok) st = yajl_complete_parse(h);
    int rc = 0;
    if (st != yajl_status_ok || !p.root) {
        if (p.err[0]) {
            snprintf(err, errlen, "%s", p.err);
        } else {
            size_t off = yajl_get_bytes_consumed(h);
            snprintf(err, errlen, "JSON mal formado cerca del byte %zu", off);
        }
        rc = -1;
    } else {
        *out = p.root;
    }
    yajl_free(h);
    return rc;
}

const jv *jv_get(const jv *obj, const char *key)
{
    if (!obj || obj->t != JV_OBJECT) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key)) return obj->items[i];
    return NULL;
}

const char *jv_type_name(jv_type t)
{
    static const char *names[] = {"null", "booleano", "número", "texto", "lista", "objeto"};
    return names[t];
}

/* ---- validation errors ---- */

void verr_init(verr *e, arena *a)
{
    memset(e, 0, sizeof *e);
    e->a = a;
}

void verr_add(verr *e, const char *field, const char *code, const char *message)
{
    verr_item *it = arena_calloc(e->a, 1, sizeof *it);
    if (!it) return;
    it->field = field;
    it->code = code;
    it->message = message;
    if (e->tail) e->tail->next = it;
    else e->head = it;
    e->tail = it;
    e->n++;
}

bool verr_has(const verr *e, const char *field)
{
    for (verr_item *it = e->head; it; it = it->next)
        if (!strcmp(it->field, field)) return true;
    return false;
}

/* ---- strict reader ---- */

char *jr_field(jr *r, const char *key)
{
    return r->prefix && *r->prefix ? arena_printf(r->a, "%s%s", r->prefix, key) : (char *)key;
}

bool jr_open(jr *r, arena *a, const jv *root, verr *e, const char *prefix)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->e = e;
    r->prefix = prefix ? prefix : "";
    if (!root || root->t != JV_OBJECT) {
        verr_add(e, *r->prefix ? arena_strndup(a, r->prefix, strlen(r->prefix) - 1) : "", "TIPO_INVALIDO",
                 "Se esperaba un objeto JSON.");
        return false;
    }
    r->obj = root;
    r->used = arena_calloc(a, root->n ? root->n : 1, sizeof *r->used);
    return r->used != NULL;
}

void jr_close(jr *r)
{
    if (!r->obj) return;
    for (size_t i = 0; i < r->obj->n; i++)
        if (!r->used[i])
            verr_add(r->e, jr_field(r, r->obj->keys[i]), "CAMPO_DESCONOCIDO", "Campo no reconocido.");
}

const jv *jr_take(jr *r, const char *key, int flags)
{
    if (!r->obj) return NULL;
    for (size_t i = 0; i < r->obj->n; i++) {
        if (strcmp(r->obj->keys[i], key)) continue;
        r->used[i] = true;
        if (r->obj->items[i]->t != JV_NULL) return r->obj->items[i];
        break;
    }
    if (flags & JR_REQUIRED) verr_add(r->e, jr_field(r, key), "REQUERIDO", "Este campo es obligatorio.");
    return NULL;
}

static bool want_type(jr *r, const char *key, const jv *v, jv_type t)
{
    if (v->t == t) return true;
    verr_add(r->e, jr_field(r, key), "TIPO_INVALIDO",
             arena_printf(r->a, "Se esperaba un valor de tipo %s.", jv_type_name(t)));
    return false;
}

/* counts UTF-8 code points; the parser already validated the encoding */
static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

const char *jr_str(jr *r, const char *key, int flags, size_t minlen, size_t maxlen)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_STRING)) return NULL;
    size_t n = utf8_len(v->s);
    if (n < minlen || n > maxlen) {
        verr_add(r->e, jr_field(r, key), "LONGITUD_INVALIDA",
                 arena_printf(r->a, "Debe tener entre %zu y %zu caracteres.", minlen, maxlen));
        return NULL;
    }
    return v->s;
}

const char *jr_enum(jr *r, const char *key, int flags, const char *const *values)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_STRING)) return NULL;
    sbuf allowed;
    sbuf_init(&allowed, r->a, 128);
    for (const char *const *it = values; *it; it++) {
        if (!strcmp(*it, v->s)) return *it;
        sbuf_addf(&allowed, "%s%s", it == values ? "" : ", ", *it);
    }
    verr_add(r->e, jr_field(r, key), "VALOR_INVALIDO",
             arena_printf(r->a, "Valor no permitido. Valores aceptados: %s.", sbuf_cstr(&allowed)));
    return NULL;
}

const char *jr_date(jr *r, const char *key, int flags)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_STRING)) return NULL;
    if (!date_valid(v->s)) {
        verr_add(r->e, jr_field(r, key), "FECHA_INVALIDA", "Fecha inválida; use el formato AAAA-MM-DD.");
        return NULL;
    }
    return v->s;
}

const char *jr_pattern(jr *r, const char *key, int flags, const char *charset, size_t minlen, size_t maxlen,
                       const char *message)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_STRING)) return NULL;
    bool ok = v->len >= minlen && v->len <= maxlen && strspn(v->s, charset) == v->len;
    if (!ok) {
        verr_add(r->e, jr_field(r, key), "FORMATO_INVALIDO", message);
        return NULL;
    }
    return v->s;
}

bool jr_bool(jr *r, const char *key, int flags, bool *out)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_BOOL)) return false;
    *out = v->b;
    return true;
}

bool jr_int(jr *r, const char *key, int flags, long min, long max, long *out)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_NUMBER)) return false;
    char *end;
    long n = strtol(v->s, &end, 10);
    if (!v->is_int || *end || n < min || n > max) {
        verr_add(r->e, jr_field(r, key), "FUERA_DE_RANGO",
                 arena_printf(r->a, "Debe ser un entero entre %ld y %ld.", min, max));
        return false;
    }
    *out = n;
    return true;
}

const char *jr_decimal(jr *r, const char *key, int flags, double min, double max, int decimals)
{
    const jv *v = jr_take(r, key, flags);
    if (!v || !want_type(r, key, v, JV_NUMBER)) return NULL;
    const char *dot = strchr(v->s, '.');
    bool exp = strpbrk(v->s, "eE") != NULL;
    double d = strtod(v->s, NULL);
    if (exp || (dot && (int)strlen(dot + 1) > decimals) || !isfinite(d) || d < min || d > max) {
        verr_add(r->e, jr_field(r, key), "FUERA_DE_RANGO",
                 arena_printf(r->a, "Debe ser un número entre %g y %g con a lo más %d decimales.", min, max,
                              decimals));
        return NULL;
    }
    return v->s;
}

/* ---- writer ---- */

struct jw {
    arena *a;
    yajl_gen g;
};

static void jw_cleanup(void *p) { jw_free(p); }

jw *jw_new(arena *a)
{
    jw *w = arena_alloc(a, sizeof *w);
    if (!w) return NULL;
    w->a = a;
    w->g = yajl_gen_alloc(NULL);
    if (!w->g) return NULL;
    if (arena_defer(a, jw_cleanup, w) != 0) {
        yajl_gen_free(w->g);
        return NULL;
    }
    yajl_gen_config(w->g, yajl_gen_validate_utf8, 1);
    return w;
}

void jw_free(jw *w)
{
    if (w && w->g) {
        yajl_gen_free(w->g);
        w->g = NULL;
    }
}

void jw_obj(jw *w) { yajl_gen_map_open(w->g); }
void jw_arr(jw *w) { yajl_gen_array_open(w->g); }
void jw_end_obj(jw *w) { yajl_gen_map_close(w->g); }
void jw_end_arr(jw *w) { yajl_gen_array_close(w->g); }
void jw_key(jw *w, const char *k) { yajl_gen_string(w->g, (const unsigned char *)k, strlen(k)); }
void jw_strn(jw *w, const char *s, size_t n) { yajl_gen_string(w->g, (const unsigned char *)s, n); }
void jw_str(jw *w, const char *s)
{
    if (s) jw_strn(w, s, strlen(s));
    else yajl_gen_null(w->g);
}
void jw_int(jw *w, long long v) { yajl_gen_integer(w->g, v); }
void jw_bool(jw *w, bool v) { yajl_gen_bool(w->g, v); }
void jw_null(jw *w) { yajl_gen_null(w->g); }
void jw_raw_number(jw *w, const char *num)
{
    if (num) yajl_gen_number(w->g, num, strlen(num));
    else yajl_gen_null(w->g);
}
void jw_kstr(jw *w, const char *k, const char *v)
{
    jw_key(w, k);
    jw_str(w, v);
}
void jw_kint(jw *w, const char *k, long long v)
{
    jw_key(w, k);
    jw_int(w, v);
}
void jw_kbool(jw *w, const char *k, bool v)
{
    jw_key(w, k);
    jw_bool(w, v);
}

const char *jw_finish(jw *w, size_t *len)
{
    const unsigned char *buf;
    size_t n;
    if (yajl_gen_get_buf(w->g, &buf, &n) != yajl_gen_status_ok) {
        *len = 0;
        return NULL;
    }
    char *out = arena_strndup(w->a, (const char *)buf, n);
    *len = out ? n : 0;
    yajl_gen_clear(w->g);
    return out;
}

void jw_verr(jw *w, const verr *e)
{
    jw_arr(w);
    for (const verr_item *it = e->head; it; it = it->next) {
        jw_obj(w);
        jw_kstr(w, "field", it->field);
        jw_kstr(w, "code", it->code);
        jw_kstr(w, "message", it->message);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}
