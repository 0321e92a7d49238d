/* validacion.c - reading an official validation file and comparing it with
 * the declarations (see validacion.h). */
#include "validacion.h"
#include "csv.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const FUENTES[] = {"COLEGIATURA", "ENAM", "EVALUACION_SERUMS", "PPP"};
static const char *const CAMPOS[] = {"numero_colegiatura", "nota_enam", "nota_evaluacion_serums", "nota_ppp"};
static const rev_requisito REQUISITOS[] = {REQ_COLEGIATURA, REQ_NOTA_ENAM, REQ_NOTA_EVALUACION_SERUMS,
                                           REQ_NOTA_PPP};
static const char *const RESULTADOS[] = {"CONFORME", "DISCREPANCIA", "NO_ENCONTRADO", "NO_APLICA"};

const char *val_fuente_nombre(val_fuente f) { return f < VAL_FUENTE_N ? FUENTES[f] : NULL; }
const char *val_fuente_campo(val_fuente f) { return f < VAL_FUENTE_N ? CAMPOS[f] : NULL; }
rev_requisito val_fuente_requisito(val_fuente f) { return REQUISITOS[f]; }
const char *val_resultado_nombre(val_resultado r) { return r <= VAL_NO_APLICA ? RESULTADOS[r] : NULL; }

int val_fuente_desde_nombre(const char *s)
{
    for (int i = 0; s && i < VAL_FUENTE_N; i++)
        if (!strcmp(FUENTES[i], s)) return i;
    return -1;
}

/* 1 to 10 digits: the colegiatura number without its leading zeros. */
static bool clave_colegiatura(const char *s, long *clave)
{
    size_t n = strlen(s);
    if (n < 1 || n > 10 || strspn(s, "0123456789") != n) return false;
    *clave = strtol(s, NULL, 10);
    return true;
}

/* A grade 0..20 with at most 2 decimals, '.' or ',' as separator. */
static bool clave_nota(const char *s, long *clave)
{
    size_t ent = strspn(s, "0123456789");
    if (ent < 1 || ent > 2) return false;
    long v = strtol(s, NULL, 10) * 100;
    const char *p = s + ent;
    if (*p == '.' || *p == ',') {
        p++;
        size_t dec = strspn(p, "0123456789");
        if (dec < 1 || dec > 2 || p[dec]) return false;
        v += (p[0] - '0') * 10 + (dec == 2 ? p[1] - '0' : 0);
    } else if (*p) {
        return false;
    }
    if (v > 2000) return false;
    *clave = v;
    return true;
}

bool val_clave(val_fuente f, const char *texto, long *clave)
{
    if (!texto) return false;
    return f == VAL_COLEGIATURA ? clave_colegiatura(texto, clave) : clave_nota(texto, clave);
}

static bool documento_valido(const char *tipo, const char *num)
{
    size_t n = strlen(num);
    if (!strcmp(tipo, "DNI")) return n == 8 && strspn(num, "0123456789") == 8;
    return n >= 6 && n <= 12 && strspn(num, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

/* Trims spaces around a cell in place. */
static char *recorta(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

typedef struct lector {
    arena *a;
    val_archivo *out;
    size_t cap_filas, cap_errores;
    bool sin_memoria;
} lector;

static void error_en(lector *l, long linea, const char *motivo)
{
    val_archivo *v = l->out;
    if (!motivo) {
        l->sin_memoria = true;
        return;
    }
    if (v->n_errores == l->cap_errores) {
        size_t cap = l->cap_errores ? l->cap_errores * 2 : 16;
        val_error *e = arena_alloc(l->a, cap * sizeof *e);
        if (!e) {
            l->sin_memoria = true;
            return;
        }
        if (v->n_errores) memcpy(e, v->errores, v->n_errores * sizeof *e);
        v->errores = e;
        l->cap_errores = cap;
    }
    v->errores[v->n_errores++] = (val_error){linea, motivo};
}

static void fila_agrega(lector *l, const val_fila *f)
{
    val_archivo *v = l->out;
    if (v->n == l->cap_filas) {
        size_t cap = l->cap_filas ? l->cap_filas * 2 : 256;
        val_fila *nf = arena_alloc(l->a, cap * sizeof *nf);
        if (!nf) {
            l->sin_memoria = true;
            return;
        }
        if (v->n) memcpy(nf, v->filas, v->n * sizeof *nf);
        v->filas = nf;
        l->cap_filas = cap;
    }
    v->filas[v->n++] = *f;
}

static bool es_cabecera(const csv_record *rec)
{
    return rec->n >= 1 && !strcasecmp(recorta(rec->cells[0]), "tipo_documento");
}

static void lee_registro(lector *l, const csv_record *rec)
{
    if (rec->n != 3) {
        error_en(l, rec->line,
                 arena_printf(l->a,
                              "Se esperaban 3 columnas (tipo_documento, numero_documento, "
                              "valor) y hay %zu.",
                              rec->n));
        return;
    }
    val_fila f = {rec->line, recorta(rec->cells[0]), recorta(rec->cells[1]), recorta(rec->cells[2]), 0};
    if (strcmp(f.tipo_documento, "DNI") && strcmp(f.tipo_documento, "CE"))
        error_en(l, f.linea, "tipo_documento debe ser DNI o CE.");
    else if (!documento_valido(f.tipo_documento, f.numero_documento))
        error_en(l, f.linea,
                 !strcmp(f.tipo_documento, "DNI")
                     ? "El DNI tiene exactamente 8 dígitos."
                     : "El Carné de Extranjería tiene de 6 a 12 caracteres (dígitos y mayúsculas).");
    else if (!val_clave(l->out->fuente, f.valor, &f.clave))
        error_en(l, f.linea,
                 l->out->fuente == VAL_COLEGIATURA
                     ? "El número de colegiatura tiene de 1 a 10 dígitos."
                     : "La nota es un número de 0 a 20 con a lo más 2 decimales.");
    else fila_agrega(l, &f);
}

static int por_documento(const void *x, const void *y)
{
    const val_fila *a = x, *b = y;
    int c = strcmp(a->tipo_documento, b->tipo_documento);
    if (c) return c;
    c = strcmp(a->numero_documento, b->numero_documento);
    return c ? c : (a->linea > b->linea) - (a->linea < b->linea);
}

static int por_linea(const void *x, const void *y)
{
    const val_error *a = x, *b = y;
    return (a->linea > b->linea) - (a->linea < b->linea);
}

/* Sorts the rows and reports every repeated document (the later lines). */
static void ordena_y_repetidos(lector *l)
{
    val_archivo *v = l->out;
    if (v->n) qsort(v->filas, v->n, sizeof *v->filas, por_documento);
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (k && !strcmp(v->filas[k - 1].tipo_documento, v->filas[i].tipo_documento) &&
            !strcmp(v->filas[k - 1].numero_documento, v->filas[i].numero_documento)) {
            error_en(
                l, v->filas[i].linea,
                arena_printf(l->a, "Documento repetido: ya figura en la línea %ld.", v->filas[k - 1].linea));
            continue;
        }
        v->filas[k++] = v->filas[i];
    }
    v->n = k;
    if (v->n_errores) qsort(v->errores, v->n_errores, sizeof *v->errores, por_linea);
}

int val_archivo_leer(arena *a, const char *buf, size_t len, val_fuente f, val_archivo *out)
{
    memset(out, 0, sizeof *out);
    out->fuente = f;
    lector l = {a, out, 0, 0, false};
    char delim = csv_sniff(buf, len) == ';' ? ';' : ',';
    csv_reader r;
    csv_init(&r, buf, len, delim);
    csv_record rec;
    bool primera = true;
    int rc = 0;
    while (!l.sin_memoria && (rc = csv_next(&r, a, &rec)) == 1) {
        if (csv_record_blank(&rec)) continue;
        if (primera && es_cabecera(&rec)) {
            primera = false;
            continue;
        }
        primera = false;
        lee_registro(&l, &rec);
    }
    if (!l.sin_memoria && rc == -1) error_en(&l, r.error_line, r.error);
    if (!l.sin_memoria && !out->n && !out->n_errores) error_en(&l, 1, "El archivo no tiene filas de datos.");
    if (!l.sin_memoria) ordena_y_repetidos(&l);
    return l.sin_memoria || a->failed ? -1 : 0;
}

const val_fila *val_archivo_buscar(const val_archivo *v, const char *tipo_documento, const char *numero)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(v->filas[mid].tipo_documento, tipo_documento);
        if (!c) c = strcmp(v->filas[mid].numero_documento, numero);
        if (!c) return &v->filas[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

val_resultado val_comparar(val_fuente f, const char *declarado, const val_fila *oficial)
{
    if (!oficial) return declarado ? VAL_NO_ENCONTRADO : VAL_NO_APLICA;
    long clave;
    if (!declarado || !val_clave(f, declarado, &clave)) return VAL_DISCREPANCIA;
    return clave == oficial->clave ? VAL_CONFORME : VAL_DISCREPANCIA;
}
