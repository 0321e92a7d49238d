/* nombres.h - what a person's name may hold (issue 9, probe 3): names are
 * printed on the constancia, listed to reviewers and published, so a name
 * with a line break, a control character or a bidirectional override (U+202E
 * makes the rest of the text read backwards) is refused. Pure. */
#ifndef SERUMS_NOMBRES_H
#define SERUMS_NOMBRES_H
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NOMBRE_OK = 0,
    NOMBRE_VACIO, /* empty or only spaces */
    NOMBRE_LARGO, /* more than max_chars characters */
    NOMBRE_UTF8_INVALIDO,
    NOMBRE_CARACTER_CONTROL,   /* C0/C1 controls: CR, LF, TAB, NUL, DEL, U+0080..U+009F, U+2028/9 */
    NOMBRE_CARACTER_INVISIBLE, /* bidi overrides, embeddings, isolates and marks; zero-width; BOM */
} nombre_resultado;

nombre_resultado nombre_validar(const char *s, size_t max_chars);
/* The field error code (CARACTER_NO_PERMITIDO, LONGITUD_INVALIDA, ...) and a
 * Spanish message for people. */
const char *nombre_resultado_codigo(nombre_resultado r);
const char *nombre_resultado_mensaje(nombre_resultado r);
#endif
