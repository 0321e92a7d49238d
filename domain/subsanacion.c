/* subsanacion.c - the requisito -> sections and documents table of
 * SUBSANACION (see subsanacion.h). */
#include "subsanacion.h"
#include <string.h>

#define S_PERS (1u << 0)
#define S_PROF (1u << 1)
#define S_POST (1u << 2)
static const char *const SECCIONES[] = {"datos_personales", "datos_profesionales", "datos_postulacion"};
#define N_SECCIONES 3

#define D_PPP (1u << 0)
#define D_ENAM (1u << 1)
#define D_FFAA (1u << 2)
#define D_DISC (1u << 3)
#define D_RENUNCIA (1u << 4)
#define D_COMPROBANTE (1u << 5)
#define D_VINCULO (1u << 6)
static const char *const DOCUMENTOS[] = {"PPP",      "ENAM",        "FFAA",           "DISCAPACIDAD",
                                         "RENUNCIA", "COMPROBANTE", "VINCULO_LABORAL"};
#define N_DOCUMENTOS 7

/* What each requisito covers. IDENTIDAD comes from RENIEC at registration:
 * the wizard has nothing to fix for it except the personal data. */
static const struct {
    unsigned secciones, documentos;
} CUBRE[REQ_N] = {
    [REQ_IDENTIDAD] = {S_PERS, 0},
    [REQ_TITULO_SUNEDU] = {S_PROF, 0},
    [REQ_COLEGIATURA] = {S_PROF, 0},
    [REQ_NOTA_PPP] = {S_PROF, D_PPP},
    [REQ_NOTA_ENAM] = {S_PROF, D_ENAM},
    [REQ_NOTA_EVALUACION_SERUMS] = {S_PROF, 0},
    [REQ_FFAA] = {S_PERS, D_FFAA},
    [REQ_DISCAPACIDAD] = {S_PERS, D_DISC},
    [REQ_COMPROBANTE] = {S_POST, D_COMPROBANTE},
    [REQ_VINCULO_LABORAL] = {S_POST, D_VINCULO},
    [REQ_RENUNCIA] = {S_POST, D_RENUNCIA},
    [REQ_DATOS_PERSONALES] = {S_PERS, 0},
};

static unsigned union_de(unsigned observados, bool documentos)
{
    unsigned bits = 0;
    for (int q = 0; q < REQ_N; q++)
        if (observados & REQ_BIT(q)) bits |= documentos ? CUBRE[q].documentos : CUBRE[q].secciones;
    return bits;
}

static int buscar(const char *const *tabla, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(tabla[i], s)) return (int)i;
    return -1;
}

bool subsanacion_seccion_editable(unsigned observados, const char *seccion)
{
    int i = buscar(SECCIONES, N_SECCIONES, seccion);
    return i >= 0 && (union_de(observados, false) & (1u << i));
}

bool subsanacion_documento_editable(unsigned observados, const char *tipo)
{
    int i = buscar(DOCUMENTOS, N_DOCUMENTOS, tipo);
    return i >= 0 && (union_de(observados, true) & (1u << i));
}

static size_t listar(unsigned bits, const char *const *tabla, size_t n, const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (bits & (1u << i)) out[k++] = tabla[i];
    if (cap) out[k] = NULL;
    return k;
}

size_t subsanacion_secciones(unsigned observados, const char **out, size_t cap)
{
    return listar(union_de(observados, false), SECCIONES, N_SECCIONES, out, cap);
}

size_t subsanacion_documentos(unsigned observados, const char **out, size_t cap)
{
    return listar(union_de(observados, true), DOCUMENTOS, N_DOCUMENTOS, out, cap);
}
