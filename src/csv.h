/* csv.h - a CSV reader for the files people upload (RFC 4180 plus what
 * spreadsheets and PDF converters produce: a UTF-8 BOM, any delimiter, CRLF,
 * LF or CR line ends, quoted cells with line breaks and "" escapes), which
 * tells the physical line where each record starts so errors can name it;
 * and a writer for CSV exports. Pure: unit-tested and fuzzed. */
#ifndef SERUMS_CSV_H
#define SERUMS_CSV_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

#define CSV_MAX_FIELDS 256
#define CSV_MAX_CELL (64 * 1024)

typedef struct csv_reader {
    const char *p, *end;
    char delim;
    long line;         /* physical line (1-based) where the next record starts */
    const char *error; /* Spanish reason when csv_next returned -1 */
    long error_line;
    sbuf cell; /* the cell being read, reused */
} csv_reader;

typedef struct csv_record {
    long line;    /* physical line where the record starts */
    size_t n;     /* cells */
    char **cells; /* NUL-terminated, in the arena; line breaks inside kept as '\n' */
} csv_record;

/* Starts reading buf (len bytes); a leading UTF-8 BOM is skipped. */
void csv_init(csv_reader *r, const char *buf, size_t len, char delim);
/* 1 = a record, 0 = end of input, -1 = malformed (r->error, r->error_line):
 * an unterminated quote, more than CSV_MAX_FIELDS cells, a cell over CSV_MAX_CELL. */
int csv_next(csv_reader *r, arena *a, csv_record *out);
/* The delimiter the first non-empty line uses outside quotes: the most
 * frequent of ';', ',', '\t' and '|', or '\0' when none appears. */
char csv_sniff(const char *buf, size_t len);
bool csv_record_blank(const csv_record *rec); /* every cell empty or whitespace */

/* true when a spreadsheet would evaluate the cell: it starts with = + - @,
 * a tab or a carriage return and is not a plain decimal number. */
bool csv_cell_is_formula(const char *cell);
/* Appends one cell, quoted when it holds the delimiter, a quote or a line
 * break. A formula-like cell (csv_cell_is_formula) is written quoted with a
 * leading ' so every CSV we serve opens as text (CSV injection, OWASP). */
void csv_write_cell(sbuf *b, const char *cell, char delim);
#endif
