/* oferta.c - the offer file reader (see oferta.h): file checks, header
 * detection, row classification, cell normalization and catalog matching. */
#include "oferta.h"
#include "csv.h"
#include "texto.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum {
    OF_OFERTANTE,
    OF_PROFESION,
    OF_SEDE,
    OF_PLAZAS,
    OF_DIRESA,
    OF_INSTITUCION,
    OF_DEPARTAMENTO,
    OF_PROVINCIA,
    OF_DISTRITO,
    OF_GRADO,
    OF_RENIPRESS,
    OF_NOMBRE,
    OF_CATEGORIA,
    OF_PRESUPUESTO,
    OF_ZAF,
    OF_ZE,
    OF_NORTE,
    OF_ESTE,
    OF_DIRECCION,
    OF_CAUTIVA,
    OF_NCOLS
} oferta_col;

/* Header names by key (accents, case, spaces, line breaks and marks like (*) ignored). */
static const struct {
    oferta_col col;
    const char *clave;
    enum { EXACT, PREFIX, SUFFIX } how;
    const char *label; /* for "missing column" messages; NULL = optional */
} COLUMNAS[] = {
    {OF_OFERTANTE, "INSTITUCIONOFERTANTE", EXACT, NULL},
    {OF_PROFESION, "PROFESION", EXACT, "PROFESIÓN"},
    {OF_SEDE, "SEDE", PREFIX, NULL},
    {OF_PLAZAS, "PLAZAS", SUFFIX, "N° PLAZAS"},
    {OF_DIRESA, "DIRESA", PREFIX, "DIRESA/GERESA/DIRIS"},
    {OF_INSTITUCION, "INSTITUCION", EXACT, "INSTITUCIÓN"},
    {OF_DEPARTAMENTO, "DEPARTAMENTO", EXACT, "DEPARTAMENTO"},
    {OF_PROVINCIA, "PROVINCIA", EXACT, "PROVINCIA"},
    {OF_DISTRITO, "DISTRITO", EXACT, "DISTRITO"},
    {OF_GRADO, "GRADO", PREFIX, "GRADO DE DIFICULTAD"},
    {OF_RENIPRESS, "CODIGO", PREFIX, "CÓDIGO RENIPRESS"},
    {OF_RENIPRESS, "RENIPRESS", PREFIX, NULL},
    {OF_NOMBRE, "NOMBRE", PREFIX, "NOMBRE DE ESTABLECIMIENTO"},
    {OF_CATEGORIA, "CATEGORIA", EXACT, NULL},
    {OF_PRESUPUESTO, "PRESUPUESTO", EXACT, NULL},
    {OF_ZAF, "ZAF", EXACT, "ZAF"},
    {OF_ZE, "ZE", EXACT, "ZE"},
    {OF_NORTE, "NORTE", EXACT, NULL},
    {OF_NORTE, "LATITUD", EXACT, NULL},
    {OF_ESTE, "ESTE", EXACT, NULL},
    {OF_ESTE, "LONGITUD", EXACT, NULL},
    {OF_DIRECCION, "DIRECCION", EXACT, NULL},
    {OF_CAUTIVA, "CAUTIVA", EXACT, NULL}, /* no MINSA file has it yet: SI/NO, blank NO */
};
#define NCOLUMNAS (sizeof COLUMNAS / sizeof COLUMNAS[0])

/* More lines than any offer has (the national offer is ~20,000 rows); beyond
 * this a file is refused before it costs memory. */
#define OFERTA_MAX_REGISTROS 200000

/* Peru's extent, with a margin, for decoding coordinates. */
#define LAT_MIN (-18.6)
#define LAT_MAX 0.2
#define LON_MIN (-81.6)
#define LON_MAX (-68.4)

typedef struct records {
    csv_record *v;
    size_t n, cap;
} records;

/* Grows an arena array to hold one more element; NULL when out of memory. */
static void *grow(arena *a, void *arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return arr;
    size_t nc = *cap ? *cap * 2 : 64;
    void *p = arena_alloc(a, nc * sz);
    if (!p) return NULL;
    if (n) memcpy(p, arr, n * sz);
    *cap = nc;
    return p;
}

static int file_problem(oferta_resultado *out, oferta_problema problema, const char *detalle)
{
    out->problema = problema;
    out->detalle = detalle;
    return -1;
}

/* ---- cells ---- */

static const char *cell(const csv_record *rec, const int map[OF_NCOLS], oferta_col c)
{
    return map[c] >= 0 && (size_t)map[c] < rec->n ? rec->cells[map[c]] : NULL;
}

/* A value quoted in a message: collapsed, at most ~60 bytes. */
static const char *shown(arena *a, const char *s)
{
    char *c = texto_colapsa(a, s ? s : "");
    if (!c) return "";
    size_t n = strlen(c);
    if (n <= 60) return c;
    size_t cut = 60;
    while (cut > 0 && ((unsigned char)c[cut] & 0xC0) == 0x80) cut--;
    return arena_printf(a, "%.*s…", (int)cut, c);
}

static bool blank_n(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
    return true;
}

static bool blank(const char *s) { return !s || blank_n(s, strlen(s)); }

int oferta_cantidad(const char *s)
{
    if (!s) return -1;
    while (*s == ' ' || *s == '\t') s++;
    if (*s < '0' || *s > '9') return -1;
    long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (*s - '0');
        if (v > 9999) return -1;
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    return (*s || v < 1) ? -1 : (int)v;
}

bool oferta_renipress(const char *s, char out[9])
{
    if (!s) return false;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9') n++;
    const char *rest = s + n;
    while (*rest == ' ' || *rest == '\t' || *rest == '\n' || *rest == '\r') rest++;
    if (n < 1 || n > 8 || *rest) return false;
    memset(out, '0', 8 - n);
    memcpy(out + 8 - n, s, n);
    out[8] = '\0';
    return true;
}

/* Keys without an arena: short cells only (grade, SI/NO). */
static bool small_key(const char *s, char *k, size_t cap)
{
    arena a;
    arena_init(&a, 256);
    char *c = texto_clave(&a, s ? s : "");
    bool ok = c && strlen(c) < cap;
    if (ok) strcpy(k, c);
    arena_free(&a);
    return ok;
}

int oferta_grado(const char *s)
{
    char k[16];
    if (!small_key(s, k, sizeof k)) return -1;
    const char *d = !strncmp(k, "GD", 2) ? k + 2 : k;
    return (d[0] >= '1' && d[0] <= '5' && !d[1]) ? d[0] - '0' : -1;
}

int oferta_si_no(const char *s)
{
    char k[8];
    if (!small_key(s, k, sizeof k)) return -1;
    if (!strcmp(k, "SI") || !strcmp(k, "S")) return 1;
    if (!strcmp(k, "NO") || !strcmp(k, "N")) return 0;
    return -1;
}

bool oferta_coordenada(const char *s, double min, double max, bool has_ref, double ref, double *out)
{
    if (!s) return false;
    while (*s == ' ') s++;
    char buf[40];
    size_t n = strcspn(s, " \r\n");
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *comma = strchr(buf, ',');
    if (comma) *comma = '.';
    char *end;
    if (strchr(buf, '.')) {
        double v = strtod(buf, &end);
        if (*end || !isfinite(v) || v < min || v > max || v == 0) return false;
        *out = v;
        return true;
    }
    /* digits without their decimal point: try 1, 2 and 3 integer digits */
    const char *digits = buf[0] == '-' || buf[0] == '+' ? buf + 1 : buf;
    double sign = buf[0] == '-' ? -1 : 1;
    size_t nd = strlen(digits);
    if (nd < 2 || nd > 15 || strspn(digits, "0123456789") != nd || strspn(digits, "0") == nd) return false;
    bool found = false;
    double best = 0;
    for (size_t k = 1; k <= 3 && k < nd; k++) {
        double v = 0;
        for (size_t i = 0; i < nd; i++) v = v * 10 + (digits[i] - '0');
        v = sign * v / pow(10, (double)(nd - k));
        if (v < min || v > max) continue;
        if (found && !has_ref) return false; /* two readings, nothing to choose by */
        if (!found || fabs(v - ref) < fabs(best - ref)) best = v;
        found = true;
    }
    if (found) *out = best;
    return found;
}

/* ---- header and row kinds ---- */

static bool column_matches(const char *k, size_t i)
{
    const char *want = COLUMNAS[i].clave;
    size_t lk = strlen(k), lw = strlen(want);
    switch (COLUMNAS[i].how) {
    case EXACT: return !strcmp(k, want);
    case PREFIX: return !strncmp(k, want, lw);
    default: return lk >= lw && !strcmp(k + lk - lw, want);
    }
}

/* Fills map (column -> cell index) from a record; returns how many columns it names. */
static int header_map(arena *a, const csv_record *rec, int map[OF_NCOLS])
{
    for (int c = 0; c < OF_NCOLS; c++) map[c] = -1;
    int found = 0;
    for (size_t j = 0; j < rec->n; j++) {
        char *k = texto_clave(a, rec->cells[j]);
        if (!k || !*k) continue;
        for (size_t i = 0; i < NCOLUMNAS; i++) {
            if (!column_matches(k, i)) continue;
            if (map[COLUMNAS[i].col] < 0) {
                map[COLUMNAS[i].col] = (int)j;
                found++;
            }
            break;
        }
    }
    return found;
}

static bool looks_like_header(arena *a, const csv_record *rec)
{
    int map[OF_NCOLS];
    int found = header_map(a, rec, map);
    return found >= 5 && map[OF_PROFESION] >= 0 && map[OF_PLAZAS] >= 0;
}

/* "NOTA: ...", "* BONO ZAF ...", or a row with text in one cell only. */
static bool is_note(const csv_record *rec)
{
    size_t filled = 0, first = rec->n;
    for (size_t i = 0; i < rec->n; i++)
        if (!blank(rec->cells[i])) {
            filled++;
            if (first == rec->n) first = i;
        }
    if (filled == 0) return false;
    const char *t = rec->cells[first];
    while (*t == ' ' || *t == '\n' || *t == '"') t++;
    return filled == 1 || *t == '*' || !strncasecmp(t, "NOTA", 4);
}

static int read_records(arena *a, const char *buf, size_t len, char delim, size_t max, records *out,
                        const char **err, long *err_line)
{
    csv_reader r;
    csv_init(&r, buf, len, delim);
    memset(out, 0, sizeof *out);
    csv_record rec;
    int rc;
    while (out->n < max && (rc = csv_next(&r, a, &rec)) == 1) {
        if (out->n == OFERTA_MAX_REGISTROS) {
            *err = arena_printf(a, "El archivo tiene más de %d filas.", OFERTA_MAX_REGISTROS);
            *err_line = rec.line;
            return -1;
        }
        out->v = grow(a, out->v, out->n, &out->cap, sizeof *out->v);
        if (!out->v) {
            *err = "Sin memoria.";
            *err_line = rec.line;
            return -1;
        }
        out->v[out->n++] = rec;
    }
    if (out->n < max && rc < 0) {
        *err = r.error;
        *err_line = r.error_line;
        return -1;
    }
    return 0;
}

static long find_header(arena *a, const records *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        if (csv_record_blank(&rs->v[i])) continue;
        if (looks_like_header(a, &rs->v[i])) return (long)i;
        if (!is_note(&rs->v[i])) return -1; /* data before any header */
    }
    return -1;
}

/* When ';' finds no header: would another delimiter? */
static char other_delimiter(arena *a, const char *buf, size_t len)
{
    static const char others[] = ",\t|";
    for (size_t i = 0; i < sizeof others - 1; i++) {
        records rs;
        const char *err;
        long line;
        if (read_records(a, buf, len, others[i], 50, &rs, &err, &line) == 0 && find_header(a, &rs) >= 0)
            return others[i];
    }
    return '\0';
}

static const char *delimiter_name(char d)
{
    return d == ',' ? "coma (,)" : d == '\t' ? "tabulador" : d == '|' ? "barra vertical (|)" : "otro";
}

/* ---- rows ---- */

typedef struct row_ctx {
    arena *a;
    const oferta_catalogos *cat;
    const texto_vocab *archivo, *referencia;
    texto_vocab *profesiones, *diresas, *instituciones; /* key -> oferta_ref */
    texto_vocab *lugares;                               /* place texts -> ubigeo_resultado (memo) */
    const int *map;
    size_t ncols;
    oferta_resultado *out;
    sbuf why; /* reasons of the current row */
} row_ctx;

/* Appends to the row's reasons: what, then the cell quoted (collapsed, cut
 * at ~60 bytes) when value is not NULL, then how to fix it. */
static void reason(row_ctx *x, const char *what, const char *value, const char *fix)
{
    sbuf *b = &x->why;
    if (b->len) sbuf_adds(b, "; ");
    sbuf_adds(b, what);
    if (value) {
        sbuf_adds(b, ": '");
        size_t start = b->len;
        bool gap = false;
        for (const char *p = value; *p; p++) {
            bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
            if (space) {
                gap = b->len > start;
                continue;
            }
            if (b->len - start >= 60 && ((unsigned char)*p & 0xC0) != 0x80) {
                sbuf_adds(b, "…");
                break;
            }
            if (gap) sbuf_add(b, " ", 1);
            gap = false;
            sbuf_add(b, p, 1);
        }
        sbuf_adds(b, "'");
    }
    if (fix) sbuf_addf(b, " (%s)", fix);
}

static int add_nota(arena *a, oferta_nota **arr, size_t *n, size_t *cap, long linea, const char *motivo)
{
    oferta_nota *g = grow(a, *arr, *n, cap, sizeof **arr);
    if (!g || !motivo) return -1;
    *arr = g;
    g[*n].linea = linea;
    g[*n].motivo = motivo;
    (*n)++;
    return 0;
}

static void warn(row_ctx *x, long linea, const char *motivo)
{
    add_nota(x->a, &x->out->advertencias, &x->out->nadvertencias, &x->out->capadvertencias, linea, motivo);
}

static const char *joined(row_ctx *x, const csv_record *rec, oferta_col c)
{
    const char *v = cell(rec, x->map, c);
    if (!v) return NULL;
    char *j = texto_une_lineas(x->a, v, x->archivo, x->referencia);
    return j && *j ? j : NULL;
}

/* The ubigeo of three names, computed once per distinct triple. */
static ubigeo_resultado place(row_ctx *x, const char *dep, const char *prov, const char *dist)
{
    const char *key = arena_printf(x->a, "%s\x1f%s\x1f%s", dep ? dep : "", prov ? prov : "",
                                   dist ? dist : "");
    ubigeo_resultado *memo = texto_vocab_valor(x->lugares, key);
    if (memo) return *memo;
    ubigeo_resultado u;
    ubigeo_ubica(x->cat->ubigeo, x->a, dep, prov, dist, &u);
    memo = arena_alloc(x->a, sizeof *memo);
    if (memo) {
        *memo = u;
        texto_vocab_pon(x->lugares, key, memo);
    }
    return u;
}

/* The ubigeo of the row, with a warning for what was guessed or not found. */
static void locate(row_ctx *x, const csv_record *rec, oferta_fila *f)
{
    f->departamento_texto = joined(x, rec, OF_DEPARTAMENTO);
    f->provincia_texto = joined(x, rec, OF_PROVINCIA);
    f->distrito_texto = joined(x, rec, OF_DISTRITO);
    ubigeo_resultado u = place(x, f->departamento_texto, f->provincia_texto, f->distrito_texto);
    const char *texts[4] = {NULL, f->departamento_texto, f->provincia_texto, f->distrito_texto};
    for (int lvl = 1; lvl <= 3; lvl++) {
        const ubigeo_lugar *l = u.lugar[lvl];
        const char *what = ubigeo_nivel_nombre((ubigeo_nivel)lvl);
        if (l && u.calidad[lvl] == UBIGEO_APROXIMADO)
            warn(x, rec->line,
                 arena_printf(x->a, "%s '%s' interpretado como %s (%s).", what, shown(x->a, texts[lvl]),
                              l->nombre, l->codigo));
        if (!l) {
            if (lvl == 1 || u.lugar[lvl - 1])
                warn(x, rec->line,
                     arena_printf(x->a,
                                  "%s '%s' no encontrado en el ubigeo INEI; la plaza se importa sin %s.",
                                  what, shown(x->a, texts[lvl]), what));
            break;
        }
    }
    f->departamento = u.lugar[1] ? u.lugar[1]->codigo : NULL;
    f->provincia = u.lugar[2] ? u.lugar[2]->codigo : NULL;
    f->distrito = u.lugar[3] ? u.lugar[3]->codigo : NULL;
    if (x->map[OF_NORTE] >= 0 && x->map[OF_ESTE] >= 0) {
        const ubigeo_lugar *d = u.lugar[3];
        bool ref = d && d->tiene_coord;
        f->tiene_coord = oferta_coordenada(cell(rec, x->map, OF_NORTE), LAT_MIN, LAT_MAX, ref,
                                           ref ? d->lat : 0, &f->latitud) &&
                         oferta_coordenada(cell(rec, x->map, OF_ESTE), LON_MIN, LON_MAX, ref,
                                           ref ? d->lon : 0, &f->longitud);
    }
}

/* A map from every key a catalog entry answers to (codigo, nombre, nombre_oferta). */
static texto_vocab *ref_map(arena *a, const oferta_ref *refs, size_t n)
{
    texto_vocab *m = texto_vocab_new(a, n * 3 + 1);
    for (size_t i = n; m && i-- > 0;) { /* backwards: the first entry wins a shared key */
        const char *names[] = {refs[i].codigo, refs[i].nombre, refs[i].nombre_oferta};
        for (size_t j = 0; j < 3; j++)
            if (names[j]) texto_vocab_pon(m, texto_clave(a, names[j]), (void *)&refs[i]);
    }
    return m;
}

static const oferta_ref *ref_of(row_ctx *x, texto_vocab *map, const char *texto)
{
    return texto ? texto_vocab_valor(map, texto_clave(x->a, texto)) : NULL;
}

static const char *catalog_code(row_ctx *x, const csv_record *rec, oferta_col c, texto_vocab *map,
                                const char *label_falta, const char *label_desconocida)
{
    const char *v = cell(rec, x->map, c);
    const oferta_ref *hit = ref_of(x, map, v);
    if (!hit && blank(v)) reason(x, label_falta, NULL, NULL);
    else if (!hit) reason(x, label_desconocida, v, NULL);
    return hit ? hit->codigo : NULL;
}

/* The offering institution of the 2026 layout, by its catalog name when it has one. */
static const char *ofertante(row_ctx *x, const csv_record *rec)
{
    const char *v = cell(rec, x->map, OF_OFERTANTE);
    if (!v || blank(v)) return NULL;
    const oferta_ref *hit = ref_of(x, x->diresas, v);
    if (!hit) hit = ref_of(x, x->instituciones, v);
    return hit ? hit->nombre_oferta : joined(x, rec, OF_OFERTANTE);
}

static bool extra_cells_blank(const csv_record *rec, size_t from)
{
    for (size_t i = from; i < rec->n; i++)
        if (!blank(rec->cells[i])) return false;
    return true;
}

static void read_row(row_ctx *x, const csv_record *rec)
{
    oferta_resultado *out = x->out;
    out->filas_leidas++;
    x->why.len = 0;
    if (rec->n < x->ncols || !extra_cells_blank(rec, x->ncols)) {
        add_nota(x->a, &out->rechazadas, &out->nrechazadas, &out->caprechazadas, rec->line,
                 arena_printf(x->a, "la fila tiene %zu columnas; la cabecera tiene %zu", rec->n, x->ncols));
        return;
    }
    oferta_fila f;
    memset(&f, 0, sizeof f);
    f.linea = rec->line;
    f.profesion = catalog_code(x, rec, OF_PROFESION, x->profesiones, "falta la profesión",
                               "profesión desconocida");
    const char *n = cell(rec, x->map, OF_PLAZAS);
    f.cantidad = oferta_cantidad(n);
    if (f.cantidad < 0)
        reason(x, blank(n) ? "falta N° de plazas" : "N° de plazas inválido", blank(n) ? NULL : n, NULL);
    f.diresa = catalog_code(x, rec, OF_DIRESA, x->diresas, "falta la DIRESA", "DIRESA desconocida");
    f.institucion = catalog_code(x, rec, OF_INSTITUCION, x->instituciones, "falta la institución",
                                 "institución desconocida");
    const char *code = cell(rec, x->map, OF_RENIPRESS);
    if (!oferta_renipress(code, f.renipress))
        reason(x, "código RENIPRESS inválido", code ? code : "", "se esperan hasta 8 dígitos");
    const char *gd = cell(rec, x->map, OF_GRADO);
    f.grado = oferta_grado(gd);
    if (f.grado < 0) reason(x, "grado de dificultad inválido", gd ? gd : "", "se espera GD-1 a GD-5");
    const char *zaf = cell(rec, x->map, OF_ZAF), *ze = cell(rec, x->map, OF_ZE);
    int zv = oferta_si_no(zaf), ev = oferta_si_no(ze);
    if (zv < 0) reason(x, "ZAF inválido", zaf ? zaf : "", "se espera SI o NO");
    if (ev < 0) reason(x, "ZE inválido", ze ? ze : "", "se espera SI o NO");
    f.zaf = zv == 1;
    f.ze = ev == 1;
    const char *cau = cell(rec, x->map, OF_CAUTIVA);
    int cv = blank(cau) ? 0 : oferta_si_no(cau);
    if (cv < 0) reason(x, "CAUTIVA inválido", cau, "se espera SI o NO");
    f.cautiva = cv == 1;
    f.establecimiento = joined(x, rec, OF_NOMBRE);
    if (!f.establecimiento) reason(x, "falta el nombre del establecimiento", NULL, NULL);
    if (x->why.len) {
        add_nota(x->a, &out->rechazadas, &out->nrechazadas, &out->caprechazadas, rec->line,
                 arena_strdup(x->a, sbuf_cstr(&x->why)));
        return;
    }
    f.ofertante = ofertante(x, rec);
    f.sede = joined(x, rec, OF_SEDE);
    const char *cat = joined(x, rec, OF_CATEGORIA);
    f.categoria = cat && strcmp(cat, "0") != 0 ? cat : NULL;
    f.presupuesto = joined(x, rec, OF_PRESUPUESTO);
    const char *dir = cell(rec, x->map, OF_DIRECCION);
    f.direccion = dir && !blank(dir) ? texto_colapsa(x->a, dir) : NULL;
    locate(x, rec, &f);
    oferta_fila *g = grow(x->a, out->filas, out->nfilas, &out->capfilas, sizeof *g);
    if (!g) return;
    out->filas = g;
    g[out->nfilas++] = f;
    out->plazas += f.cantidad;
}

/* The words of the catalogs: real words, whatever line breaks do to the file. */
static texto_vocab *catalog_words(arena *a, const oferta_catalogos *cat)
{
    texto_vocab *v = texto_vocab_new(a, 4096);
    if (!v) return NULL;
    const ubigeo_catalogo *u = cat->ubigeo;
    for (size_t i = 0; u && i < u->n; i++) texto_vocab_add_palabras(v, a, u->lugares[i].nombre, false);
    const oferta_ref *lists[] = {cat->profesiones, cat->diresas, cat->instituciones};
    size_t counts[] = {cat->nprofesiones, cat->ndiresas, cat->ninstituciones};
    for (size_t l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++)
            texto_vocab_add_palabras(v, a, lists[l][i].nombre_oferta, false);
    return v;
}

/* Every word the file spells with no line break next to it. */
static texto_vocab *file_words(arena *a, const records *rs, size_t from)
{
    texto_vocab *v = texto_vocab_new(a, 16384);
    for (size_t i = from; v && i < rs->n; i++)
        for (size_t j = 0; j < rs->v[i].n; j++) texto_vocab_add_palabras(v, a, rs->v[i].cells[j], true);
    return v;
}

static const char *missing_columns(arena *a, const int map[OF_NCOLS])
{
    sbuf b;
    sbuf_init(&b, a, 128);
    for (size_t i = 0; i < NCOLUMNAS; i++) {
        if (!COLUMNAS[i].label || map[COLUMNAS[i].col] >= 0) continue;
        sbuf_addf(&b, "%s%s", b.len ? ", " : "", COLUMNAS[i].label);
    }
    return b.len ? arena_strdup(a, sbuf_cstr(&b)) : NULL;
}

int oferta_lee(arena *a, const char *buf, size_t len, const oferta_catalogos *cat, oferta_resultado *out)
{
    memset(out, 0, sizeof *out);
    size_t start = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    if (blank_n(buf + start, len - start))
        return file_problem(out, OFERTA_ARCHIVO_VACIO, "El archivo está vacío.");
    if (texto_es_binario(buf, len))
        return file_problem(
            out, OFERTA_NO_ES_CSV,
            "El archivo no es texto CSV (contiene bytes binarios); exporte la oferta como CSV UTF-8 separado por punto y coma.");
    if (!texto_utf8_valido(buf, len)) {
        buf = texto_cp1252_a_utf8(a, buf, len, &len); /* Excel's Windows-1252 */
        if (!buf) return file_problem(out, OFERTA_SIN_MEMORIA, "Sin memoria.");
    }
    records rs;
    const char *err;
    long err_line;
    if (read_records(a, buf, len, ';', (size_t)-1, &rs, &err, &err_line) != 0)
        return file_problem(out, OFERTA_CSV_MALFORMADO, arena_printf(a, "Línea %ld: %s", err_line, err));
    long h = find_header(a, &rs);
    if (h < 0) {
        char d = other_delimiter(a, buf, len);
        if (d)
            return file_problem(
                out, OFERTA_DELIMITADOR_INVALIDO,
                arena_printf(
                    a, "El archivo usa %s como separador; la oferta se carga separada por punto y coma (;).",
                    delimiter_name(d)));
        return file_problem(
            out, OFERTA_SIN_CABECERA,
            "No se encontró la cabecera de la oferta (PROFESIÓN; ...; N° PLAZAS; ...) antes de la primera fila de datos.");
    }
    int map[OF_NCOLS];
    header_map(a, &rs.v[h], map);
    const char *missing = missing_columns(a, map);
    if (missing)
        return file_problem(
            out, OFERTA_COLUMNAS_FALTANTES,
            arena_printf(a, "Faltan columnas en la cabecera (línea %ld): %s.", rs.v[h].line, missing));
    out->columnas = (int)rs.v[h].n;
    row_ctx x = {.a = a, .cat = cat, .map = map, .ncols = rs.v[h].n, .out = out};
    sbuf_init(&x.why, a, 512);
    x.archivo = file_words(a, &rs, (size_t)h + 1);
    x.referencia = catalog_words(a, cat);
    x.profesiones = ref_map(a, cat->profesiones, cat->nprofesiones);
    x.diresas = ref_map(a, cat->diresas, cat->ndiresas);
    x.instituciones = ref_map(a, cat->instituciones, cat->ninstituciones);
    x.lugares = texto_vocab_new(a, 4096);
    if (!x.archivo || !x.referencia || !x.profesiones || !x.diresas || !x.instituciones || !x.lugares)
        return file_problem(out, OFERTA_SIN_MEMORIA, "Sin memoria para leer el archivo.");
    for (size_t i = (size_t)h + 1; i < rs.n; i++) {
        const csv_record *rec = &rs.v[i];
        if (csv_record_blank(rec) || is_note(rec)) continue;
        const char *prof = cell(rec, map, OF_PROFESION);
        char *pk = texto_clave(a, prof ? prof : "");
        if (pk && !strcmp(pk, "PROFESION")) continue; /* the header again, on a new page */
        read_row(&x, rec);
    }
    if (a->failed) return file_problem(out, OFERTA_SIN_MEMORIA, "Sin memoria para leer el archivo.");
    if (out->filas_leidas == 0)
        return file_problem(out, OFERTA_SIN_FILAS, "El archivo tiene cabecera pero ninguna fila de plazas.");
    return 0;
}
