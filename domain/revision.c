/* revision.c - the rules of one review (see revision.h): reading the body,
 * the result/requisitos/observación consistency, and which states may be
 * reviewed in which phase. */
#include "revision.h"
#include <string.h>

static const char *const RESULTADOS[] = {"APTO", "OBSERVADO", "NO_APTO", NULL};
static const char *const INSTANCIAS[] = {"REVISION", "COMITE_1", "COMITE_2", NULL};
static const char *const ESTADOS_REQ[] = {"CONFORME", "OBSERVADO", NULL};
static const char *const REQUISITOS[] = {
    "IDENTIDAD", "TITULO_SUNEDU", "COLEGIATURA", "NOTA_PPP",        "NOTA_ENAM", "NOTA_EVALUACION_SERUMS",
    "FFAA",      "DISCAPACIDAD",  "COMPROBANTE", "VINCULO_LABORAL", "RENUNCIA",  "DATOS_PERSONALES",
    NULL};

#define OBSERVACION_MAX 2000
#define COMENTARIO_MAX 1000

const char *rev_resultado_nombre(rev_resultado r) { return r < REV_RESULTADO_N ? RESULTADOS[r] : NULL; }
const char *rev_instancia_nombre(rev_instancia i) { return i < REV_INST_N ? INSTANCIAS[i] : NULL; }
const char *rev_requisito_nombre(rev_requisito q) { return q < REQ_N ? REQUISITOS[q] : NULL; }

static int indice(const char *const *values, const char *s)
{
    for (int i = 0; s && values[i]; i++)
        if (!strcmp(values[i], s)) return i;
    return -1;
}

int rev_requisito_desde_nombre(const char *s) { return indice(REQUISITOS, s); }

unsigned rev_requisitos_desde_nombres(const char *const *nombres, size_t n)
{
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++) {
        int q = rev_requisito_desde_nombre(nombres[i]);
        if (q >= 0) bits |= REQ_BIT(q);
    }
    return bits;
}

/* One {requisito, estado, comentario?} entry of the checklist. */
static bool leer_item(const jv *v, size_t i, arena *a, verr *e, unsigned *vistos, rev_item *out)
{
    jr r;
    char *prefix = arena_printf(a, "requisitos[%zu].", i);
    if (!prefix || !jr_open(&r, a, v, e, prefix)) return false;
    const char *req = jr_enum(&r, "requisito", JR_REQUIRED, REQUISITOS);
    const char *estado = jr_enum(&r, "estado", JR_REQUIRED, ESTADOS_REQ);
    const char *comentario = jr_str(&r, "comentario", JR_OPTIONAL, 1, COMENTARIO_MAX);
    jr_close(&r);
    if (!req || !estado) return false;
    int q = rev_requisito_desde_nombre(req);
    if (*vistos & REQ_BIT(q)) {
        verr_add(e, jr_field(&r, "requisito"), "DUPLICADO", "Este requisito ya figura en la lista.");
        return false;
    }
    *vistos |= REQ_BIT(q);
    *out = (rev_item){(rev_requisito)q, !strcmp(estado, "OBSERVADO"), comentario};
    return true;
}

static void leer_requisitos(const jv *lista, arena *a, verr *e, revision *out)
{
    if (lista->t != JV_ARRAY) {
        verr_add(e, "requisitos", "TIPO_INVALIDO", "Se esperaba una lista de requisitos.");
        return;
    }
    if (lista->n > REQ_N) {
        verr_add(e, "requisitos", "DEMASIADOS", "A lo más un elemento por requisito.");
        return;
    }
    unsigned vistos = 0;
    for (size_t i = 0; i < lista->n; i++) {
        rev_item it;
        if (!leer_item(lista->items[i], i, a, e, &vistos, &it)) continue;
        out->items[out->n_items++] = it;
        if (it.observado) out->observados |= REQ_BIT(it.requisito);
    }
}

/* The entry for requisito q, or NULL. */
static const rev_item *item_de(const revision *rv, rev_requisito q)
{
    for (size_t i = 0; i < rv->n_items; i++)
        if (rv->items[i].requisito == q) return &rv->items[i];
    return NULL;
}

/* An APTO over an open discrepancy needs that requisito marked CONFORME
 * with a comentario: the reviewer overrides it knowingly. */
static void reglas_discrepancias(const revision *rv, const rev_ctx *ctx, arena *a, verr *e)
{
    for (int q = 0; q < REQ_N; q++) {
        if (!(ctx->discrepancias & REQ_BIT(q))) continue;
        const rev_item *it = item_de(rv, (rev_requisito)q);
        if (it && !it->observado && it->comentario) continue;
        verr_add(e, "requisitos", "DISCREPANCIA_ABIERTA",
                 arena_printf(a,
                              "La validación externa de %s no coincide con lo declarado: para declarar APTO, "
                              "marque %s como CONFORME con un comentario que lo justifique.",
                              REQUISITOS[q], REQUISITOS[q]));
    }
}

static void reglas_resultado(const revision *rv, const rev_ctx *ctx, arena *a, verr *e)
{
    if (rv->instancia != REV_INST_REVISION && rv->resultado == REV_OBSERVADO) {
        verr_add(e, "resultado", "VALOR_INVALIDO", "El Comité Médico resuelve APTO o NO_APTO.");
        return;
    }
    switch (rv->resultado) {
    case REV_OBSERVADO:
        if (!ctx->hay_subsanacion) {
            verr_add(e, "resultado", "SIN_SUBSANACION",
                     "Esta convocatoria no tiene fase de subsanación: el resultado es APTO o NO_APTO.");
            return;
        }
        if (ctx->re_revision) {
            verr_add(e, "resultado", "VALOR_INVALIDO",
                     "Una inscripción subsanada se declara APTO o NO_APTO.");
            return;
        }
        if (!rv->observados)
            verr_add(e, "requisitos", "SIN_REQUISITO_OBSERVADO",
                     "Un resultado OBSERVADO requiere al menos un requisito en estado OBSERVADO.");
        if (!rv->observacion)
            verr_add(e, "observacion", "REQUERIDO", "Explique al postulante qué debe subsanar.");
        break;
    case REV_NO_APTO:
        if (!rv->observacion) verr_add(e, "observacion", "REQUERIDO", "Explique al postulante el motivo.");
        break;
    case REV_APTO:
        if (rv->observados)
            verr_add(e, "requisitos", "INCONSISTENTE",
                     "Un resultado APTO no puede tener requisitos observados.");
        reglas_discrepancias(rv, ctx, a, e);
        break;
    default: break;
    }
}

bool revision_leer(const jv *body, const rev_ctx *ctx, arena *a, verr *e, revision *out)
{
    memset(out, 0, sizeof *out);
    int antes = e->n;
    jr r;
    if (!jr_open(&r, a, body, e, "")) return false;
    const char *resultado = jr_enum(&r, "resultado", JR_REQUIRED, RESULTADOS);
    const char *instancia = jr_enum(&r, "instancia", JR_OPTIONAL, INSTANCIAS);
    out->observacion = jr_str(&r, "observacion", JR_OPTIONAL, 5, OBSERVACION_MAX);
    out->tiene_version = jr_int(&r, "version", JR_OPTIONAL, 1, 1000000000L, &out->version);
    const jv *lista = jr_take(&r, "requisitos", JR_OPTIONAL);
    if (lista) leer_requisitos(lista, a, e, out);
    jr_close(&r);
    out->instancia = instancia ? (rev_instancia)indice(INSTANCIAS, instancia) : REV_INST_REVISION;
    if (resultado) {
        out->resultado = (rev_resultado)indice(RESULTADOS, resultado);
        if (e->n == antes) reglas_resultado(out, ctx, a, e);
    }
    return e->n == antes;
}

const char *revision_estado_nuevo(const revision *rv)
{
    if (rv->instancia == REV_INST_COMITE_1) return NULL;
    return RESULTADOS[rv->resultado];
}

static bool es(const char *estado, const char *valor) { return estado && !strcmp(estado, valor); }

rev_fase revision_fase(const rev_inscripcion *s, rev_instancia inst)
{
    if (inst != REV_INST_REVISION) {
        /* casos especiales: APTO by the DIRESA review, then the Comité twice */
        if (!s->caso_especial || !(es(s->estado, "APTO") || es(s->estado, "NO_APTO")))
            return REV_FASE_NINGUNA;
        if (inst == REV_INST_COMITE_2 && !s->comite_1_hecho) return REV_FASE_NINGUNA;
        return REV_FASE_CASOS_ESPECIALES;
    }
    if (es(s->estado, "SUBSANADO")) return REV_FASE_RE_REVISION;
    if (s->subsanada && (es(s->estado, "APTO") || es(s->estado, "NO_APTO"))) return REV_FASE_RE_REVISION;
    if (s->subsanada) return REV_FASE_NINGUNA;
    if (es(s->estado, "INSCRITO") || es(s->estado, "APTO") || es(s->estado, "OBSERVADO") ||
        es(s->estado, "NO_APTO"))
        return REV_FASE_REVISION;
    return REV_FASE_NINGUNA;
}
