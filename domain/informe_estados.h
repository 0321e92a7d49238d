/* informe_estados.h - the life of an informe final (design/informe-final.md):
 *   REGISTRADO --enviar--> ENVIADO --aprobar--> APROBADO --resolver--> RESOLUCION
 *   ENVIADO --observar--> OBSERVADO (editable again) --enviar--> ENVIADO
 * The serumista writes only in REGISTRADO and OBSERVADO; enviar with months
 * missing needs confirmar_incompleto; the printed report exists only for
 * APROBADO and RESOLUCION. One pure transition function answering domain
 * results; the handlers map them to HTTP. */
#ifndef SERUMS_INFORME_ESTADOS_H
#define SERUMS_INFORME_ESTADOS_H
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    INFORME_REGISTRADO,
    INFORME_ENVIADO,
    INFORME_OBSERVADO,
    INFORME_APROBADO,
    INFORME_RESOLUCION,
} informe_estado;

typedef enum {
    INFORME_ESCRIBIR, /* rows, conclusiones, recomendaciones (serumista) */
    INFORME_ENVIAR,   /* serumista */
    INFORME_APROBAR,  /* DIRESA of the plaza */
    INFORME_OBSERVAR, /* DIRESA of the plaza, with text */
    INFORME_RESOLVER, /* DIRESA of the plaza, número and fecha */
    INFORME_IMPRIMIR, /* the printed report; changes nothing */
} informe_accion;

typedef enum {
    INFORME_OK,
    INFORME_NO_EDITABLE,     /* written or sent while ENVIADO, APROBADO or RESOLUCION */
    INFORME_NO_ENVIADO,      /* a review of an informe that is not ENVIADO */
    INFORME_NO_APROBADO,     /* a resolución or the report before APROBADO */
    INFORME_YA_RESUELTO,     /* a second resolución */
    INFORME_MESES_FALTANTES, /* enviar with months missing, not confirmed */
} informe_resultado;

typedef struct informe_condiciones {
    size_t meses_faltantes;    /* months of the period without an Anexo 6 row */
    bool confirmar_incompleto; /* the serumista accepts sending them missing */
} informe_condiciones;

/* INFORME_OK with the state after the action in *hacia (unchanged on any
 * other result). c may be NULL for actions other than INFORME_ENVIAR. */
informe_resultado informe_transicion(informe_estado desde, informe_accion accion,
                                     const informe_condiciones *c, informe_estado *hacia);

const char *informe_estado_nombre(informe_estado e);               /* "ENVIADO" */
int informe_estado_desde(const char *nombre, informe_estado *out); /* 0 ok, -1 unknown */
/* The DIRESA sees an informe once it has been sent at least once. */
bool informe_visible_para_diresa(informe_estado e);
/* A Spanish sentence for a result other than INFORME_OK. */
const char *informe_resultado_mensaje(informe_resultado r);
#endif
