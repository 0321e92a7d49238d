/* nombres.c - the name validator (see nombres.h): strict UTF-8 decoding, then
 * every code point checked against the control and invisible formatting
 * ranges. */
#include "nombres.h"
#include <stdint.h>

/* Decodes one strict UTF-8 sequence at s (no overlongs, surrogates or values
 * past U+10FFFF); its length, or 0 when invalid. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

static bool control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

/* Formatting characters that reorder or hide text. */
static bool invisible(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || /* zero width space/joiners, LRM, RLM */
           (cp >= 0x202A && cp <= 0x202E) || /* embeddings and overrides */
           (cp >= 0x2060 && cp <= 0x2069) || /* word joiner, invisible operators, isolates */
           cp == 0x061C ||                   /* Arabic letter mark */
           cp == 0xFEFF ||                   /* BOM / zero width no-break space */
           (cp >= 0xFFF9 && cp <= 0xFFFB);   /* interlinear annotations */
}

nombre_resultado nombre_validar(const char *s, size_t max_chars)
{
    if (!s) return NOMBRE_VACIO;
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;
    bool visible = false;
    nombre_resultado worst = NOMBRE_OK;
    while (*p) {
        uint32_t cp;
        size_t n = utf8_next(p, &cp);
        if (n == 0) return NOMBRE_UTF8_INVALIDO;
        if (control(cp)) worst = NOMBRE_CARACTER_CONTROL;
        else if (invisible(cp) && worst == NOMBRE_OK) worst = NOMBRE_CARACTER_INVISIBLE;
        else if (cp != ' ' && cp != 0xA0) visible = true;
        chars++;
        p += n;
    }
    if (worst != NOMBRE_OK) return worst;
    if (!visible) return NOMBRE_VACIO;
    return chars > max_chars ? NOMBRE_LARGO : NOMBRE_OK;
}

const char *nombre_resultado_codigo(nombre_resultado r)
{
    switch (r) {
    case NOMBRE_OK: return NULL;
    case NOMBRE_VACIO: return "REQUERIDO";
    case NOMBRE_LARGO: return "LONGITUD_INVALIDA";
    case NOMBRE_UTF8_INVALIDO: return "FORMATO_INVALIDO";
    case NOMBRE_CARACTER_CONTROL:
    case NOMBRE_CARACTER_INVISIBLE: return "CARACTER_NO_PERMITIDO";
    }
    return "FORMATO_INVALIDO";
}

const char *nombre_resultado_mensaje(nombre_resultado r)
{
    switch (r) {
    case NOMBRE_OK: return NULL;
    case NOMBRE_VACIO: return "Escriba el nombre.";
    case NOMBRE_LARGO: return "El nombre es demasiado largo.";
    case NOMBRE_UTF8_INVALIDO: return "El nombre no es texto UTF-8 válido.";
    case NOMBRE_CARACTER_CONTROL:
        return "El nombre no puede contener saltos de línea ni caracteres de control.";
    case NOMBRE_CARACTER_INVISIBLE:
        return "El nombre no puede contener caracteres invisibles ni que cambien la dirección del texto.";
    }
    return "Nombre inválido.";
}
