/* informe_reglas.c - counts, the rubro catalog, actividad and long texts,
 * and the body readers built on them. Field error codes: CONTEO_NO_ENTERO,
 * CONTEO_NEGATIVO, CONTEO_EXCESIVO, RUBRO_DESCONOCIDO, LONGITUD_INVALIDA,
 * CARACTER_INVALIDO, MES_FUERA_DEL_PERIODO (plus json.h's TIPO_INVALIDO,
 * REQUERIDO, CAMPO_DESCONOCIDO). */
#include "informe_reglas.h"
#include "texto.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

const informe_rubro INFORME_RUBROS[] = {
    {"PREVENTIVO_PROMOCIONAL", "Actividad preventivo promocional"},
    {"ATENCION", "Atención"},
    {"CAPACITACION", "Capacitación"},
    {"GESTION", "Gestión"},
    {"INVESTIGACION", "Investigación"},
    {"TRABAJO_COMUNITARIO", "Trabajo comunitario"},
    {NULL, NULL},
};

const informe_rubro *informe_rubro_buscar(const char *codigo)
{
    for (const informe_rubro *r = INFORME_RUBROS; codigo && r->codigo; r++)
        if (!strcmp(r->codigo, codigo)) return r;
    return NULL;
}

const char *informe_rubro_nombre(const char *codigo)
{
    const informe_rubro *r = informe_rubro_buscar(codigo);
    return r ? r->nombre : codigo;
}

informe_conteo_res informe_conteo(const jv *v, long *out)
{
    if (!v || v->t != JV_NUMBER) return CONTEO_NO_NUMERO;
    if (!v->is_int) return CONTEO_NO_ENTERO;
    if (v->s[0] == '-') return CONTEO_NEGATIVO; /* also -0 */
    errno = 0;
    char *end;
    long n = strtol(v->s, &end, 10);
    if (*end) return CONTEO_NO_ENTERO;
    if (errno == ERANGE || n > INFORME_CONTEO_MAX) return CONTEO_EXCESIVO;
    *out = n;
    return CONTEO_OK;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool tiene_control(const char *s, bool saltos)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (saltos && (*p == '\n' || *p == '\r' || *p == '\t')) continue;
        if (*p < 0x20 || *p == 0x7f) return true;
    }
    return false;
}

informe_texto_res informe_actividad_texto(arena *a, const char *s, const char **out)
{
    *out = NULL;
    if (tiene_control(s, true)) return TEXTO_CONTROL;
    const char *c = texto_colapsa(a, s);
    if (!c) return TEXTO_CONTROL; /* out of memory: refused, the arena records it */
    size_t n = utf8_chars(c);
    if (n < INFORME_ACTIVIDAD_MIN) return TEXTO_CORTO;
    if (n > INFORME_ACTIVIDAD_MAX) return TEXTO_LARGO;
    *out = c;
    return TEXTO_OK;
}

informe_texto_res informe_texto_largo(const char *s)
{
    if (tiene_control(s, true)) return TEXTO_CONTROL;
    return utf8_chars(s) > INFORME_TEXTO_MAX ? TEXTO_LARGO : TEXTO_OK;
}

static bool lee_conteo(jr *r, const char *campo, long *out)
{
    const jv *v = jr_take(r, campo, JR_REQUIRED);
    if (!v) return false;
    static const char *const CODIGO[] = {[CONTEO_NO_NUMERO] = "TIPO_INVALIDO",
                                         [CONTEO_NO_ENTERO] = "CONTEO_NO_ENTERO",
                                         [CONTEO_NEGATIVO] = "CONTEO_NEGATIVO",
                                         [CONTEO_EXCESIVO] = "CONTEO_EXCESIVO"};
    static const char *const MENSAJE[] = {[CONTEO_NO_NUMERO] = "Se esperaba un número entero.",
                                          [CONTEO_NO_ENTERO] = "Debe ser un número entero, sin decimales.",
                                          [CONTEO_NEGATIVO] = "No puede ser negativo.",
                                          [CONTEO_EXCESIVO] = "No puede pasar de 100000 en un mes."};
    informe_conteo_res res = informe_conteo(v, out);
    if (res == CONTEO_OK) return true;
    verr_add(r->e, jr_field(r, campo), CODIGO[res], MENSAJE[res]);
    return false;
}

bool informe_lee_conteos(jr *r, long *programadas, long *ejecutadas)
{
    bool p = lee_conteo(r, "programadas", programadas);
    bool e = lee_conteo(r, "ejecutadas", ejecutadas);
    return p && e;
}

static void texto_error(jr *r, const char *campo, informe_texto_res res, size_t min, size_t max)
{
    if (res == TEXTO_CONTROL)
        verr_add(r->e, jr_field(r, campo), "CARACTER_INVALIDO", "Contiene caracteres de control.");
    else
        verr_add(r->e, jr_field(r, campo), "LONGITUD_INVALIDA",
                 arena_printf(r->a, "Debe tener entre %zu y %zu caracteres.", min, max));
}

static const char *lee_rubro(jr *r)
{
    const jv *v = jr_take(r, "rubro", JR_REQUIRED);
    if (!v) return NULL;
    const informe_rubro *rub = v->t == JV_STRING ? informe_rubro_buscar(v->s) : NULL;
    if (rub) return rub->codigo;
    sbuf lista;
    sbuf_init(&lista, r->a, 160);
    for (const informe_rubro *it = INFORME_RUBROS; it->codigo; it++)
        sbuf_addf(&lista, "%s%s", it == INFORME_RUBROS ? "" : ", ", it->codigo);
    verr_add(r->e, jr_field(r, "rubro"), "RUBRO_DESCONOCIDO",
             arena_printf(r->a, "Rubro desconocido. Rubros: %s.", sbuf_cstr(&lista)));
    return NULL;
}

bool informe_exige_mes(verr *e, const informe_periodo *p, int anio, int mes)
{
    if (informe_periodo_incluye(p, anio, mes)) return true;
    informe_mes a = informe_periodo_mes(p, 0), z = informe_periodo_mes(p, p->nmeses - 1);
    verr_add(e, "mes", "MES_FUERA_DEL_PERIODO",
             arena_printf(e->a, "El mes debe estar dentro del periodo de servicio (%04d-%02d a %04d-%02d).",
                          a.anio, a.mes, z.anio, z.mes));
    return false;
}

bool informe_lee_actividad(jr *r, const informe_periodo *p, informe_actividad *out)
{
    long anio = 0, mes = 0;
    bool ok_anio = jr_int(r, "anio", JR_REQUIRED, 1900, 9999, &anio);
    bool ok_mes = jr_int(r, "mes", JR_REQUIRED, 1, 12, &mes);
    bool ok = ok_anio && ok_mes && informe_exige_mes(r->e, p, (int)anio, (int)mes);
    out->anio = (int)anio;
    out->mes = (int)mes;
    out->rubro = lee_rubro(r);
    ok = out->rubro && ok;
    const char *texto = jr_str(r, "actividad", JR_REQUIRED, 0, 100000);
    out->actividad = NULL;
    if (texto) {
        informe_texto_res res = informe_actividad_texto(r->a, texto, &out->actividad);
        if (res != TEXTO_OK) texto_error(r, "actividad", res, INFORME_ACTIVIDAD_MIN, INFORME_ACTIVIDAD_MAX);
    }
    ok = out->actividad && ok;
    return informe_lee_conteos(r, &out->programadas, &out->ejecutadas) && ok;
}

static bool lee_texto_largo(jr *r, const char *campo, const char **out)
{
    *out = NULL;
    const jv *v = jr_take(r, campo, JR_OPTIONAL);
    if (!v) return true; /* absent or null: stored as null */
    if (v->t != JV_STRING) {
        verr_add(r->e, jr_field(r, campo), "TIPO_INVALIDO", "Se esperaba un texto o null.");
        return false;
    }
    informe_texto_res res = informe_texto_largo(v->s);
    if (res != TEXTO_OK) {
        texto_error(r, campo, res, 0, INFORME_TEXTO_MAX);
        return false;
    }
    *out = v->s;
    return true;
}

bool informe_lee_textos(jr *r, const char **conclusiones, const char **recomendaciones)
{
    bool c = lee_texto_largo(r, "conclusiones", conclusiones);
    bool e = lee_texto_largo(r, "recomendaciones", recomendaciones);
    return c && e;
}
