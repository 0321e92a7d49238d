/* informe.h - the data of an informe final (design/informe-final.md): its
 * service period, Anexo 6 (atenciones by month), Anexo 7 (actividades by
 * month, rubro and actividad), conclusiones, recomendaciones and the
 * identity printed on the report. Types only; the rules live in
 * informe_periodo, informe_reglas, informe_estados, informe_huella and
 * informe_pdf. Strings are UTF-8. */
#ifndef SERUMS_INFORME_H
#define SERUMS_INFORME_H
#include <stddef.h>

typedef struct informe_mes {
    int anio, mes; /* mes 1..12 */
} informe_mes;

typedef struct informe_atencion { /* Anexo 6: key (anio, mes) */
    int anio, mes;
    long programadas, ejecutadas;
} informe_atencion;

typedef struct informe_actividad { /* Anexo 7: key (anio, mes, rubro, actividad) */
    int anio, mes;
    const char *rubro;     /* catalog code, e.g. "CAPACITACION" */
    const char *actividad; /* 3-300 characters, whitespace collapsed */
    long programadas, ejecutadas;
} informe_actividad;

typedef struct informe_datos {
    long inscripcion_id;
    const char *convocatoria; /* "2026-I" */
    const char *nombres;      /* "PÉREZ ÑAHUI, María José" */
    const char *documento;    /* "DNI 10117410" */
    const char *profesion, *modalidad, *diresa;
    const char *establecimiento;                      /* "P.S. Ñuñoa (RENIPRESS 00001234)" */
    const char *ubicacion;                            /* "Cusco / Melgar / Ñuñoa" */
    const char *servicio_inicio, *servicio_fin;       /* YYYY-MM-DD, fin exclusive */
    const char *estado;                               /* "APROBADO" */
    const char *resolucion_numero, *resolucion_fecha; /* NULL until recorded */
    const informe_atencion *atenciones;
    size_t natenciones;
    const informe_actividad *actividades;
    size_t nactividades;
    const char *conclusiones, *recomendaciones; /* NULL or up to 4,000 characters */
} informe_datos;
#endif
