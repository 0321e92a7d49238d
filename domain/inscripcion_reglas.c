/* inscripcion_reglas.c - the sections of an inscription as tables of fields
 * (type, limits, required), read generically with the strict JSON reader,
 * then each section's rules: the profession group's grades, state workers,
 * the payment receipt, casos especiales, dates. One error per field, in
 * Spanish, with a stable code. No I/O: catalogs are callbacks (see .h). */
#include "inscripcion_reglas.h"
#include "pais.h"
#include <string.h>

typedef enum { C_TEXTO, C_PATRON, C_ENUM, C_FECHA, C_BOOL, C_NOTA, C_PAIS, C_CELULAR, C_CODIGO } campo_tipo;

typedef struct campo_def {
    const char *nombre;
    campo_tipo tipo;
    bool requerido;
    unsigned short min, max;    /* C_TEXTO, C_PATRON */
    const char *charset;        /* C_PATRON */
    const char *const *valores; /* C_ENUM */
    const char *mensaje;        /* C_PATRON */
} campo_def;

typedef struct regla regla;
typedef struct seccion_def {
    const char *nombre;
    const campo_def *campos;
    size_t n;
    void (*reglas)(regla *g);
} seccion_def;

struct regla {
    insc_ctx *ctx;
    verr *e;
    const char *prefix;
    insc_seccion *s;
    const seccion_def *def;
};

#define DIGITOS "0123456789"
#define REQ true
#define OPC false

static const char *const ESTADO_CIVIL[] = {"SOLTERO", "CASADO", "VIUDO", "DIVORCIADO", "CONVIVIENTE", NULL};
static const char *const NOTA_ADJUDICACION[] = {"ENAM", "EXAMEN_NACIONAL", "EVALUACION_SERUMS", NULL};
static const char *const TIPO_PLANILLA[] = {"NOMBRADO", "CONTRATADO", "CAS", NULL};
static const char *const MODALIDAD[] = {"REMUNERADA", "EQUIVALENTE", NULL};
static const char *const CATEGORIA[] = {"REGULAR", "CAUTIVA", "VINCULO_LABORAL", NULL};
static const char *const REGIMEN_PENSIONARIO[] = {"ONP", "AFP", "NINGUNO", NULL};

static void reglas_personales(regla *g);
static void reglas_profesionales(regla *g);
static void reglas_postulacion(regla *g);
static void reglas_declaracion(regla *g) { (void)g; }

static const campo_def PERSONALES[] = {
    {"pais_nacimiento", C_PAIS, REQ, 0, 0, NULL, NULL, NULL},
    {"ubigeo_residencia", C_PATRON, REQ, 6, 6, DIGITOS, NULL, "Código de distrito INEI de 6 dígitos."},
    {"direccion", C_TEXTO, REQ, 5, 200, NULL, NULL, NULL},
    {"estado_civil", C_ENUM, REQ, 0, 0, NULL, ESTADO_CIVIL, NULL},
    {"apellido_casada", C_TEXTO, OPC, 2, 60, NULL, NULL, NULL},
    {"celular", C_CELULAR, REQ, 0, 0, NULL, NULL, NULL},
    {"telefono_fijo", C_PATRON, OPC, 6, 10, DIGITOS, NULL, "Entre 6 y 10 dígitos, con el código de ciudad."},
    {"contacto_emergencia_nombre", C_TEXTO, REQ, 3, 120, NULL, NULL, NULL},
    {"contacto_emergencia_celular", C_CELULAR, REQ, 0, 0, NULL, NULL, NULL},
    {"licenciado_ffaa", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
    {"discapacidad", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
};

static const campo_def PROFESIONALES[] = {
    {"pais_universidad", C_PAIS, REQ, 0, 0, NULL, NULL, NULL},
    {"universidad", C_TEXTO, REQ, 3, 200, NULL, NULL, NULL},
    {"profesion", C_CODIGO, REQ, 0, 0, NULL, NULL, NULL},
    {"numero_colegiatura", C_PATRON, REQ, 1, 10, DIGITOS, NULL, "Entre 1 y 10 dígitos."},
    {"institucion_revalida", C_TEXTO, OPC, 3, 200, NULL, NULL, NULL},
    {"fecha_titulacion", C_FECHA, REQ, 0, 0, NULL, NULL, NULL},
    {"nota_ppp", C_NOTA, OPC, 0, 0, NULL, NULL, NULL},
    {"nota_enam", C_NOTA, OPC, 0, 0, NULL, NULL, NULL},
    {"nota_evaluacion_serums", C_NOTA, OPC, 0, 0, NULL, NULL, NULL},
    {"nota_adjudicacion", C_ENUM, OPC, 0, 0, NULL, NOTA_ADJUDICACION, NULL},
};

static const campo_def POSTULACION[] = {
    {"convalida_servicer", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
    {"pensionista_estado", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
    {"trabajador_estado", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
    {"tipo_planilla", C_ENUM, OPC, 0, 0, NULL, TIPO_PLANILLA, NULL},
    {"entidad", C_TEXTO, OPC, 2, 200, NULL, NULL, NULL},
    {"institucion_laboral", C_TEXTO, OPC, 2, 200, NULL, NULL, NULL},
    {"docente", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
    {"diresa", C_CODIGO, OPC, 0, 0, NULL, NULL, NULL},
    {"modalidad", C_ENUM, REQ, 0, 0, NULL, MODALIDAD, NULL},
    {"categoria", C_ENUM, OPC, 0, 0, NULL, CATEGORIA, NULL},
    {"regimen_pensionario", C_ENUM, REQ, 0, 0, NULL, REGIMEN_PENSIONARIO, NULL},
    {"comprobante_numero", C_PATRON, OPC, 4, 20, DIGITOS "ABCDEFGHIJKLMNOPQRSTUVWXYZ-", NULL,
     "Entre 4 y 20 caracteres: dígitos, letras mayúsculas o guiones."},
    {"comprobante_fecha", C_FECHA, OPC, 0, 0, NULL, NULL, NULL},
    {"caso_especial", C_BOOL, OPC, 0, 0, NULL, NULL, NULL},
    {"institucion", C_CODIGO, OPC, 0, 0, NULL, NULL, NULL},
};

static const campo_def DECLARACION[] = {
    {"acepta", C_BOOL, REQ, 0, 0, NULL, NULL, NULL},
};

#define SECCION(nombre, campos, reglas)                          \
    {                                                            \
        nombre, campos, sizeof campos / sizeof campos[0], reglas \
    }
static const seccion_def SECCIONES[SEC_N] = {
    SECCION("datos_personales", PERSONALES, reglas_personales),
    SECCION("datos_profesionales", PROFESIONALES, reglas_profesionales),
    SECCION("datos_postulacion", POSTULACION, reglas_postulacion),
    SECCION("declaracion_jurada", DECLARACION, reglas_declaracion),
};
_Static_assert(sizeof POSTULACION / sizeof POSTULACION[0] <= INSC_MAX_CAMPOS, "INSC_MAX_CAMPOS");

static const char *const DOC_TIPOS[DOC_N] = {"PPP",          "ENAM",     "FFAA",
                                             "DISCAPACIDAD", "RENUNCIA", "COMPROBANTE"};
static const char *const DOC_DESCRIPCION[DOC_N] = {
    "constancia del promedio ponderado promocional (PPP)", "constancia de la nota del ENAM",
    "documento de licenciado de las Fuerzas Armadas",      "certificado de discapacidad",
    "compromiso de renuncia (trabajador del Estado)",      "comprobante de pago",
};

const char *insc_seccion_nombre(insc_seccion_id id) { return id < SEC_N ? SECCIONES[id].nombre : NULL; }
const char *insc_doc_tipo(insc_doc d) { return d < DOC_N ? DOC_TIPOS[d] : NULL; }
const char *insc_doc_descripcion(insc_doc d) { return d < DOC_N ? DOC_DESCRIPCION[d] : NULL; }

int insc_doc_desde_tipo(const char *tipo)
{
    for (int d = 0; tipo && d < DOC_N; d++)
        if (!strcmp(tipo, DOC_TIPOS[d])) return d;
    return -1;
}

/* ---- fields ---- */

static int campo_indice(const seccion_def *def, const char *nombre)
{
    for (size_t i = 0; i < def->n; i++)
        if (!strcmp(def->campos[i].nombre, nombre)) return (int)i;
    return -1;
}

static insc_valor *valor(regla *g, const char *nombre)
{
    int i = campo_indice(g->def, nombre);
    return i < 0 ? NULL : &g->s->v[i];
}

const char *insc_texto(const insc_seccion *s, const char *nombre)
{
    int i = s ? campo_indice(&SECCIONES[s->id], nombre) : -1;
    return i >= 0 && s->v[i].presente ? s->v[i].texto : NULL;
}

bool insc_bool(const insc_seccion *s, const char *nombre)
{
    int i = s ? campo_indice(&SECCIONES[s->id], nombre) : -1;
    return i >= 0 && s->v[i].presente && s->v[i].b;
}

static const char *texto(regla *g, const char *nombre) { return insc_texto(g->s, nombre); }
static bool presente(regla *g, const char *nombre)
{
    insc_valor *v = valor(g, nombre);
    return v && v->presente;
}
static bool si(regla *g, const char *nombre) { return insc_bool(g->s, nombre); }

static char *con_prefijo(regla *g, const char *nombre)
{
    return *g->prefix ? arena_printf(g->ctx->a, "%s%s", g->prefix, nombre) : (char *)nombre;
}

static bool tiene_error(regla *g, const char *nombre) { return verr_has(g->e, con_prefijo(g, nombre)); }

/* Records one error for the field unless it already has one. */
static void falla(regla *g, const char *nombre, const char *code, const char *mensaje)
{
    char *f = con_prefijo(g, nombre);
    if (!f || verr_has(g->e, f)) return;
    verr_add(g->e, f, code, mensaje);
    insc_valor *v = valor(g, nombre);
    if (v) v->presente = false;
}

static void exigido(regla *g, const char *nombre, const char *mensaje)
{
    if (!presente(g, nombre)) falla(g, nombre, "REQUERIDO", mensaje);
}

static void prohibido(regla *g, const char *nombre, const char *mensaje)
{
    if (presente(g, nombre)) falla(g, nombre, "NO_PERMITIDO", mensaje);
}

/* Free text: trimmed, no control characters, length in characters. */
static const char *leer_texto(jr *r, const campo_def *c)
{
    const jv *v = jr_take(r, c->nombre, c->requerido ? JR_REQUIRED : JR_OPTIONAL);
    if (!v) return NULL;
    if (v->t != JV_STRING) {
        verr_add(r->e, jr_field(r, c->nombre), "TIPO_INVALIDO", "Se esperaba un texto.");
        return NULL;
    }
    const char *s = v->s, *end = v->s + v->len;
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
    size_t chars = 0;
    for (const char *p = s; p < end; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            verr_add(r->e, jr_field(r, c->nombre), "FORMATO_INVALIDO",
                     "No se admiten caracteres de control.");
            return NULL;
        }
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
    }
    if (chars < c->min || chars > c->max) {
        verr_add(r->e, jr_field(r, c->nombre), "LONGITUD_INVALIDA",
                 arena_printf(r->a, "Debe tener entre %u y %u caracteres.", c->min, c->max));
        return NULL;
    }
    return arena_strndup(r->a, s, (size_t)(end - s));
}

static void leer_campo(jr *r, const campo_def *c, insc_valor *out)
{
    int flags = c->requerido ? JR_REQUIRED : JR_OPTIONAL;
    const char *t = NULL;
    switch (c->tipo) {
    case C_TEXTO: t = leer_texto(r, c); break;
    case C_PATRON: t = jr_pattern(r, c->nombre, flags, c->charset, c->min, c->max, c->mensaje); break;
    case C_ENUM: t = jr_enum(r, c->nombre, flags, c->valores); break;
    case C_FECHA: t = jr_date(r, c->nombre, flags); break;
    case C_NOTA: t = jr_decimal(r, c->nombre, flags, 0, 20, 2); break;
    case C_CODIGO:
        t = jr_pattern(r, c->nombre, flags, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", 2, 40,
                       "Código de catálogo: letras mayúsculas, dígitos y guiones bajos.");
        break;
    case C_PAIS:
        t = jr_pattern(r, c->nombre, flags, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 2,
                       "Código de país ISO 3166-1 alfa-2 (por ejemplo PE).");
        if (t && !pais_iso_valido(t)) {
            verr_add(r->e, jr_field(r, c->nombre), "CODIGO_DESCONOCIDO",
                     "No es un código de país ISO 3166-1.");
            t = NULL;
        }
        break;
    case C_CELULAR:
        t = jr_pattern(r, c->nombre, flags, DIGITOS, 9, 9, "Celular de 9 dígitos que empieza con 9.");
        if (t && t[0] != '9') {
            verr_add(r->e, jr_field(r, c->nombre), "FORMATO_INVALIDO",
                     "Celular de 9 dígitos que empieza con 9.");
            t = NULL;
        }
        break;
    case C_BOOL: out->presente = jr_bool(r, c->nombre, flags, &out->b); return;
    }
    out->presente = t != NULL;
    out->texto = t;
}

bool insc_seccion_leer(insc_seccion_id id, const jv *body, insc_ctx *ctx, verr *e, const char *prefix,
                       insc_seccion *out)
{
    memset(out, 0, sizeof *out);
    out->id = id;
    const seccion_def *def = &SECCIONES[id];
    int before = e->n;
    jr r;
    if (!jr_open(&r, ctx->a, body, e, prefix)) return false;
    for (size_t i = 0; i < def->n; i++) leer_campo(&r, &def->campos[i], &out->v[i]);
    jr_close(&r);
    regla g = {ctx, e, prefix ? prefix : "", out, def};
    def->reglas(&g);
    return e->n == before;
}

void insc_seccion_escribir(jw *w, const insc_seccion *s)
{
    const seccion_def *def = &SECCIONES[s->id];
    jw_obj(w);
    for (size_t i = 0; i < def->n; i++) {
        const insc_valor *v = &s->v[i];
        jw_key(w, def->campos[i].nombre);
        if (!v->presente) jw_null(w);
        else if (def->campos[i].tipo == C_BOOL) jw_bool(w, v->b);
        else if (def->campos[i].tipo == C_NOTA) jw_raw_number(w, v->texto);
        else jw_str(w, v->texto);
    }
    jw_end_obj(w);
}

/* ---- rules ---- */

/* A catalog answer: 1 found, 0 unknown (error recorded), -1 failure. */
static int consulta(regla *g, const char *nombre, int rc)
{
    if (rc < 0) g->ctx->fallo = true;
    if (rc == 0) falla(g, nombre, "CODIGO_DESCONOCIDO", "No existe en el catálogo.");
    return rc;
}

static void reglas_personales(regla *g)
{
    const char *ubigeo = texto(g, "ubigeo_residencia");
    if (ubigeo) consulta(g, "ubigeo_residencia", g->ctx->cat->distrito(g->ctx->cat->ud, ubigeo));

    const char *ec = texto(g, "estado_civil");
    if (ec && strcmp(ec, "CASADO") && strcmp(ec, "VIUDO"))
        prohibido(g, "apellido_casada", "El apellido de casada corresponde al estado civil CASADO o VIUDO.");

    const char *cel = texto(g, "celular"), *emerg = texto(g, "contacto_emergencia_celular");
    if (cel && emerg && !strcmp(cel, emerg))
        falla(g, "contacto_emergencia_celular", "CELULAR_REPETIDO",
              "El celular del contacto de emergencia debe ser distinto del suyo.");
}

/* Grades by the profession's group (DESIGN §3). */
static void reglas_notas(regla *g, const char *grupo)
{
    if (!strcmp(grupo, "OTRAS")) {
        const char *m = "Su profesión adjudica por sorteo: no registra notas.";
        prohibido(g, "nota_ppp", m);
        prohibido(g, "nota_enam", m);
        prohibido(g, "nota_evaluacion_serums", m);
        prohibido(g, "nota_adjudicacion", m);
        return;
    }
    exigido(g, "nota_ppp",
            "Su profesión adjudica por mérito: registre su promedio ponderado promocional (PPP).");
    const char *adj = texto(g, "nota_adjudicacion");
    if (!strcmp(grupo, "CIENCIAS_SALUD")) {
        prohibido(g, "nota_enam", "La nota ENAM corresponde solo a Medicina Humana.");
        exigido(g, "nota_adjudicacion",
                "Elija la nota para la adjudicación: EXAMEN_NACIONAL o EVALUACION_SERUMS.");
        if (adj && !strcmp(adj, "ENAM"))
            falla(g, "nota_adjudicacion", "VALOR_INVALIDO",
                  "Elija EXAMEN_NACIONAL o EVALUACION_SERUMS; el ENAM es de Medicina Humana.");
        else if (adj && !strcmp(adj, "EVALUACION_SERUMS"))
            exigido(g, "nota_evaluacion_serums",
                    "Eligió adjudicar con la Evaluación SERUMS: registre esa nota.");
        return;
    }
    /* MEDICINA: ENAM and/or Evaluación SERUMS; chooses when it has both */
    if (tiene_error(g, "nota_enam") || tiene_error(g, "nota_evaluacion_serums")) return;
    bool enam = presente(g, "nota_enam"), eval = presente(g, "nota_evaluacion_serums");
    if (!enam && !eval) {
        falla(g, "nota_enam", "REQUERIDO", "Registre la nota del ENAM, la de la Evaluación SERUMS o ambas.");
        return;
    }
    if (adj && !strcmp(adj, "EXAMEN_NACIONAL")) {
        falla(g, "nota_adjudicacion", "VALOR_INVALIDO",
              "Medicina Humana adjudica con ENAM o EVALUACION_SERUMS.");
        return;
    }
    if (enam && eval) {
        exigido(g, "nota_adjudicacion",
                "Tiene ambas notas: elija ENAM o EVALUACION_SERUMS para la adjudicación.");
        return;
    }
    const char *unica = enam ? "ENAM" : "EVALUACION_SERUMS";
    if (adj && strcmp(adj, unica)) {
        falla(g, "nota_adjudicacion", "NOTA_NO_REGISTRADA", "Eligió una nota que no registró.");
        return;
    }
    insc_valor *v = valor(g, "nota_adjudicacion");
    if (!tiene_error(g, "nota_adjudicacion")) {
        v->presente = true;
        v->texto = unica;
    }
}

static void reglas_profesionales(regla *g)
{
    const char *pais = texto(g, "pais_universidad");
    if (pais && strcmp(pais, "PE"))
        exigido(g, "institucion_revalida",
                "Su universidad es extranjera: indique la institución de reválida o reconocimiento.");
    else if (pais)
        prohibido(g, "institucion_revalida", "Solo corresponde a títulos de universidades extranjeras.");

    const char *fecha = texto(g, "fecha_titulacion");
    if (fecha && g->ctx->hoy && strcmp(fecha, g->ctx->hoy) > 0)
        falla(g, "fecha_titulacion", "FECHA_FUTURA", "La fecha de titulación no puede ser futura.");
    else if (fecha && g->ctx->fecha_nacimiento && strcmp(fecha, g->ctx->fecha_nacimiento) <= 0)
        falla(g, "fecha_titulacion", "FECHA_ANTERIOR_AL_NACIMIENTO",
              "La fecha de titulación debe ser posterior a su fecha de nacimiento.");

    const char *codigo = texto(g, "profesion");
    insc_profesion p;
    memset(&p, 0, sizeof p);
    if (!codigo || consulta(g, "profesion", g->ctx->cat->profesion(g->ctx->cat->ud, codigo, &p)) != 1) return;
    g->s->requiere_ppp = p.requiere_ppp;
    reglas_notas(g, p.grupo);
}

static void reglas_trabajador(regla *g)
{
    if (tiene_error(g, "trabajador_estado")) return;
    if (si(g, "trabajador_estado")) {
        const char *m = "Como trabajador del Estado, este dato es obligatorio.";
        exigido(g, "tipo_planilla", m);
        exigido(g, "entidad", m);
        exigido(g, "institucion_laboral", m);
        const char *mod = texto(g, "modalidad");
        if (mod && strcmp(mod, "EQUIVALENTE"))
            falla(g, "modalidad", "MODALIDAD_INCOMPATIBLE",
                  "Los trabajadores del Estado postulan en la modalidad EQUIVALENTE.");
        prohibido(g, "diresa", "Los trabajadores del Estado no eligen DIRESA.");
    } else {
        const char *m = "Solo corresponde a trabajadores del Estado.";
        prohibido(g, "tipo_planilla", m);
        prohibido(g, "entidad", m);
        prohibido(g, "institucion_laboral", m);
        exigido(g, "diresa", "Elija la DIRESA, GERESA o DIRIS a la que postula.");
    }
}

static void reglas_caso_especial(regla *g)
{
    if (!si(g, "caso_especial")) return;
    const char *mod = texto(g, "modalidad");
    if (mod && strcmp(mod, "REMUNERADA")) {
        falla(g, "caso_especial", "CASO_ESPECIAL_NO_PERMITIDO",
              "Los casos especiales son solo de la modalidad REMUNERADA.");
        return;
    }
    exigido(g, "institucion", "Indique la institución de la plaza para el caso especial.");
    const char *inst = texto(g, "institucion"), *diresa = texto(g, "diresa");
    if (!g->ctx->profesion) {
        falla(g, "caso_especial", "DATOS_PROFESIONALES_FALTANTES",
              "Registre primero sus datos profesionales: el caso especial depende de su profesión.");
        return;
    }
    if (!inst || !diresa || !mod) return;
    long n = 0;
    int rc = g->ctx->cat->plazas_remuneradas(g->ctx->cat->ud, g->ctx->profesion, inst, diresa, &n);
    if (rc < 0) {
        g->ctx->fallo = true;
        return;
    }
    if (n < 5)
        falla(g, "caso_especial", "CASO_ESPECIAL_SIN_PLAZAS",
              arena_printf(g->ctx->a,
                           "La oferta tiene %ld plazas remuneradas de su profesión en esa institución y "
                           "DIRESA; el caso especial requiere al menos 5.",
                           n));
}

static void reglas_postulacion(regla *g)
{
    reglas_trabajador(g);
    const insc_catalogo *cat = g->ctx->cat;
    const char *diresa = texto(g, "diresa");
    bool exonera = false;
    int rc = diresa ? consulta(g, "diresa", cat->diresa(cat->ud, diresa, &exonera)) : 1;
    g->s->exonera_comprobante = rc == 1 && diresa && exonera;
    if (rc == 1 && !g->s->exonera_comprobante) {
        const char *m = "Su DIRESA no exonera el pago: registre el comprobante.";
        exigido(g, "comprobante_numero", m);
        exigido(g, "comprobante_fecha", m);
    }
    const char *fecha = texto(g, "comprobante_fecha");
    if (fecha && g->ctx->hoy && strcmp(fecha, g->ctx->hoy) > 0)
        falla(g, "comprobante_fecha", "FECHA_FUTURA", "La fecha del depósito no puede ser futura.");

    const char *inst = texto(g, "institucion");
    if (inst) consulta(g, "institucion", cat->institucion(cat->ud, inst));
    reglas_caso_especial(g);
}

/* ---- documents and what is missing ---- */

unsigned insc_documentos_requeridos(const insc_seccion *personales, const insc_seccion *profesionales,
                                    const insc_seccion *postulacion)
{
    unsigned req = 0;
    if (insc_bool(personales, "licenciado_ffaa")) req |= INSC_DOC_BIT(DOC_FFAA);
    if (insc_bool(personales, "discapacidad")) req |= INSC_DOC_BIT(DOC_DISCAPACIDAD);
    if (profesionales && profesionales->requiere_ppp) req |= INSC_DOC_BIT(DOC_PPP);
    if (insc_texto(profesionales, "nota_enam")) req |= INSC_DOC_BIT(DOC_ENAM);
    if (insc_bool(postulacion, "trabajador_estado")) req |= INSC_DOC_BIT(DOC_RENUNCIA);
    if (postulacion && !postulacion->exonera_comprobante) req |= INSC_DOC_BIT(DOC_COMPROBANTE);
    return req;
}

void insc_faltantes(const jv *const stored[SEC_N], unsigned docs, insc_ctx *ctx, verr *e,
                    unsigned *requeridos)
{
    insc_seccion s[SEC_N];
    bool leida[SEC_N] = {false};
    for (int id = 0; id < SEC_N; id++) {
        const char *nombre = SECCIONES[id].nombre;
        if (!stored[id]) {
            verr_add(e, nombre, "SECCION_FALTANTE", "Complete esta sección.");
            continue;
        }
        if (id == SEC_POSTULACION)
            ctx->profesion = leida[SEC_PROFESIONALES] ? insc_texto(&s[SEC_PROFESIONALES], "profesion") : NULL;
        insc_seccion_leer((insc_seccion_id)id, stored[id], ctx, e, arena_printf(ctx->a, "%s.", nombre),
                          &s[id]);
        leida[id] = true;
    }
    if (leida[SEC_DECLARACION] && !insc_bool(&s[SEC_DECLARACION], "acepta") &&
        !verr_has(e, "declaracion_jurada.acepta"))
        verr_add(e, "declaracion_jurada.acepta", "DECLARACION_NO_ACEPTADA",
                 "Debe aceptar la declaración jurada para finalizar.");
    unsigned req = insc_documentos_requeridos(leida[SEC_PERSONALES] ? &s[SEC_PERSONALES] : NULL,
                                              leida[SEC_PROFESIONALES] ? &s[SEC_PROFESIONALES] : NULL,
                                              leida[SEC_POSTULACION] ? &s[SEC_POSTULACION] : NULL);
    for (int d = 0; d < DOC_N; d++)
        if ((req & INSC_DOC_BIT(d)) && !(docs & INSC_DOC_BIT(d)))
            verr_add(e, arena_printf(ctx->a, "documentos.%s", DOC_TIPOS[d]), "DOCUMENTO_FALTANTE",
                     arena_printf(ctx->a, "Suba el PDF: %s.", DOC_DESCRIPCION[d]));
    if (requeridos) *requeridos = req;
}
