/* router.c - templates are split into segments once at startup; a request path
 * is split once and compared against each template (a few dozen: a linear scan
 * over pre-split segments beats anything cleverer at this size). */
#include "router.h"
#include "query.h"
#include <stdlib.h>
#include <string.h>

typedef struct seg {
    const char *text; /* literal, or parameter name */
    size_t len;
    int is_param;
} seg;

typedef struct compiled {
    const route *r;
    size_t nseg;
    seg segs[ROUTER_MAX_SEGMENTS];
} compiled;

struct router {
    compiled *items;
    size_t n;
};

static int compile(const route *r, compiled *c)
{
    c->r = r;
    c->nseg = 0;
    const char *p = r->tmpl;
    if (*p != '/') return -1;
    if (!strcmp(p, "/")) return 0;
    while (*p == '/') {
        p++;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (c->nseg >= ROUTER_MAX_SEGMENTS) return -1;
        seg *s = &c->segs[c->nseg++];
        if (len >= 2 && p[0] == '{' && p[len - 1] == '}') {
            s->text = p + 1;
            s->len = len - 2;
            s->is_param = 1;
        } else {
            s->text = p;
            s->len = len;
            s->is_param = 0;
        }
        p += len;
    }
    return 0;
}

router *router_new(const route *const *tables, const size_t *counts, size_t ntables)
{
    router *rt = calloc(1, sizeof *rt);
    if (!rt) return NULL;
    size_t total = 0;
    for (size_t t = 0; t < ntables; t++) total += counts[t];
    rt->items = calloc(total ? total : 1, sizeof *rt->items);
    if (!rt->items) {
        free(rt);
        return NULL;
    }
    for (size_t t = 0; t < ntables; t++)
        for (size_t i = 0; i < counts[t]; i++)
            if (compile(&tables[t][i], &rt->items[rt->n++]) != 0) {
                router_free(rt);
                return NULL;
            }
    return rt;
}

void router_free(router *rt)
{
    if (!rt) return;
    free(rt->items);
    free(rt);
}

size_t router_count(const router *rt) { return rt->n; }
const route *router_at(const router *rt, size_t i) { return rt->items[i].r; }

size_t router_index(const router *rt, const route *r)
{
    for (size_t i = 0; i < rt->n; i++)
        if (rt->items[i].r == r) return i;
    return rt->n;
}

typedef struct pathsegs {
    size_t n;
    const char *p[ROUTER_MAX_SEGMENTS];
    size_t len[ROUTER_MAX_SEGMENTS];
} pathsegs;

static int split_path(const char *path, pathsegs *ps)
{
    ps->n = 0;
    if (!path || *path != '/') return -1;
    if (!strcmp(path, "/")) return 0;
    const char *p = path;
    while (*p == '/') {
        p++;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (ps->n >= ROUTER_MAX_SEGMENTS) return -1;
        if (len == 0 && end) return -1; /* "//" */
        ps->p[ps->n] = p;
        ps->len[ps->n] = len;
        ps->n++;
        p += len;
    }
    /* a trailing slash leaves an empty last segment: "/v1/" keeps it so the
     * template "/v1/" can match, other templates never end in "/" */
    return 0;
}

static int segs_match(const compiled *c, const pathsegs *ps)
{
    if (c->nseg != ps->n) return 0;
    for (size_t i = 0; i < ps->n; i++) {
        const seg *s = &c->segs[i];
        if (s->is_param) {
            if (ps->len[i] == 0) return 0;
        } else if (s->len != ps->len[i] || memcmp(s->text, ps->p[i], s->len) != 0) {
            return 0;
        }
    }
    return 1;
}

static int method_is(const route *r, const char *method)
{
    if (!strcmp(r->method, method)) return 1;
    return !strcmp(method, "HEAD") && !strcmp(r->method, "GET");
}

route_result router_match(const router *rt, arena *a, const char *method, const char *path, const route **out,
                          route_params *params, const char **allow)
{
    pathsegs ps;
    params->n = 0;
    *out = NULL;
    if (allow) *allow = NULL;
    if (split_path(path, &ps) != 0) return ROUTE_NOT_FOUND;
    const compiled *hit = NULL;
    sbuf methods;
    int any = 0;
    for (size_t i = 0; i < rt->n; i++) {
        const compiled *c = &rt->items[i];
        if (!segs_match(c, &ps)) continue;
        if (method_is(c->r, method)) {
            hit = c;
            break;
        }
        if (!any) sbuf_init(&methods, a, 64);
        sbuf_addf(&methods, "%s%s", any ? ", " : "", c->r->method);
        any = 1;
    }
    if (!hit) {
        if (any && allow) *allow = sbuf_cstr(&methods);
        return any ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
    }
    for (size_t i = 0; i < hit->nseg; i++) {
        const seg *s = &hit->segs[i];
        if (!s->is_param || params->n >= ROUTER_MAX_PARAMS) continue;
        char *v = url_decode(a, ps.p[i], ps.len[i], 0);
        if (!v) return ROUTE_BAD_PATH;
        params->names[params->n] = arena_strndup(a, s->text, s->len);
        params->values[params->n] = v;
        params->n++;
    }
    *out = hit->r;
    return ROUTE_FOUND;
}

const char *route_param(const route_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->names[i], name)) return p->values[i];
    return NULL;
}

const char *pool_name(pool_kind p)
{
    static const char *const names[POOL_COUNT] = {"app", "public", "auth"};
    return (unsigned)p < POOL_COUNT ? names[p] : "app";
}

pool_kind route_pool(const route *r)
{
    if (r->flags & ROUTE_POOL_AUTH) return POOL_AUTH;
    if (r->flags & ROUTE_POOL_PUBLIC) return POOL_PUBLIC;
    return POOL_APP;
}

/* One map key per route (nginx looks HEAD up as GET). Literal templates are
 * exact keys (nginx tries them before any regex), so a literal
 * route is never captured by a parameterized one of another pool. */
static void map_entry(sbuf *b, const route *r)
{
    const char *method = r->method;
    const char *upstream = pool_name(route_pool(r));
    if (!strchr(r->tmpl, '{')) {
        sbuf_addf(b, "    \"%s %s\" serums_%s;\n", method, r->tmpl, upstream);
        return;
    }
    if (route_pool(r) == POOL_APP) return; /* the default */
    sbuf_addf(b, "    \"~^%s ", method);
    for (const char *p = r->tmpl; *p; p++) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            sbuf_adds(b, "[^/]+");
            p = close ? close : p + strlen(p) - 1;
        } else if (strchr(".+*?()[]^$|\\", *p)) {
            sbuf_addf(b, "\\%c", *p);
        } else {
            sbuf_add(b, p, 1);
        }
    }
    sbuf_addf(b, "$\" serums_%s;\n", upstream);
}

char *router_nginx_pool_map(const router *rt, arena *a)
{
    sbuf b;
    sbuf_init(&b, a, 4096);
    sbuf_adds(&b, "# Generated by `serumsd routes --nginx` from the route table: the worker pool\n"
                  "# (nginx upstream serums_<pool>) of every route; unlisted requests go to serums_app.\n"
                  "map \"$serums_route_method $uri\" $serums_pool {\n    default serums_app;\n");
    for (size_t i = 0; i < router_count(rt); i++) map_entry(&b, router_at(rt, i));
    sbuf_adds(&b, "}\n");
    return a->failed ? NULL : (char *)sbuf_cstr(&b);
}
