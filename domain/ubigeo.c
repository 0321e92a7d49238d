/* ubigeo.c - place-name matching against the INEI catalog (see ubigeo.h).
 * The catalog is sorted by (nivel, padre) so the children of a place are a
 * contiguous range found by binary search. */
#include "ubigeo.h"
#include "texto.h"
#include <stdlib.h>
#include <string.h>

/* Abbreviations the offer files use inside place names. */
static const char *const ABREVIATURAS[][2] = {
    {"FCO", "FRANCISCO"}, {"STA", "SANTA"},    {"STO", "SANTO"},       {"GRAL", "GENERAL"},
    {"MCAL", "MARISCAL"}, {"CNEL", "CORONEL"}, {"PDTE", "PRESIDENTE"}, {"PTO", "PUERTO"},
};

/* Key of a place name: words folded, abbreviations expanded, glued together. */
static char *lugar_clave(arena *a, const char *nombre)
{
    char *words = texto_clave_palabras(a, nombre);
    if (!words) return NULL;
    sbuf b;
    sbuf_init(&b, a, strlen(words) + 16);
    char *save = NULL;
    for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        const char *out = w;
        for (size_t i = 0; i < sizeof ABREVIATURAS / sizeof ABREVIATURAS[0]; i++)
            if (!strcmp(w, ABREVIATURAS[i][0])) out = ABREVIATURAS[i][1];
        sbuf_adds(&b, out);
    }
    return arena_strdup(a, sbuf_cstr(&b));
}

const char *ubigeo_nivel_nombre(ubigeo_nivel n)
{
    switch (n) {
    case UBIGEO_DEPARTAMENTO: return "departamento";
    case UBIGEO_PROVINCIA: return "provincia";
    default: return "distrito";
    }
}

static int cmp_lugar(const void *x, const void *y)
{
    const ubigeo_lugar *a = x, *b = y;
    if (a->nivel != b->nivel) return (int)a->nivel - (int)b->nivel;
    int c = strcmp(a->padre, b->padre);
    return c ? c : strcmp(a->codigo, b->codigo);
}

int ubigeo_catalogo_listo(ubigeo_catalogo *c, arena *a)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!c->lugares[i].padre) c->lugares[i].padre = "";
        c->lugares[i].clave = lugar_clave(a, c->lugares[i].nombre);
        if (!c->lugares[i].clave) return -1;
    }
    for (size_t i = 0; i < c->nalias; i++) {
        if (!c->alias[i].padre) c->alias[i].padre = "";
        c->alias[i].clave = lugar_clave(a, c->alias[i].nombre);
        if (!c->alias[i].clave) return -1;
    }
    if (c->n) qsort(c->lugares, c->n, sizeof *c->lugares, cmp_lugar);
    return 0;
}

/* The children of padre at nivel: [*first, *first + count). */
static size_t children(const ubigeo_catalogo *c, ubigeo_nivel nivel, const char *padre, size_t *first)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ubigeo_lugar *m = &c->lugares[mid];
        int cmp = m->nivel != nivel ? (int)m->nivel - (int)nivel : strcmp(m->padre, padre);
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < c->n && c->lugares[end].nivel == nivel && !strcmp(c->lugares[end].padre, padre)) end++;
    *first = lo;
    return end - lo;
}

static const ubigeo_lugar *by_code(const ubigeo_catalogo *c, ubigeo_nivel nivel, const char *padre,
                                   const char *codigo)
{
    size_t first, n = children(c, nivel, padre, &first);
    for (size_t i = first; i < first + n; i++)
        if (!strcmp(c->lugares[i].codigo, codigo)) return &c->lugares[i];
    return NULL;
}

static const ubigeo_lugar *exact(const ubigeo_catalogo *c, size_t first, size_t n, const char *k)
{
    for (size_t i = first; i < first + n; i++)
        if (!strcmp(c->lugares[i].clave, k)) return &c->lugares[i];
    return NULL;
}

static bool starts_with(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }
static bool ends_with(const char *s, const char *p)
{
    size_t ls = strlen(s), lp = strlen(p);
    return lp <= ls && !strcmp(s + ls - lp, p);
}

/* A name cut short ("SANTA CRUZ DE TOLED"), or a catalog name followed by extra words ("PAMPAS GRANDE"). */
static const ubigeo_lugar *truncated(const ubigeo_catalogo *c, size_t first, size_t n, const char *k)
{
    const ubigeo_lugar *hit = NULL;
    size_t lk = strlen(k);
    for (size_t i = first; i < first + n; i++) {
        const char *ck = c->lugares[i].clave;
        bool match = (lk >= 5 && (starts_with(ck, k) || ends_with(ck, k))) ||
                     (strlen(ck) >= 5 && starts_with(k, ck));
        if (!match) continue;
        if (hit) return NULL; /* ambiguous */
        hit = &c->lugares[i];
    }
    return hit;
}

static const ubigeo_lugar *misspelled(const ubigeo_catalogo *c, size_t first, size_t n, const char *k)
{
    size_t lk = strlen(k);
    int max = lk >= 6 ? 2 : lk >= 4 ? 1 : 0;
    if (!max) return NULL;
    const ubigeo_lugar *hit = NULL;
    int best = max + 1;
    bool tie = false;
    for (size_t i = first; i < first + n; i++) {
        int d = texto_distancia(k, c->lugares[i].clave, max);
        if (d < best) {
            best = d;
            hit = &c->lugares[i];
            tie = false;
        } else if (d == best && d <= max) tie = true;
    }
    return (best <= max && !tie) ? hit : NULL;
}

/* "LURIGANCHO (CHOSICA)": the text outside the parentheses, then inside. */
static const ubigeo_lugar *parenthesized(const ubigeo_catalogo *c, arena *a, size_t first, size_t n,
                                         const char *nombre)
{
    const char *open = strchr(nombre, '('), *close = open ? strchr(open, ')') : NULL;
    if (!open || !close) return NULL;
    char *outside = arena_printf(a, "%.*s%s", (int)(open - nombre), nombre, close + 1);
    char *inside = arena_strndup(a, open + 1, (size_t)(close - open - 1));
    char *ko = outside ? lugar_clave(a, outside) : NULL, *ki = inside ? lugar_clave(a, inside) : NULL;
    const ubigeo_lugar *hit = ko && *ko ? exact(c, first, n, ko) : NULL;
    if (!hit && ki && *ki) hit = exact(c, first, n, ki);
    return hit;
}

const ubigeo_lugar *ubigeo_busca(const ubigeo_catalogo *c, arena *a, ubigeo_nivel nivel, const char *padre,
                                 const char *nombre, ubigeo_calidad *calidad)
{
    *calidad = UBIGEO_NO_ENCONTRADO;
    char *k = nombre ? lugar_clave(a, nombre) : NULL;
    if (!k || !*k) return NULL;
    size_t first, n = children(c, nivel, padre, &first);
    const ubigeo_lugar *hit = exact(c, first, n, k);
    for (size_t i = 0; !hit && i < c->nalias; i++) {
        const ubigeo_alias *al = &c->alias[i];
        if (al->nivel == nivel && !strcmp(al->padre, padre) && !strcmp(al->clave, k))
            hit = by_code(c, nivel, padre, al->codigo);
    }
    if (hit) {
        *calidad = UBIGEO_EXACTO;
        return hit;
    }
    hit = parenthesized(c, a, first, n, nombre);
    if (!hit) hit = truncated(c, first, n, k);
    if (!hit) hit = misspelled(c, first, n, k);
    if (hit) *calidad = UBIGEO_APROXIMADO;
    return hit;
}

/* A distrito named exactly so in exactly one provincia of the departamento. */
static const ubigeo_lugar *district_in_department(const ubigeo_catalogo *c, arena *a, const ubigeo_lugar *dep,
                                                  const char *dist)
{
    char *k = lugar_clave(a, dist);
    if (!k || !*k) return NULL;
    size_t pfirst, pn = children(c, UBIGEO_PROVINCIA, dep->codigo, &pfirst);
    const ubigeo_lugar *hit = NULL;
    for (size_t i = pfirst; i < pfirst + pn; i++) {
        size_t dfirst, dn = children(c, UBIGEO_DISTRITO, c->lugares[i].codigo, &dfirst);
        const ubigeo_lugar *d = exact(c, dfirst, dn, k);
        if (d && hit) return NULL;
        if (d) hit = d;
    }
    return hit;
}

void ubigeo_ubica(const ubigeo_catalogo *c, arena *a, const char *dep, const char *prov, const char *dist,
                  ubigeo_resultado *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 4; i++) out->calidad[i] = UBIGEO_NO_ENCONTRADO;
    const ubigeo_lugar *d = ubigeo_busca(c, a, UBIGEO_DEPARTAMENTO, "", dep, &out->calidad[1]);
    out->lugar[1] = d;
    if (!d) return;
    const ubigeo_lugar *p = ubigeo_busca(c, a, UBIGEO_PROVINCIA, d->codigo, prov, &out->calidad[2]);
    if (!p && dist) {
        const ubigeo_lugar *x = district_in_department(c, a, d, dist);
        if (x) {
            p = by_code(c, UBIGEO_PROVINCIA, d->codigo, x->padre);
            out->calidad[2] = UBIGEO_APROXIMADO;
        }
    }
    out->lugar[2] = p;
    if (!p) return;
    out->lugar[3] = ubigeo_busca(c, a, UBIGEO_DISTRITO, p->codigo, dist, &out->calidad[3]);
}
