/* archivo.h - the one reader of a whole file into memory (migrations, offer
 * files for the seed and `serumsd import`, test data). */
#ifndef SERUMS_ARCHIVO_H
#define SERUMS_ARCHIVO_H
#include <stddef.h>

/* The file's bytes, NUL-terminated, malloc'ed (the caller frees), and its
 * length in *len; NULL when it cannot be read or is larger than max bytes. */
char *archivo_leer(const char *path, size_t max, size_t *len);
#endif
