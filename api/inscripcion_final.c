/* inscripcion_final.c - finalize (see inscripcion_final.h). The snapshot is
 * JSON text stored verbatim (a json column), so anyone holding it can
 * recompute the SHA-256 printed on the constancia; the constancia itself is
 * rebuilt from the snapshot on every download, never from live data. */
#include "inscripcion_final.h"
#include "audit.h"
#include "constancia.h"
#include "lima.h"
#include "db.h"
#include "problemas.h"
#include "sql_gen.h"
#include "timeutil.h"
#include "worker.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void insc_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* 12 random Crockford base-32 characters: XXXX-XXXX-XXXX (60 bits). */
static void codigo_verificacion(char out[15])
{
    static const char ALFABETO[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    int o = 0;
    for (int i = 0; i < 12; i++) {
        if (i && i % 4 == 0) out[o++] = '-';
        out[o++] = ALFABETO[randombytes_uniform(32)];
    }
    out[o] = '\0';
}

static const char *texto_en(const jv *root, const char *a, const char *b)
{
    const jv *v = jv_get(root, a);
    if (b) v = jv_get(v, b);
    return v && v->t == JV_STRING ? v->s : NULL;
}

/* Everything declared, frozen: the text whose SHA-256 the constancia prints. */
static const char *instantanea(req *r, const insc_fila *f, const jv *const secciones[SEC_N], const jv *docs,
                               const PGresult *nombres, const char *finalizado_at)
{
    const char *profesion = texto_en(secciones[SEC_PROFESIONALES], "profesion", NULL);
    const char *diresa = texto_en(secciones[SEC_POSTULACION], "diresa", NULL);
    jw *w = jw_new(r->a);
    if (!w) return NULL;
    jw_obj(w);
    jw_kint(w, "inscripcion_id", atoll(f->id));
    insc_escribir_convocatoria(w, f, true);
    insc_escribir_postulante(w, f, false);
    jw_key(w, "profesion");
    jw_obj(w);
    jw_kstr(w, "codigo", profesion);
    jw_kstr(w, "nombre", db_field(nombres, 0, "profesion"));
    jw_end_obj(w);
    jw_key(w, "diresa");
    if (diresa) {
        jw_obj(w);
        jw_kstr(w, "codigo", diresa);
        jw_kstr(w, "nombre", db_field(nombres, 0, "diresa"));
        jw_end_obj(w);
    } else {
        jw_null(w);
    }
    jw_kstr(w, "modalidad", texto_en(secciones[SEC_POSTULACION], "modalidad", NULL));
    for (int s = 0; s < SEC_N; s++) {
        jw_key(w, insc_seccion_nombre((insc_seccion_id)s));
        insc_escribir_jv(w, secciones[s]);
    }
    insc_escribir_lista_documentos(w, docs, false, 0);
    jw_kstr(w, "finalizado_at", finalizado_at);
    jw_end_obj(w);
    size_t len;
    return jw_finish(w, &len);
}

/* Checks completeness; 0, or -1 after answering 422 / 5xx. */
static int exigir_completa(req *r, const insc_fila *f, const jv *const secciones[SEC_N], const jv *docs)
{
    insc_catalogo_bd cat;
    insc_catalogo_bd_init(&cat, r, f->convocatoria_id);
    insc_ctx ctx;
    insc_ctx_init(&ctx, r, f, &cat);
    verr faltan;
    verr_init(&faltan, r->a);
    insc_faltantes(secciones, insc_documentos_bits(docs), &ctx, &faltan, NULL);
    if (ctx.fallo) {
        problema_bd(r);
        return -1;
    }
    if (faltan.n == 0) return 0;
    problema_errores(
        r, P_INSCRIPCION_INCOMPLETA,
        faltan.n == 1
            ? "Falta un dato o documento para finalizar la inscripción."
            : arena_printf(r->a, "Faltan %d datos o documentos para finalizar la inscripción.", faltan.n),
        &faltan);
    return -1;
}

bool insc_constancia_enviar(req *r, const insc_fila *f, const unsigned char *pdf, size_t len, long version)
{
    char hora[20];
    time_t t;
    if (time_parse_rfc3339(f->finalizado_at, &t) != 0) return false;
    lima_formato(t, "%Y-%m-%d %H:%M:%S", hora, sizeof hora);
    const char *asunto =
        version > 1 ? arena_printf(r->a, "Constancia de inscripción SERUMS %s (versión %ld, subsanación)",
                                   f->convocatoria_codigo, version)
                    : arena_printf(r->a, "Constancia de inscripción SERUMS %s", f->convocatoria_codigo);
    const char *texto = arena_printf(
        r->a,
        "Estimado(a) %s:\n\nSu inscripción en la convocatoria SERUMS %s quedó registrada el %s (hora de Lima).\n\n"
        "%sCódigo de verificación: %s\nSHA-256 de los datos finalizados: %s\n\n"
        "Adjuntamos su constancia de inscripción en PDF. También puede descargarla cuando lo necesite.\n\n"
        "Equipo Técnico Nacional SERUMS - Ministerio de Salud\n",
        f->nombres ? f->nombres : "postulante", f->convocatoria_codigo, hora,
        version > 1
            ? arena_printf(r->a, "Esta es la versión %ld de sus datos, tras la subsanación.\n", version)
            : "",
        f->codigo_verificacion, f->sha256_datos);
    const char *nombre = arena_printf(r->a, "constancia-%s.pdf", f->codigo_verificacion);
    if (!asunto || !texto || !nombre) return false;
    const char *p[] = {f->email, asunto, texto, nombre, (const char *)pdf};
    const int lens[] = {0, 0, 0, 0, (int)len};
    const int fmts[] = {0, 0, 0, 0, 1};
    return db_exec_bin(r->w->db, r->a, &SQL_insc_final_correo, 5, p, lens, fmts) != NULL;
}

int insc_instantanea_nueva(req *r, const insc_fila *f, insc_instantanea *out)
{
    const jv *docs = insc_documentos(r, f);
    if (!docs) return -1;
    const jv *secciones[SEC_N];
    for (int s = 0; s < SEC_N; s++) secciones[s] = insc_json_guardado(r, f->secciones[s]);
    if (exigir_completa(r, f, secciones, docs) != 0) return -1;

    const char *p_nombres[] = {texto_en(secciones[SEC_PROFESIONALES], "profesion", NULL),
                               texto_en(secciones[SEC_POSTULACION], "diresa", NULL)};
    PGresult *nombres = db_exec(r->w->db, r->a, &SQL_insc_final_nombres, 2, p_nombres);
    if (!nombres || PQntuples(nombres) != 1) {
        problema_bd(r);
        return -1;
    }

    insc_fila *fin = &out->fila;
    *fin = *f;
    const char *ahora = api_ahora(r);
    codigo_verificacion(out->codigo);
    fin->finalizado_at = ahora;
    fin->codigo_verificacion = out->codigo;
    fin->datos_finalizados = ahora ? instantanea(r, f, secciones, docs, nombres, ahora) : NULL;
    if (!fin->datos_finalizados) {
        problema(r, P_ERROR_INTERNO, "Sin memoria.");
        return -1;
    }
    insc_sha256_hex(fin->datos_finalizados, strlen(fin->datos_finalizados), out->sha256);
    fin->sha256_datos = out->sha256;
    if (insc_constancia(r, fin, &out->pdf, &out->len) != 0) {
        problema(r, P_ERROR_INTERNO, "No se pudo generar la constancia.");
        return -1;
    }
    return 0;
}

int insc_finalizar(req *r, const insc_fila *f)
{
    insc_instantanea in;
    if (insc_instantanea_nueva(r, f, &in) != 0) return -1;
    const insc_fila *fin = &in.fila;
    const char *p[] = {f->id, fin->finalizado_at, in.codigo, in.sha256, fin->datos_finalizados};
    PGresult *upd = db_exec(r->w->db, r->a, &SQL_insc_finalizar, 5, p);
    if (!upd || !insc_constancia_enviar(r, fin, in.pdf, in.len, 1) ||
        !audit_record(r, "inscripcion.finalizar", "inscripcion", f->id, NULL,
                      arena_printf(r->a, "{\"codigo_verificacion\":\"%s\",\"sha256_datos\":\"%s\"}",
                                   in.codigo, in.sha256))) {
        problema_bd(r);
        return -1;
    }
    return 0;
}

static const char *nombre_completo(req *r, const jv *snap)
{
    const char *ap = texto_en(snap, "postulante", "apellido_paterno"),
               *am = texto_en(snap, "postulante", "apellido_materno");
    const char *n = texto_en(snap, "postulante", "nombres");
    return arena_printf(r->a, "%s%s%s, %s", ap ? ap : "", am ? " " : "", am ? am : "", n ? n : "");
}

int insc_constancia(req *r, const insc_fila *f, unsigned char **pdf, size_t *len)
{
    const jv *snap = insc_json_guardado(r, f->datos_finalizados);
    time_t t;
    if (!snap || !f->finalizado_at || time_parse_rfc3339(f->finalizado_at, &t) != 0) return -1;
    char hora[20];
    lima_formato(t, "%Y-%m-%d %H:%M:%S", hora, sizeof hora);
    const jv *docs = jv_get(snap, "documentos");
    size_t nd = docs && docs->t == JV_ARRAY ? docs->n : 0;
    constancia_documento *lista = arena_calloc(r->a, nd ? nd : 1, sizeof *lista);
    if (!lista) return -1;
    for (size_t i = 0; i < nd; i++) {
        lista[i].tipo = texto_en(docs->items[i], "tipo", NULL);
        lista[i].sha256 = texto_en(docs->items[i], "sha256", NULL);
    }
    const char *diresa = texto_en(snap, "diresa", "nombre");
    constancia_datos d = {
        .convocatoria = arena_printf(r->a, "%s (%s)", texto_en(snap, "convocatoria", "codigo"),
                                     texto_en(snap, "convocatoria", "tipo")),
        .nombres = nombre_completo(r, snap),
        .documento = arena_printf(r->a, "%s %s", texto_en(snap, "postulante", "tipo_documento"),
                                  texto_en(snap, "postulante", "numero_documento")),
        .profesion = texto_en(snap, "profesion", "nombre"),
        .universidad = texto_en(snap, "datos_profesionales", "universidad"),
        .diresa = diresa ? diresa : "No corresponde (trabajador del Estado)",
        .modalidad = texto_en(snap, "modalidad", NULL),
        .fecha_hora = arena_printf(r->a, "%s (hora de Lima)", hora),
        .codigo_verificacion = f->codigo_verificacion,
        .sha256 = f->sha256_datos,
        .documentos = lista,
        .ndocumentos = nd,
    };
    return constancia_pdf(r->a, &d, pdf, len);
}
