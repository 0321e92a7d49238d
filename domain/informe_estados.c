/* informe_estados.c - the transition table of informe_estados.h. */
#include "informe_estados.h"
#include <string.h>

static const char *const NOMBRES[] = {[INFORME_REGISTRADO] = "REGISTRADO",
                                      [INFORME_ENVIADO] = "ENVIADO",
                                      [INFORME_OBSERVADO] = "OBSERVADO",
                                      [INFORME_APROBADO] = "APROBADO",
                                      [INFORME_RESOLUCION] = "RESOLUCION"};

const char *informe_estado_nombre(informe_estado e)
{
    return (unsigned)e < sizeof NOMBRES / sizeof NOMBRES[0] ? NOMBRES[e] : "?";
}

int informe_estado_desde(const char *nombre, informe_estado *out)
{
    for (size_t i = 0; nombre && i < sizeof NOMBRES / sizeof NOMBRES[0]; i++)
        if (!strcmp(NOMBRES[i], nombre)) {
            *out = (informe_estado)i;
            return 0;
        }
    return -1;
}

static bool editable(informe_estado e) { return e == INFORME_REGISTRADO || e == INFORME_OBSERVADO; }

bool informe_visible_para_diresa(informe_estado e) { return e != INFORME_REGISTRADO; }

static informe_resultado revisar(informe_estado desde, informe_estado a, informe_estado *hacia)
{
    if (desde != INFORME_ENVIADO) return INFORME_NO_ENVIADO;
    *hacia = a;
    return INFORME_OK;
}

informe_resultado informe_transicion(informe_estado desde, informe_accion accion,
                                     const informe_condiciones *c, informe_estado *hacia)
{
    switch (accion) {
    case INFORME_ESCRIBIR:
        if (!editable(desde)) return INFORME_NO_EDITABLE;
        *hacia = desde;
        return INFORME_OK;
    case INFORME_ENVIAR:
        if (!editable(desde)) return INFORME_NO_EDITABLE;
        if (c && c->meses_faltantes > 0 && !c->confirmar_incompleto) return INFORME_MESES_FALTANTES;
        *hacia = INFORME_ENVIADO;
        return INFORME_OK;
    case INFORME_APROBAR: return revisar(desde, INFORME_APROBADO, hacia);
    case INFORME_OBSERVAR: return revisar(desde, INFORME_OBSERVADO, hacia);
    case INFORME_RESOLVER:
        if (desde == INFORME_RESOLUCION) return INFORME_YA_RESUELTO;
        if (desde != INFORME_APROBADO) return INFORME_NO_APROBADO;
        *hacia = INFORME_RESOLUCION;
        return INFORME_OK;
    case INFORME_IMPRIMIR:
        if (desde != INFORME_APROBADO && desde != INFORME_RESOLUCION) return INFORME_NO_APROBADO;
        *hacia = desde;
        return INFORME_OK;
    }
    return INFORME_NO_EDITABLE;
}

const char *informe_resultado_mensaje(informe_resultado r)
{
    switch (r) {
    case INFORME_OK: return "";
    case INFORME_NO_EDITABLE: return "El informe ya fue enviado y no puede modificarse.";
    case INFORME_NO_ENVIADO: return "Solo se revisa un informe en estado ENVIADO.";
    case INFORME_NO_APROBADO: return "El informe aún no está aprobado.";
    case INFORME_YA_RESUELTO: return "El informe ya tiene resolución.";
    case INFORME_MESES_FALTANTES: return "Faltan meses por registrar; confirme el envío incompleto.";
    }
    return "";
}
