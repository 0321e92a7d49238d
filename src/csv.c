/* csv.c - the CSV reader and writer (see csv.h). The reader works on the
 * whole body in memory (the request already holds it) and copies each cell
 * into the arena. */
#include "csv.h"
#include <string.h>

void csv_init(csv_reader *r, const char *buf, size_t len, char delim)
{
    memset(r, 0, sizeof *r);
    r->p = buf;
    r->end = buf + len;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        r->p += 3;
    r->delim = delim;
    r->line = 1;
}

/* Consumes one line end at p (CRLF, LF or CR); returns its length. */
static size_t eol_len(const char *p, const char *end)
{
    if (p < end && *p == '\r') return (p + 1 < end && p[1] == '\n') ? 2 : 1;
    if (p < end && *p == '\n') return 1;
    return 0;
}

static int fail(csv_reader *r, long line, const char *why)
{
    r->error = why;
    r->error_line = line;
    r->p = r->end;
    return -1;
}

/* Reads one cell into cell (a reused buffer); stops before the delimiter or line end. */
static int read_cell(csv_reader *r, sbuf *cell, long start_line)
{
    cell->len = 0;
    if (r->p < r->end && *r->p == '"') {
        long quote_line = r->line;
        r->p++;
        for (;;) {
            if (r->p >= r->end) return fail(r, quote_line, "Comillas sin cerrar.");
            char c = *r->p;
            if (c == '"') {
                if (r->p + 1 < r->end && r->p[1] == '"') {
                    sbuf_add(cell, "\"", 1);
                    r->p += 2;
                    continue;
                }
                r->p++;
                break;
            }
            size_t e = eol_len(r->p, r->end);
            if (e) {
                sbuf_add(cell, "\n", 1);
                r->p += e;
                r->line++;
            } else {
                sbuf_add(cell, &c, 1);
                r->p++;
            }
            if (cell->len > CSV_MAX_CELL) return fail(r, start_line, "Una celda excede el tamaño máximo.");
        }
    }
    /* unquoted text, or what follows a closing quote, up to the delimiter or line end */
    const char *s = r->p;
    while (r->p < r->end && *r->p != r->delim && *r->p != '\n' && *r->p != '\r') r->p++;
    if (r->p > s) sbuf_add(cell, s, (size_t)(r->p - s));
    if (cell->len > CSV_MAX_CELL) return fail(r, start_line, "Una celda excede el tamaño máximo.");
    return 0;
}

int csv_next(csv_reader *r, arena *a, csv_record *out)
{
    memset(out, 0, sizeof *out);
    if (r->p >= r->end) return 0;
    out->line = r->line;
    char *cells_tmp[CSV_MAX_FIELDS];
    size_t n = 0;
    if (r->cell.a != a) sbuf_init(&r->cell, a, 256);
    for (;;) {
        if (read_cell(r, &r->cell, out->line) != 0) return -1;
        if (n == CSV_MAX_FIELDS) return fail(r, out->line, "La fila tiene demasiadas columnas.");
        cells_tmp[n] = arena_strndup(a, r->cell.len ? r->cell.p : "", r->cell.len);
        if (!cells_tmp[n]) return fail(r, out->line, "Sin memoria.");
        n++;
        if (r->p < r->end && *r->p == r->delim) {
            r->p++;
            continue;
        }
        size_t e = eol_len(r->p, r->end);
        r->p += e;
        if (e) r->line++;
        break;
    }
    out->cells = arena_alloc(a, n * sizeof *out->cells);
    if (!out->cells) return fail(r, out->line, "Sin memoria.");
    memcpy(out->cells, cells_tmp, n * sizeof *out->cells);
    out->n = n;
    return 1;
}

char csv_sniff(const char *buf, size_t len)
{
    static const char cands[] = ";,\t|";
    size_t counts[4] = {0};
    size_t i = 0;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    bool quoted = false, seen_text = false;
    for (; i < len; i++) {
        char c = buf[i];
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (quoted) continue;
        if (c == '\n' || c == '\r') {
            if (seen_text) break;
            continue;
        }
        seen_text = true;
        const char *k = memchr(cands, c, 4);
        if (k && c) counts[k - cands]++;
    }
    size_t best = 0;
    for (size_t k = 1; k < 4; k++)
        if (counts[k] > counts[best]) best = k;
    return counts[best] ? cands[best] : '\0';
}

bool csv_record_blank(const csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++)
        for (const char *p = rec->cells[i]; *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
    return true;
}

/* A plain decimal number ("-12", "+3.5"): kept as is, a spreadsheet reads it
 * as a number and evaluates nothing. */
static bool plain_number(const char *s)
{
    if (*s == '-' || *s == '+') s++;
    size_t d = strspn(s, "0123456789");
    if (d == 0) return false;
    s += d;
    if (*s == '.') {
        d = strspn(s + 1, "0123456789");
        if (d == 0) return false;
        s += 1 + d;
    }
    return *s == '\0';
}

bool csv_cell_is_formula(const char *cell)
{
    return cell &&
           (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
            cell[0] == '\r') &&
           !plain_number(cell);
}

void csv_write_cell(sbuf *b, const char *cell, char delim)
{
    if (!cell) return;
    bool formula = csv_cell_is_formula(cell);
    bool quote = formula || strchr(cell, '"') || strchr(cell, '\n') || strchr(cell, '\r') ||
                 strchr(cell, delim);
    if (!quote) {
        sbuf_adds(b, cell);
        return;
    }
    sbuf_add(b, "\"", 1);
    if (formula) sbuf_add(b, "'", 1); /* OWASP: the cell is text, never a formula */
    for (const char *p = cell; *p; p++) {
        if (*p == '"') sbuf_add(b, "\"\"", 2);
        else sbuf_add(b, p, 1);
    }
    sbuf_add(b, "\"", 1);
}
