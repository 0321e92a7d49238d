/* test_publicaciones.c - the whole path through nginx: finalize -> review
 * (APTO, OBSERVADO, NO_APTO) -> publish the preliminary list -> subsanar ->
 * re-review -> publish the final list, each published CSV and JSON read back
 * (API and static mirror) and checked against the database; and every
 * unhappy path of publications and subsanación. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_revision.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

TestSuite(publicaciones, .timeout = 240);

#define OBSERVADO_PPP                                                                                    \
    "{\"resultado\":\"OBSERVADO\",\"observacion\":\"El PDF del PPP es ilegible; súbalo de nuevo.\","     \
    "\"requisitos\":[{\"requisito\":\"NOTA_PPP\",\"estado\":\"OBSERVADO\",\"comentario\":\"ilegible\"}]}"

static it_resp *get_h(const char *path, const char *h1, const char *h2)
{
    const char *h[] = {h1, h2, NULL};
    return it_request("GET", path, NULL, NULL, 0, h1 ? h : NULL);
}

static void sha_hex(const char *s, size_t n, char out[65])
{
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)s, n);
    sodium_bin2hex(out, 65, h, 32);
}

static it_resp *publicar(const char *conv, const char *tipo, long want)
{
    char body[96];
    snprintf(body, sizeof body, "{\"tipo\":\"%s\"}", tipo);
    it_resp *r = it_post(itp("/v1/convocatorias/%s/publicaciones", conv), it_token_admin(), body);
    cr_assert_eq(r->status, want, "publicar %s: %ld %s", tipo, r->status, r->body);
    return r;
}

/* The database's view of one inscription for the list: the masked document,
 * the estado and the owner's email (which must never appear). */
typedef struct esperado {
    const char *id;
    char *mascara, *estado, *email, *dni;
} esperado;

static void cargar(esperado *e, const char *id)
{
    e->id = id;
    e->dni = it_db_value("select u.numero_documento from inscripciones i join usuarios u on u.id = i.usuario_id "
                         "where i.id = $1::bigint", id);
    e->email = it_db_value("select u.email from inscripciones i join usuarios u on u.id = i.usuario_id "
                           "where i.id = $1::bigint", id);
    e->estado = it_db_value("select estado from inscripciones where id = $1::bigint", id);
    e->mascara = malloc(16);
    snprintf(e->mascara, 16, "****%s", e->dni + strlen(e->dni) - 4);
}

static void liberar(esperado *e)
{
    free(e->mascara);
    free(e->estado);
    free(e->email);
    free(e->dni);
}

/* Reads version v of tipo as JSON and CSV (API and mirror) and checks them
 * against the database and each other. */
static void verificar_lista(const char *conv, const char *tipo, long v, esperado *es, size_t n, size_t filas)
{
    it_resp *j = it_get(itp("/v1/convocatorias/%s/publicaciones/%s/versiones/%ld.json", conv, tipo, v), NULL);
    cr_assert_eq(j->status, 200, "%s", j->body);
    cr_expect_eq(it_int(j, "filas"), (long long)filas);
    cr_expect_eq(it_path(j, "items")->n, filas);
    cr_expect_str_eq(it_header(j, "cache-control"), "public, max-age=31536000, immutable");
    cr_expect_str_eq(it_header(j, "access-control-allow-origin"), "*");
    char sha_json[65];
    sha_hex(j->body, j->len, sha_json);
    cr_expect_str_eq(it_header(j, "etag"), itp("\"%s\"", sha_json));
    for (size_t i = 0; i < n; i++) {
        bool visto = false;
        const jv *items = it_path(j, "items");
        for (size_t k = 0; k < items->n; k++) {
            const jv *doc = jv_get(items->items[k], "documento");
            if (strcmp(doc->s, es[i].mascara)) continue;
            visto = true;
            cr_expect_str_eq(jv_get(items->items[k], "estado")->s, es[i].estado, "%s", es[i].id);
        }
        cr_expect(visto, "inscripción %s no figura en %s v%ld", es[i].id, tipo, v);
        cr_expect(strstr(j->body, es[i].dni) == NULL, "documento completo publicado");
        cr_expect(strstr(j->body, es[i].email) == NULL, "correo publicado");
    }
    const char *prohibidos[] = {"987654321", "Áncash", "ilegible", "Rosa Mamani", "@", "discapacidad", NULL};
    for (int p = 0; prohibidos[p]; p++) cr_expect(strstr(j->body, prohibidos[p]) == NULL, "%s publicado", prohibidos[p]);

    it_resp *c = it_get(itp("/v1/convocatorias/%s/publicaciones/%s/versiones/%ld?formato=csv", conv, tipo, v), NULL);
    cr_assert_eq(c->status, 200);
    cr_expect(strstr(c->content_type, "text/csv") != NULL);
    cr_expect_eq(memcmp(c->body, "\xEF\xBB\xBFn;apellidos_nombres;documento;profesion;modalidad;"
                                 "diresa_procedencia;estado;observacion_publica\r\n", 91), 0);
    size_t lineas = 0;
    for (size_t i = 0; i < c->len; i++) lineas += c->body[i] == '\n';
    cr_expect_eq(lineas, filas + 1);
    char sha_csv[65];
    sha_hex(c->body, c->len, sha_csv);
    cr_expect_str_eq(it_str(j, "sha256"), sha_csv);
    cr_expect_str_eq(it_header(c, "etag"), itp("\"%s\"", sha_csv));
    for (size_t i = 0; i < n; i++) cr_expect(strstr(c->body, itp(";%s;", es[i].mascara)) != NULL);

    /* the static mirror nginx serves holds the same bytes */
    it_resp *m = it_get(itp("/publicaciones/%s/%s/v%ld.csv", conv, tipo, v), NULL);
    cr_assert_eq(m->status, 200);
    cr_expect_eq(m->len, c->len);
    cr_expect_eq(memcmp(m->body, c->body, c->len), 0);
    cr_expect_str_eq(it_header(m, "access-control-allow-origin"), "*");
    cr_expect_str_eq(it_header(m, "cache-control"), "public, max-age=31536000, immutable");
    it_free(m);
    m = it_get(itp("/publicaciones/%s/%s/v%ld.json", conv, tipo, v), NULL);
    cr_expect_eq(m->len, j->len);
    cr_expect_eq(memcmp(m->body, j->body, j->len), 0);
    it_free(m);

    /* the database keeps the same bytes */
    char *db_sha = it_db_value(itp("select sha256 || sha256_json from publicaciones where convocatoria_id = $1::bigint "
                                   "and tipo = '%s' and version = %ld", tipo, v), conv);
    cr_expect_str_eq(db_sha, itp("%s%s", sha_csv, sha_json));
    free(db_sha);
    it_free(c);
    it_free(j);
}

Test(publicaciones, whole_path_from_finalize_to_the_final_list)
{
    char *conv = it_conv_revision(true);
    char *ta, *to, *tn;
    char *a = it_inscripcion_finalizada(conv, &ta), *o = it_inscripcion_finalizada(conv, &to),
         *n = it_inscripcion_finalizada(conv, &tn);
    char *email_o = it_db_value("select u.email from inscripciones i join usuarios u on u.id = i.usuario_id "
                                "where i.id = $1::bigint", o);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\"}", 201));
    it_free(it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201));
    it_free(it_revisar(n, it_token_cusco(), "{\"resultado\":\"NO_APTO\",\"observacion\":\"Título no registrado.\"}", 201));
    it_resp *r = publicar(conv, "APTOS_PRELIMINAR", 409);
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);

    /* preliminary list */
    it_fase_vigente(conv, "PUBLICACION_APTOS");
    r = publicar(conv, "APTOS_PRELIMINAR", 201);
    cr_expect_eq(it_int(r, "version"), 1);
    cr_expect_eq(it_int(r, "filas"), 3);
    it_free(r);
    esperado es[3];
    cargar(&es[0], a);
    cargar(&es[1], o);
    cargar(&es[2], n);
    cr_expect_str_eq(es[1].estado, "OBSERVADO");
    verificar_lista(conv, "APTOS_PRELIMINAR", 1, es, 3, 3);
    for (int i = 0; i < 3; i++) liberar(&es[i]);

    /* subsanación: only what was observed */
    it_fase_vigente(conv, "SUBSANACION");
    it_resp *s = it_put(itp("/v1/inscripciones/%s/datos-personales", o), to, IT_PERSONALES);
    it_expect_problem(s, 409, "NO_OBSERVADO");
    it_free(s);
    it_documento(o, to, "COMPROBANTE", 2000, 409);
    it_seccion(o, to, "datos-profesionales", IT_PROF_OBSTETRICIA, 200);
    it_documento(o, to, "PPP", 5000, 200);
    it_seccion(a, ta, "datos-profesionales", IT_PROF_OBSTETRICIA, 409);    /* APTO: nothing to correct */
    s = it_post(itp("/v1/inscripciones/%s/subsanar", o), to, "{\"acepta_declaracion\":true}");
    cr_assert_eq(s->status, 200, "%s", s->body);
    cr_expect_eq(it_int(s, "datos_version"), 2);
    cr_expect_str_eq(it_str(s, "estado"), "SUBSANADO");
    char *sha2 = strdup(it_str(s, "sha256_datos"));
    char *codigo2 = strdup(it_str(s, "codigo_verificacion"));
    it_free(s);
    char *mail = it_mail_wait(email_o, codigo2, 15000);
    cr_expect_not_null(mail, "constancia versión 2 por correo");
    free(mail);
    char *v1 = it_db_value("select string_agg(version || ':' || sha256_datos, ',' order by version) "
                           "from inscripcion_versiones where inscripcion_id = $1::bigint", o);
    char *v1_esperado = it_db_value("select '1:' || sha256_datos from inscripciones where id = $1::bigint", o);
    cr_expect_str_eq(v1, itp("%s,2:%s", v1_esperado, sha2));
    char *hist = it_db_value("select count(*) from inscripcion_documentos_historial where inscripcion_id = $1::bigint "
                             "and tipo = 'PPP'", o);
    cr_expect_str_eq(hist, "1");                                  /* the reviewed PPP is kept */
    s = it_post(itp("/v1/inscripciones/%s/subsanar", o), to, "{\"acepta_declaracion\":true}");
    it_expect_problem(s, 409, "NO_OBSERVADO");
    it_free(s);

    /* re-review with the version read */
    it_resp *g = it_get(itp("/v1/inscripciones/%s/revisiones", o), it_token_cusco());
    cr_assert_eq(g->status, 200);
    cr_expect_eq(it_int(g, "datos_version"), 2);
    cr_expect_eq(it_path(g, "versiones")->n, 2);
    it_resp *rv = it_revisar(o, it_token_cusco(), itp("{\"resultado\":\"APTO\",\"version\":%s}", it_str(g, "version")), 201);
    it_free(rv);
    it_free(g);
    char *revisado = it_db_value("select datos_version || ':' || sha256_datos from revisiones where inscripcion_id = "
                                 "$1::bigint order by id desc limit 1", o);
    cr_expect_str_eq(revisado, itp("2:%s", sha2));

    /* final list */
    it_fase_vigente(conv, "PUBLICACION_FINAL");
    r = publicar(conv, "APTOS_FINAL", 201);
    cr_expect_eq(it_int(r, "filas"), 3);
    it_free(r);
    cargar(&es[0], a);
    cargar(&es[1], o);
    cargar(&es[2], n);
    cr_expect_str_eq(es[1].estado, "APTO");
    verificar_lista(conv, "APTOS_FINAL", 1, es, 3, 3);
    for (int i = 0; i < 3; i++) liberar(&es[i]);

    /* the index lists both, with the hashes of the versions */
    r = it_get(itp("/v1/convocatorias/%s/publicaciones", conv), NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_path(r, "items")->n, 2);
    cr_expect_str_eq(it_str(r, "items.0.tipo"), "APTOS_FINAL");
    it_free(r);
    char *audit = it_db_value("select count(*) from audit_log a join publicaciones p on p.id::text = a.entity_id "
                              "where a.action = 'publicacion.publicar' and p.convocatoria_id = $1::bigint", conv);
    cr_expect_str_eq(audit, "2");
    free(audit);
    free(revisado);
    free(hist);
    free(v1);
    free(v1_esperado);
    free(sha2);
    free(codigo2);
    free(email_o);
    free(a);
    free(o);
    free(n);
    free(ta);
    free(to);
    free(tn);
    free(conv);
}

Test(publicaciones, formats_caching_and_conditional_requests)
{
    char *conv = it_conv_revision(true);
    char *a = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\"}", 201));
    it_fase_vigente(conv, "PUBLICACION_APTOS");
    it_free(publicar(conv, "APTOS_PRELIMINAR", 201));
    it_resp *r2 = publicar(conv, "APTOS_PRELIMINAR", 201);
    cr_expect_eq(it_int(r2, "version"), 2);
    cr_expect_str_eq(it_header(r2, "location"),
                     itp("/v1/convocatorias/%s/publicaciones/APTOS_PRELIMINAR/versiones/2", conv));
    it_free(r2);

    const char *base = itp("/v1/convocatorias/%s/publicaciones/APTOS_PRELIMINAR", conv);
    char path[256];
    snprintf(path, sizeof path, "%s", base);
    it_resp *latest = it_get(path, NULL);
    cr_assert_eq(latest->status, 200);
    cr_expect_eq(it_int(latest, "version"), 2);
    cr_expect_str_eq(it_header(latest, "cache-control"), "public, max-age=300");
    cr_expect(strstr(latest->content_type, "application/json") != NULL);
    char *etag = strdup(it_header(latest, "etag"));
    it_resp *r = get_h(path, itp("If-None-Match: %s", etag), NULL);
    cr_expect_eq(r->status, 304);
    it_free(r);
    r = get_h(path, "Accept: text/csv", "Origin: https://datos.example.org");
    cr_expect(strstr(r->content_type, "text/csv") != NULL);
    cr_expect_str_eq(it_header(r, "access-control-allow-origin"), "*");
    it_free(r);
    r = it_get(itp("%s.csv", path), NULL);
    cr_expect(strstr(r->content_type, "text/csv") != NULL);
    it_free(r);
    r = it_get(itp("%s/versiones/1.json", path), NULL);
    cr_expect_eq(it_int(r, "version"), 1);
    it_free(r);
    r = it_get(itp("%s.csv?formato=json", path), NULL);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get(itp("%s?formato=xml", path), NULL);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    r = it_get(itp("%s/versiones/9", path), NULL);
    it_expect_problem(r, 404, "PUBLICACION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("%s/versiones/x.csv", path), NULL);
    it_expect_problem(r, 404, "PUBLICACION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/publicaciones/APTOS_FINAL", conv), NULL);
    it_expect_problem(r, 404, "PUBLICACION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(itp("/v1/convocatorias/%s/publicaciones/OTRA.pdf", conv), NULL);
    it_expect_problem(r, 404, "PUBLICACION_NO_ENCONTRADA");
    it_free(r);
    r = it_get("/v1/convocatorias/999999999/publicaciones", NULL);
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    it_free(latest);
    free(etag);
    free(a);
    free(conv);
}

Test(publicaciones, who_when_and_what_may_be_published)
{
    char *conv = it_conv_revision(true);
    char *token;
    char *a = it_inscripcion_finalizada(conv, &token), *o = it_inscripcion_finalizada(conv, NULL);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201));
    it_fase_vigente(conv, "PUBLICACION_FINAL");
    it_resp *r = it_post(itp("/v1/convocatorias/%s/publicaciones", conv), token, "{\"tipo\":\"APTOS_FINAL\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(itp("/v1/convocatorias/%s/publicaciones", conv), it_token_cusco(), "{\"tipo\":\"APTOS_FINAL\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = publicar(conv, "APTOS", 422);
    cr_expect(it_has_field_error(r, "tipo"));
    it_free(r);
    r = it_post("/v1/convocatorias/999999999/publicaciones", it_token_admin(), "{\"tipo\":\"APTOS_FINAL\"}");
    it_expect_problem(r, 404, "CONVOCATORIA_NO_ENCONTRADA");
    it_free(r);
    /* a is still INSCRITO: the final list waits, and nothing changes */
    r = publicar(conv, "APTOS_FINAL", 409);
    it_expect_problem(r, 409, "REVISIONES_PENDIENTES");
    it_free(r);
    char *e = it_db_value("select estado from inscripciones where id = $1::bigint", o);
    cr_expect_str_eq(e, "OBSERVADO");
    free(e);
    /* the subsanación is over: the DIRESA can no longer review the INSCRITO one either, admin publishes after
     * reviewing in REVISION; here we put it back in REVISION to finish */
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(a, it_token_cusco(), "{\"resultado\":\"APTO\"}", 201));
    it_fase_vigente(conv, "PUBLICACION_FINAL");
    r = publicar(conv, "APTOS_FINAL", 201);
    it_free(r);
    e = it_db_value("select estado || ':' || (select observacion from revisiones where inscripcion_id = $1::bigint "
                    "order by id desc limit 1) from inscripciones where id = $1::bigint", o);
    cr_expect_str_eq(e, "NO_APTO:No subsanó dentro del plazo de subsanación.");
    free(e);
    e = it_db_value("select count(*) from audit_log where action = 'inscripcion.no_subsano' and entity_id = $1", conv);
    cr_expect_str_eq(e, "1");
    free(e);
    free(token);
    free(a);
    free(o);
    free(conv);
}

Test(publicaciones, subsanar_unhappy_paths)
{
    char *conv = it_conv_revision(true);
    char *to, *ta;
    char *o = it_inscripcion_finalizada(conv, &to), *a = it_inscripcion_finalizada(conv, &ta);
    it_fase_vigente(conv, "REVISION");
    it_free(it_revisar(o, it_token_cusco(), OBSERVADO_PPP, 201));
    /* before SUBSANACION */
    it_resp *r = it_post(itp("/v1/inscripciones/%s/subsanar", o), to, "{\"acepta_declaracion\":true}");
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    it_seccion(o, to, "datos-profesionales", IT_PROF_OBSTETRICIA, 409);
    it_fase_vigente(conv, "SUBSANACION");
    r = it_post(itp("/v1/inscripciones/%s/subsanar", o), ta, "{\"acepta_declaracion\":true}");
    it_expect_problem(r, 404, "INSCRIPCION_NO_ENCONTRADA");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/subsanar", a), ta, "{\"acepta_declaracion\":true}");
    it_expect_problem(r, 409, "NO_OBSERVADO");
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/subsanar", o), to, "{\"acepta_declaracion\":false}");
    cr_expect_eq(r->status, 422);
    cr_expect(it_has_field_error(r, "acepta_declaracion"));
    it_free(r);
    r = it_post(itp("/v1/inscripciones/%s/subsanar", o), it_token_cusco(), "{\"acepta_declaracion\":true}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    it_seccion(o, to, "declaracion-jurada", IT_DECLARACION, 409);
    char *e = it_db_value("select estado || datos_version from inscripciones where id = $1::bigint", o);
    cr_expect_str_eq(e, "OBSERVADO1");
    free(e);
    free(to);
    free(ta);
    free(o);
    free(a);
    free(conv);
}
