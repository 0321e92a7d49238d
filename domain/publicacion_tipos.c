/* publicacion_tipos.c - the registry of published list tipos: their phase
 * and columns (the OpenAPI documents the same columns). The adjudication
 * stage adds ORDEN_MERITO, SORTEO, ADJUDICADOS_* and ANULACIONES here. */
#include "publicacion.h"
#include <string.h>

/* Aptos: never emails, phones, addresses, reasons or disability (Ley 29733). */
static const pub_columna APTOS[] = {
    {"n", PUB_ENTERO},        {"apellidos_nombres", PUB_TEXTO},   {"documento", PUB_DOCUMENTO},
    {"profesion", PUB_TEXTO}, {"modalidad", PUB_TEXTO},           {"diresa_procedencia", PUB_TEXTO},
    {"estado", PUB_TEXTO},    {"observacion_publica", PUB_TEXTO},
};
#define N(x) (sizeof(x) / sizeof((x)[0]))

static const pub_tipo TIPOS[] = {
    {"APTOS_PRELIMINAR", "PUBLICACION_APTOS", APTOS, N(APTOS)},
    {"APTOS_FINAL", "PUBLICACION_FINAL", APTOS, N(APTOS)},
};

const pub_tipo *pub_tipo_buscar(const char *tipo)
{
    for (size_t i = 0; tipo && i < N(TIPOS); i++)
        if (!strcmp(TIPOS[i].tipo, tipo)) return &TIPOS[i];
    return NULL;
}

const pub_tipo *pub_tipo_en(size_t i) { return i < N(TIPOS) ? &TIPOS[i] : NULL; }
