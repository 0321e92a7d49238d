/* pdf_check.c - the structural PDF check (see pdf_check.h). Every read is
 * bounds-checked against the buffer; numbers have a digit limit; loops are
 * bounded by the input length. Real-world files with a classic xref table,
 * an xref stream (PDF 1.5+) or incremental updates pass; text files, images,
 * truncated or renamed files do not. */
#include "pdf_check.h"
#include <stdbool.h>
#include <string.h>

#define TAIL_WINDOW 1024      /* %%EOF and startxref live at the end */
#define OBJ_DICT_WINDOW 65536 /* how far to look for a dictionary's keys */

typedef struct cur {
    const unsigned char *b;
    size_t n, i;
} cur;

static bool is_ws(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}
static bool is_delim(unsigned char c) { return strchr("()<>[]{}/%", c) != NULL && c != 0; }
static bool at_boundary(const cur *c) { return c->i >= c->n || is_ws(c->b[c->i]) || is_delim(c->b[c->i]); }

static void skip_ws(cur *c)
{
    while (c->i < c->n && is_ws(c->b[c->i])) c->i++;
}

/* Whitespace and % comments (allowed between tokens outside xref tables). */
static void skip_ws_comments(cur *c)
{
    for (;;) {
        skip_ws(c);
        if (c->i >= c->n || c->b[c->i] != '%') return;
        while (c->i < c->n && c->b[c->i] != '\n' && c->b[c->i] != '\r') c->i++;
    }
}

static bool keyword(cur *c, const char *kw)
{
    size_t k = strlen(kw);
    if (c->n - c->i < k || memcmp(c->b + c->i, kw, k) != 0) return false;
    cur after = {c->b, c->n, c->i + k};
    if (!at_boundary(&after)) return false;
    c->i += k;
    return true;
}

static bool read_uint(cur *c, int maxdigits, unsigned long long *out)
{
    int d = 0;
    unsigned long long v = 0;
    while (c->i < c->n && c->b[c->i] >= '0' && c->b[c->i] <= '9') {
        if (++d > maxdigits) return false;
        v = v * 10 + (unsigned long long)(c->b[c->i++] - '0');
    }
    *out = v;
    return d > 0;
}

/* Last occurrence of needle in [from, to). */
static bool find_last(const unsigned char *b, size_t from, size_t to, const char *needle, size_t *at)
{
    size_t k = strlen(needle);
    if (to < from || to - from < k) return false;
    for (size_t i = to - k + 1; i-- > from;)
        if (!memcmp(b + i, needle, k)) {
            *at = i;
            return true;
        }
    return false;
}

/* "N G R" at the cursor. */
static bool read_ref(cur *c, unsigned long long *num, unsigned long long *gen)
{
    skip_ws(c);
    if (!read_uint(c, 7, num)) return false;
    skip_ws(c);
    if (!read_uint(c, 5, gen)) return false;
    skip_ws(c);
    return keyword(c, "R") && *gen <= 65535;
}

/* Finds /Key (a whole name) in [from, to) and leaves a cursor after it. */
static bool find_key(const cur *c, size_t from, size_t to, const char *key, cur *out)
{
    size_t k = strlen(key);
    if (to > c->n) to = c->n;
    for (size_t i = from; i + k <= to; i++) {
        if (memcmp(c->b + i, key, k) != 0) continue;
        cur after = {c->b, c->n, i + k};
        if (!at_boundary(&after)) continue;
        *out = after;
        return true;
    }
    return false;
}

/* One xref table entry: 10-digit offset, 5-digit generation, n|f. */
static bool xref_entry(cur *c, unsigned long long *off, unsigned long long *gen, unsigned char *type)
{
    skip_ws(c);
    if (!read_uint(c, 10, off)) return false;
    skip_ws(c);
    if (!read_uint(c, 5, gen)) return false;
    skip_ws(c);
    if (c->i >= c->n || (c->b[c->i] != 'n' && c->b[c->i] != 'f')) return false;
    *type = c->b[c->i++];
    return at_boundary(c);
}

/* Parses a classic xref table from just after "xref" up to "trailer".
 * Leaves the cursor after "trailer"; if want >= 0 and the table has an
 * in-use entry for it, *want_off gets its offset. */
static bool xref_table(cur *c, long long want, unsigned long long *want_off, bool *found)
{
    *found = false;
    for (;;) {
        skip_ws(c);
        if (keyword(c, "trailer")) return true;
        unsigned long long start, count;
        if (!read_uint(c, 10, &start)) return false;
        skip_ws(c);
        if (!read_uint(c, 10, &count)) return false;
        if (count > (c->n - c->i) / 18) return false; /* cannot fit: refuse early */
        for (unsigned long long k = 0; k < count; k++) {
            unsigned long long off, gen;
            unsigned char type;
            if (!xref_entry(c, &off, &gen, &type)) return false;
            if (want >= 0 && start + k == (unsigned long long)want && type == 'n') {
                *want_off = off;
                *found = true;
            }
        }
    }
}

/* "N G obj" at the cursor (after whitespace). */
static bool object_header(cur *c, unsigned long long num, unsigned long long gen)
{
    unsigned long long n2, g2;
    skip_ws(c);
    if (!read_uint(c, 7, &n2)) return false;
    skip_ws(c);
    if (!read_uint(c, 5, &g2)) return false;
    skip_ws(c);
    return keyword(c, "obj") && n2 == num && g2 == gen;
}

/* The catalog's dictionary begins right after its header and names /Pages
 * before the object ends. */
static bool catalog_at(cur c)
{
    skip_ws_comments(&c);
    if (c.n - c.i < 2 || memcmp(c.b + c.i, "<<", 2) != 0) return false;
    size_t end = c.i + OBJ_DICT_WINDOW < c.n ? c.i + OBJ_DICT_WINDOW : c.n;
    for (size_t i = c.i; i + 6 <= end; i++)
        if (!memcmp(c.b + i, "endobj", 6)) {
            end = i;
            break;
        }
    cur key;
    return find_key(&c, c.i, end, "/Pages", &key);
}

/* Repair-style search for "N G obj" anywhere, as readers do when an
 * incremental update's table does not list the catalog. */
static bool find_object(const cur *c, unsigned long long num, unsigned long long gen, cur *out)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->b[i] < '0' || c->b[i] > '9' || (i > 0 && c->b[i - 1] >= '0' && c->b[i - 1] <= '9')) continue;
        cur t = {c->b, c->n, i};
        if (object_header(&t, num, gen)) {
            *out = t;
            return true;
        }
    }
    return false;
}

/* The catalog through the table's offset, else by searching for it. */
static pdf_resultado root_catalog(const cur *c, bool have_off, unsigned long long off, unsigned long long num,
                                  unsigned long long gen)
{
    if (have_off && off < c->n) {
        cur o = {c->b, c->n, (size_t)off};
        if (object_header(&o, num, gen)) return catalog_at(o) ? PDF_OK : PDF_SIN_CATALOGO;
    }
    cur o;
    if (find_object(c, num, gen, &o)) return catalog_at(o) ? PDF_OK : PDF_SIN_CATALOGO;
    return PDF_SIN_CATALOGO;
}

/* Cross-reference stream (PDF 1.5+): "N G obj << /Type /XRef ... /Root ..
 * >> stream". Its entries are compressed, so the catalog (often inside an
 * object stream) is only checked when it is a plain object. */
static pdf_resultado xref_stream(const cur *c, cur at)
{
    unsigned long long num, gen;
    skip_ws(&at);
    if (!read_uint(&at, 7, &num)) return PDF_XREF_INVALIDA;
    skip_ws(&at);
    if (!read_uint(&at, 5, &gen)) return PDF_XREF_INVALIDA;
    skip_ws(&at);
    if (!keyword(&at, "obj")) return PDF_XREF_INVALIDA;
    size_t dict = at.i, to = dict + OBJ_DICT_WINDOW < c->n ? dict + OBJ_DICT_WINDOW : c->n, stream = 0;
    for (size_t i = dict; i + 6 <= to && !stream; i++)
        if (!memcmp(c->b + i, "stream", 6)) stream = i;
    if (!stream) return PDF_XREF_INVALIDA;
    cur k;
    if (!find_key(c, dict, stream, "/XRef", &k) || !find_key(c, dict, stream, "/W", &k))
        return PDF_XREF_INVALIDA;
    size_t endstream;
    if (!find_last(c->b, stream, c->n, "endstream", &endstream) || endstream <= stream)
        return PDF_XREF_INVALIDA;
    cur root;
    if (!find_key(c, dict, stream, "/Root", &root)) return PDF_SIN_CATALOGO;
    unsigned long long rn, rg;
    if (!read_ref(&root, &rn, &rg)) return PDF_SIN_CATALOGO;
    cur o;
    if (find_object(c, rn, rg, &o) && !catalog_at(o)) return PDF_SIN_CATALOGO;
    return PDF_OK;
}

static pdf_resultado classic_xref(const cur *c, cur at, size_t startxref_pos)
{
    unsigned long long off = 0;
    bool found;
    cur t = at;
    if (!xref_table(&t, -1, &off, &found)) return PDF_XREF_INVALIDA;
    size_t trailer = t.i;
    cur key;
    if (!find_key(c, trailer, startxref_pos, "/Size", &key)) return PDF_XREF_INVALIDA;
    if (!find_key(c, trailer, startxref_pos, "/Root", &key)) return PDF_SIN_CATALOGO;
    unsigned long long num, gen;
    if (!read_ref(&key, &num, &gen)) return PDF_SIN_CATALOGO;
    t = at;
    if (!xref_table(&t, (long long)num, &off, &found)) return PDF_XREF_INVALIDA;
    return root_catalog(c, found, off, num, gen);
}

pdf_resultado pdf_check(const unsigned char *buf, size_t len)
{
    if (!buf || len == 0) return PDF_VACIO;
    if (len < 8 || memcmp(buf, "%PDF-", 5) != 0 || buf[5] < '1' || buf[5] > '2' || buf[6] != '.' ||
        buf[7] < '0' || buf[7] > '9')
        return PDF_SIN_CABECERA;
    cur c = {buf, len, 0};
    size_t tail = len > TAIL_WINDOW ? len - TAIL_WINDOW : 0, eof, sx;
    if (!find_last(buf, tail, len, "%%EOF", &eof)) return PDF_SIN_EOF;
    size_t from = eof > TAIL_WINDOW ? eof - TAIL_WINDOW : 0;
    if (!find_last(buf, from, eof, "startxref", &sx)) return PDF_SIN_STARTXREF;
    cur p = {buf, len, sx + 9};
    unsigned long long off;
    skip_ws(&p);
    if (!read_uint(&p, 10, &off)) return PDF_SIN_STARTXREF;
    skip_ws(&p);
    if (p.i != eof) return PDF_SIN_STARTXREF;
    if (off < 8 || off >= sx) return PDF_XREF_INVALIDA;
    cur at = {buf, len, (size_t)off};
    skip_ws(&at);
    if (keyword(&at, "xref")) return classic_xref(&c, at, sx);
    return xref_stream(&c, at);
}

const char *pdf_check_mensaje(pdf_resultado r)
{
    switch (r) {
    case PDF_OK: return "PDF válido.";
    case PDF_VACIO: return "El archivo está vacío.";
    case PDF_SIN_CABECERA: return "El archivo no es un PDF: no empieza con %PDF-.";
    case PDF_SIN_EOF: return "El PDF está incompleto: no termina con %%EOF.";
    case PDF_SIN_STARTXREF: return "El PDF está dañado: falta la referencia final (startxref).";
    case PDF_XREF_INVALIDA: return "El PDF está dañado: su tabla de referencias cruzadas no es válida.";
    case PDF_SIN_CATALOGO: return "El PDF está dañado: no se encuentra su catálogo de páginas.";
    }
    return "El archivo no es un PDF válido.";
}
