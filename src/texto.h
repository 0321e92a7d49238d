/* texto.h - text helpers for the Spanish data files the ETN uploads, pure:
 * UTF-8 and binary checks, a Windows-1252 fallback, comparison keys with the
 * accents folded ("Áncash" -> "ANCASH"), whitespace collapsing, and the
 * re-joining of words that the PDF-to-CSV conversion split with a line break
 * ("CAMPORREDON\nDO" -> "CAMPORREDONDO", but "MADRE DE\nDIOS" -> "MADRE DE DIOS"). */
#ifndef SERUMS_TEXTO_H
#define SERUMS_TEXTO_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

bool texto_utf8_valido(const char *s, size_t n);
/* A database id as text: 1 to 18 decimal digits, no leading zero (path ids, cursors, JWT subjects). */
bool texto_id_decimal(const char *s);
/* NUL bytes or control characters other than tab, CR, LF and form feed. */
bool texto_es_binario(const char *s, size_t n);
/* Windows-1252 (Excel's "CSV" on Spanish Windows) to UTF-8, NUL-terminated. */
char *texto_cp1252_a_utf8(arena *a, const char *s, size_t n, size_t *out_len);

/* Comparison key: accents folded, upper case, only A-Z and 0-9 kept
 * ("N° ITEMS" -> "NITEMS", "Huallay- Grande" -> "HUALLAYGRANDE"). */
char *texto_clave(arena *a, const char *s);
/* Like texto_clave but words stay apart with one space ("Madre de\nDios" -> "MADRE DE DIOS"). */
char *texto_clave_palabras(arena *a, const char *s);
/* Trims and collapses every run of whitespace (line breaks included) to one space. */
char *texto_colapsa(arena *a, const char *s);

/* A set of word keys. Two are used when re-joining: the words of the
 * catalogs (ubigeo, professions, ...), which are real words, and the words
 * the uploaded file spells without a line break touching them. */
typedef struct texto_vocab texto_vocab;
texto_vocab *texto_vocab_new(arena *a, size_t expected);
void texto_vocab_add(texto_vocab *v, const char *clave);
/* Adds the key of every word of s (words split at spaces and punctuation);
 * with solo_confiables, words next to a line break are left out. */
void texto_vocab_add_palabras(texto_vocab *v, arena *a, const char *s, bool solo_confiables);
bool texto_vocab_has(const texto_vocab *v, const char *clave);
/* The set is also a map: a value per key (NULL when absent or unset). */
void texto_vocab_pon(texto_vocab *v, const char *clave, void *valor);
void *texto_vocab_valor(const texto_vocab *v, const char *clave);

/* Re-joins words a conversion split. At each line break the word before and
 * the word after are glued when the line's last word ends with '-' (a lone
 * '-' stays apart), when the next line
 * starts with punctuation only, or when the glued word is known (archivo or
 * referencia) and the halves are not both real words (a real word is in
 * referencia, or in archivo with 4 letters or more); otherwise the break is a
 * space. Then two words separated by a space are glued when the glued word is
 * in referencia and one half is not ("CAMPORREDOND O"). Whitespace is
 * collapsed. Either set may be NULL. A cell with more than
 * TEXTO_MAX_SALTOS line breaks is not a wrapped name: its breaks are spaces. */
#define TEXTO_MAX_SALTOS 16
char *texto_une_lineas(arena *a, const char *s, const texto_vocab *archivo, const texto_vocab *referencia);

/* Bounded Levenshtein distance between two ASCII keys: the distance when it
 * is <= max, else max + 1. */
int texto_distancia(const char *a, const char *b, int max);
#endif
