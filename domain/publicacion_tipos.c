/* publicacion_tipos.c - the registry of published list tipos: their phase
 * and columns (the OpenAPI documents the same columns). The adjudication
 * lists (design/orden-adjudicacion.md) are here too: SORTEO, ORDEN_MERITO, ADJUDICADOS_*
 * and ANULACIONES (name, resolución, date: never the reason). */
#include "publicacion.h"
#include <string.h>

/* Aptos: never emails, phones, addresses, reasons or disability (Ley 29733). */
static const pub_columna APTOS[] = {
    {"n", PUB_ENTERO},        {"apellidos_nombres", PUB_TEXTO},   {"documento", PUB_DOCUMENTO},
    {"profesion", PUB_TEXTO}, {"modalidad", PUB_TEXTO},           {"diresa_procedencia", PUB_TEXTO},
    {"estado", PUB_TEXTO},    {"observacion_publica", PUB_TEXTO},
};
/* One drawn id per row with every input of its sorteo (the pool is the
 * sorted ids of the sorteo's rows, one per line, LF after each). */
static const pub_columna SORTEO[] = {
    {"sorteo_id", PUB_ENTERO},   {"modalidad", PUB_TEXTO},       {"profesion", PUB_TEXTO},
    {"posicion", PUB_ENTERO},    {"inscripcion_id", PUB_ENTERO}, {"clave", PUB_TEXTO},
    {"pool_n", PUB_ENTERO},      {"h_pool", PUB_TEXTO},          {"compromiso", PUB_TEXTO},
    {"secreto", PUB_TEXTO},      {"beacon_fuente", PUB_TEXTO},   {"beacon_ronda", PUB_TEXTO},
    {"beacon_valor", PUB_TEXTO}, {"seed_input", PUB_TEXTO},      {"seed", PUB_TEXTO},
};
/* The merit order (design/orden-adjudicacion.md "Merit order"): both
 * positions, the criterion that decided, the score and the grades it came
 * from (decimal strings), the exam chosen where the policy lets one choose,
 * the sorteo whose key broke the last ties and the policy in force (its
 * canonical JSON): enough to recompute the order from the list alone. Never
 * the bonus condition (health data): only its effect on puntaje_final. */
static const pub_columna ORDEN[] = {
    {"modalidad", PUB_TEXTO},
    {"profesion", PUB_TEXTO},
    {"n_adjudicacion", PUB_ENTERO},
    {"n", PUB_ENTERO},
    {"desempate", PUB_TEXTO},
    {"inscripcion_id", PUB_ENTERO},
    {"apellidos_nombres", PUB_TEXTO},
    {"documento", PUB_DOCUMENTO},
    {"diresa_procedencia", PUB_TEXTO},
    {"modo", PUB_TEXTO},
    {"puntaje_final", PUB_TEXTO},
    {"eleccion_nota", PUB_TEXTO},
    {"nota_evaluacion_serums", PUB_TEXTO},
    {"nota_enam", PUB_TEXTO},
    {"nota_ppp", PUB_TEXTO},
    {"observacion_publica", PUB_TEXTO},
    {"sorteo_id", PUB_ENTERO},
    {"politica", PUB_TEXTO},
};
/* A vigente adjudicación: the offer row's columns, who, N° and fase. */
static const pub_columna ADJUDICADOS[] = {
    {"sesion_id", PUB_ENTERO},
    {"inscripcion_id", PUB_ENTERO},
    {"apellidos_nombres", PUB_TEXTO},
    {"n_adjudicacion", PUB_ENTERO},
    {"fase", PUB_TEXTO},
    {"adjudicado_at", PUB_TEXTO},
    {"plaza_id", PUB_ENTERO},
    {"unidad", PUB_ENTERO},
    {"profesion", PUB_TEXTO},
    {"diresa", PUB_TEXTO},
    {"institucion", PUB_TEXTO},
    {"renipress", PUB_TEXTO},
    {"establecimiento", PUB_TEXTO},
    {"departamento", PUB_TEXTO},
    {"provincia", PUB_TEXTO},
    {"distrito", PUB_TEXTO},
    {"grado_dificultad", PUB_ENTERO},
    {"zaf", PUB_TEXTO},
    {"ze", PUB_TEXTO},
    {"servicio_inicio", PUB_TEXTO},
    {"servicio_fin", PUB_TEXTO},
};
static const pub_columna ANULACIONES[] = {
    {"apellidos_nombres", PUB_TEXTO}, {"resolucion", PUB_TEXTO}, {"fecha", PUB_TEXTO},
    {"inscripcion_id", PUB_ENTERO},   {"plaza_id", PUB_ENTERO},  {"unidad", PUB_ENTERO},
};
#define N(x) (sizeof(x) / sizeof((x)[0]))

static const pub_tipo TIPOS[] = {
    {"APTOS_PRELIMINAR", "PUBLICACION_APTOS", APTOS, N(APTOS)},
    {"APTOS_FINAL", "PUBLICACION_FINAL", APTOS, N(APTOS)},
    {"SORTEO", "DESEMPATE_SORTEO", SORTEO, N(SORTEO)},
    {"ORDEN_MERITO", "DESEMPATE_SORTEO", ORDEN, N(ORDEN)},
    {"ADJUDICADOS_REMUNERADA", "ADJUDICACION_REMUNERADA", ADJUDICADOS, N(ADJUDICADOS)},
    {"ADJUDICADOS_EQUIVALENTE", "ADJUDICACION_EQUIVALENTE", ADJUDICADOS, N(ADJUDICADOS)},
    {"ANULACIONES", "ADJUDICACION_REMUNERADA", ANULACIONES, N(ANULACIONES)},
};

const pub_tipo *pub_tipo_buscar(const char *tipo)
{
    for (size_t i = 0; tipo && i < N(TIPOS); i++)
        if (!strcmp(TIPOS[i].tipo, tipo)) return &TIPOS[i];
    return NULL;
}

const pub_tipo *pub_tipo_en(size_t i) { return i < N(TIPOS) ? &TIPOS[i] : NULL; }
