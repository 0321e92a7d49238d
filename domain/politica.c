/* politica.c - score policy: strict reader, canonical writer, exact score. */
#include "politica.h"
#include <string.h>

const char *const NOTA_FUENTES[NOTA_N + 1] = {"EVALUACION_SERUMS", "ENAM", "PPP", NULL};
const char *const BONO_CONDICIONES[BONO_N + 1] = {"DISCAPACIDAD", "FFAA", NULL};
static const char *const ELECCION[] = {"NINGUNA", "POSTULANTE_ELIGE", NULL};
static const char *const MODOS[] = {"MERITO", "SORTEO", NULL};

int nota_fuente_de(const char *s)
{
    for (int i = 0; s && i < NOTA_N; i++)
        if (!strcmp(s, NOTA_FUENTES[i])) return i;
    return -1;
}

static bool es_examen(nota_fuente f) { return f == NOTA_EVALUACION_SERUMS || f == NOTA_ENAM; }

/* A decimal string field ("0.70") within (min, max]. */
static bool leer_dec(jr *r, const char *key, int decimales, dec min, dec max, dec *out)
{
    const char *s = jr_str(r, key, JR_REQUIRED, 1, 24);
    if (!s) return false;
    if (dec_parse_cstr(s, decimales, out) || dec_cmp(*out, min) <= 0 || dec_cmp(*out, max) > 0) {
        verr_add(r->e, jr_field(r, key), "FUERA_DE_RANGO",
                 arena_printf(
                     r->a,
                     "Debe ser un decimal en texto, mayor que %lld y hasta %lld, con a lo más %d decimales.",
                     (long long)min.v, (long long)max.v, decimales));
        return false;
    }
    return true;
}

static const jv *leer_arreglo(jr *r, const char *key, size_t min, size_t max)
{
    const jv *v = jr_take(r, key, min ? JR_REQUIRED : JR_OPTIONAL);
    if (!v) return NULL;
    if (v->t != JV_ARRAY || v->n < min || v->n > max) {
        verr_add(r->e, jr_field(r, key), "TIPO_INVALIDO",
                 arena_printf(r->a, "Se esperaba una lista de %zu a %zu elementos.", min, max));
        return NULL;
    }
    return v;
}

static void leer_componentes(jr *r, const jv *arr, politica *p)
{
    bool vista[NOTA_N] = {false};
    for (size_t i = 0; arr && i < arr->n; i++) {
        jr c;
        const char *pre = arena_printf(r->a, "componentes[%zu].", i);
        if (!jr_open(&c, r->a, arr->items[i], r->e, pre)) continue;
        const char *f = jr_enum(&c, "fuente", JR_REQUIRED, NOTA_FUENTES);
        dec peso;
        bool ok = leer_dec(&c, "peso", POL_PESO_DECIMALES, dec_int(0), dec_int(100), &peso);
        jr_close(&c);
        if (!f) continue;
        nota_fuente nf = (nota_fuente)nota_fuente_de(f);
        if (vista[nf])
            verr_add(r->e, jr_field(&c, "fuente"), "DUPLICADO", "La fuente ya figura en otro componente.");
        vista[nf] = true;
        if (ok) p->comp[p->ncomp++] = (pol_componente){nf, peso};
    }
}

static void leer_bonos(jr *r, const jv *arr, politica *p)
{
    for (size_t i = 0; arr && i < arr->n; i++) {
        jr b;
        if (!jr_open(&b, r->a, arr->items[i], r->e, arena_printf(r->a, "bonos[%zu].", i))) continue;
        const char *c = jr_enum(&b, "condicion", JR_REQUIRED, BONO_CONDICIONES);
        dec f;
        bool ok = leer_dec(&b, "factor", POL_PESO_DECIMALES, dec_int(0), dec_int(2), &f);
        jr_close(&b);
        if (!c || !ok) continue;
        bono_condicion bc = !strcmp(c, "DISCAPACIDAD") ? BONO_DISCAPACIDAD : BONO_FFAA;
        for (int k = 0; k < p->nbonos; k++)
            if (p->bonos[k].condicion == bc)
                verr_add(r->e, jr_field(&b, "condicion"), "DUPLICADO",
                         "La condición ya figura en otro bono.");
        p->bonos[p->nbonos++] = (pol_bono){bc, f};
    }
}

/* "NOTA_PPP desc" */
static bool criterio_de(const char *s, pol_criterio *out)
{
    if (strncmp(s, "NOTA_", 5)) return false;
    const char *sp = strchr(s, ' ');
    if (!sp) return false;
    char fuente[32];
    size_t n = (size_t)(sp - s - 5);
    if (n >= sizeof fuente) return false;
    memcpy(fuente, s + 5, n);
    fuente[n] = 0;
    int f = nota_fuente_de(fuente);
    if (f < 0 || (strcmp(sp + 1, "desc") && strcmp(sp + 1, "asc"))) return false;
    *out = (pol_criterio){(nota_fuente)f, !strcmp(sp + 1, "desc")};
    return true;
}

static void leer_desempate(jr *r, const jv *arr, politica *p)
{
    for (size_t i = 0; arr && i < arr->n; i++) {
        const char *field = arena_printf(r->a, "%sdesempate[%zu]", r->prefix, i);
        pol_criterio c;
        if (arr->items[i]->t != JV_STRING || !criterio_de(arr->items[i]->s, &c)) {
            verr_add(
                r->e, field, "VALOR_INVALIDO",
                "Criterio no permitido: use \"NOTA_<FUENTE> desc\" o \"NOTA_<FUENTE> asc\" con FUENTE EVALUACION_SERUMS, ENAM o PPP.");
            continue;
        }
        for (int k = 0; k < p->ndesempate; k++)
            if (p->desempate[k].fuente == c.fuente)
                verr_add(r->e, field, "DUPLICADO", "La nota ya figura en otro criterio.");
        p->desempate[p->ndesempate++] = c;
    }
}

bool politica_leer(arena *a, const jv *root, verr *e, politica *out)
{
    memset(out, 0, sizeof *out);
    int antes = e->n;
    jr r;
    if (!jr_open(&r, a, root, e, "")) return false;
    const char *modo = jr_enum(&r, "modo_adjudicacion", JR_OPTIONAL, MODOS);
    out->modo = !modo ? POL_MODO_SIN_DEFINIR : !strcmp(modo, "SORTEO") ? POL_MODO_SORTEO : POL_MODO_MERITO;
    leer_componentes(&r, leer_arreglo(&r, "componentes", 1, POL_MAX_COMP), out);
    const char *el = jr_enum(&r, "eleccion_nota", JR_REQUIRED, ELECCION);
    out->postulante_elige = el && !strcmp(el, "POSTULANTE_ELIGE");
    leer_bonos(&r, leer_arreglo(&r, "bonos", 0, BONO_N), out);
    leer_desempate(&r, leer_arreglo(&r, "desempate", 0, POL_MAX_DESEMPATE), out);
    long escala = 0;
    if (jr_int(&r, "escala", JR_REQUIRED, 0, POL_MAX_ESCALA, &escala)) out->escala = (int)escala;
    jr_close(&r);
    if (out->postulante_elige) {
        int examenes = 0;
        for (int i = 0; i < out->ncomp; i++) examenes += es_examen(out->comp[i].fuente);
        if (examenes != 1)
            verr_add(
                e, "eleccion_nota", "INCOMPATIBLE",
                "POSTULANTE_ELIGE requiere exactamente un componente de examen (EVALUACION_SERUMS o ENAM).");
    }
    return e->n == antes;
}

const char *politica_json(arena *a, const politica *p)
{
    jw *w = jw_new(a);
    if (!w) return NULL;
    char buf[DEC_TEXTO];
    jw_obj(w);
    if (p->modo != POL_MODO_SIN_DEFINIR) jw_kstr(w, "modo_adjudicacion", MODOS[p->modo - 1]);
    jw_key(w, "componentes");
    jw_arr(w);
    for (int i = 0; i < p->ncomp; i++) {
        jw_obj(w);
        jw_kstr(w, "fuente", NOTA_FUENTES[p->comp[i].fuente]);
        jw_kstr(w, "peso", dec_format(p->comp[i].peso, buf, sizeof buf));
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_kstr(w, "eleccion_nota", p->postulante_elige ? "POSTULANTE_ELIGE" : "NINGUNA");
    jw_key(w, "bonos");
    jw_arr(w);
    for (int i = 0; i < p->nbonos; i++) {
        jw_obj(w);
        jw_kstr(w, "condicion", BONO_CONDICIONES[p->bonos[i].condicion]);
        jw_kstr(w, "factor", dec_format(p->bonos[i].factor, buf, sizeof buf));
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_key(w, "desempate");
    jw_arr(w);
    for (int i = 0; i < p->ndesempate; i++)
        jw_str(w, arena_printf(a, "NOTA_%s %s", NOTA_FUENTES[p->desempate[i].fuente],
                               p->desempate[i].desc ? "desc" : "asc"));
    jw_end_arr(w);
    jw_kint(w, "escala", p->escala);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

nota_fuente politica_fuente_usada(const politica *p, const pol_componente *c, const pol_notas *n)
{
    return p->postulante_elige && es_examen(c->fuente) && es_examen(n->eleccion) ? n->eleccion : c->fuente;
}

int politica_puntaje(const politica *p, const pol_notas *n, dec *out, const char **falta)
{
    dec suma = dec_int(0), t;
    *falta = NULL;
    for (int i = 0; i < p->ncomp; i++) {
        nota_fuente f = politica_fuente_usada(p, &p->comp[i], n);
        if (!n->tiene[f]) {
            *falta = NOTA_FUENTES[f];
            return -1;
        }
        if (dec_mul(p->comp[i].peso, n->nota[f], &t) || dec_add(suma, t, &suma)) return -1;
    }
    for (int i = 0; i < p->nbonos; i++)
        if (n->condicion[p->bonos[i].condicion] && dec_mul(suma, p->bonos[i].factor, &suma)) return -1;
    return dec_round(suma, p->escala, out);
}
