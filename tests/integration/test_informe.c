/* test_informe.c - the informe final black-box through nginx: the manual's
 * whole flow (register months, replace one, send, observe, complete, send,
 * approve, print, resolución) and every unhappy path of issue 12, on
 * adjudicated inscriptions made by database fixtures (support/it_informe.c). */
#include "it.h"
#include "it_informe.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INICIO "2026-05-01"
#define FIN "2027-05-01"
#define CUSCO "diresa.cusco@serums.test"
#define AMAZONAS "diresa.amazonas@serums.test"

static char *ruta(const it_serumista *s, const char *resto)
{
    static char buf[8][256];
    static int k;
    char *b = buf[k++ % 8];
    snprintf(b, 256, "/v1/inscripciones/%s/informe%s", s->inscripcion, resto);
    return b;
}

static long estado_http(it_resp *r)
{
    long s = r->status;
    it_free(r);
    return s;
}

static void poner_mes(const it_serumista *s, int anio, int mes, int prog, int ejec)
{
    char p[64], body[96];
    snprintf(p, sizeof p, "/atenciones/%d/%d", anio, mes);
    snprintf(body, sizeof body, "{\"programadas\": %d, \"ejecutadas\": %d}", prog, ejec);
    it_resp *r = it_put(ruta(s, p), s->token, body);
    cr_assert_eq(r->status, 200, "%s: %ld %s", p, r->status, r->body);
    it_free(r);
}

static char *leer(const char *sql, const char *p)
{
    char *v = it_db_value(sql, p);
    cr_assert(v, "%s", sql);
    return v;
}

/* The informe's audit rows and its state, to show a refused request changed nothing. */
static char *huella_bd(const it_serumista *s)
{
    return it_db_value("select coalesce((select estado || ':' || (select count(*) from audit_log a where a.entity = "
                       "'informe' and a.entity_id = f.id::text) || ':' || (select count(*) from informe_atenciones t "
                       "where t.informe_id = f.id) || ':' || (select count(*) from informe_actividades v where "
                       "v.informe_id = f.id) from informes f where f.inscripcion_id = $1::bigint), 'sin informe')",
                       s->inscripcion);
}

/* Undoes quoted-printable in place (soft line breaks and =XX). */
static void qp_decodifica(char *t)
{
    char *o = t;
    for (char *i = t; *i;) {
        if (i[0] == '=' && (i[1] == '\n' || (i[1] == '\r' && i[2] == '\n'))) { i += i[1] == '\n' ? 2 : 3; continue; }
        if (i[0] == '=' && isxdigit((unsigned char)i[1]) && isxdigit((unsigned char)i[2])) {
            char h[3] = {i[1], i[2], 0};
            *o++ = (char)strtol(h, NULL, 16);
            i += 3;
            continue;
        }
        *o++ = *i++;
    }
    *o = '\0';
}

/* The newest mail to `to`, decoded, contains `frase` (waits up to 10 s for it). */
static bool correo_con(const char *to, const char *frase)
{
    for (int i = 0; i < 50; i++) {
        char *m = it_mail_wait(to, NULL, 200);
        bool ok = false;
        if (m) {
            qp_decodifica(m);
            ok = strstr(m, frase) != NULL;
            free(m);
        }
        if (ok) return true;
        usleep(200000);
    }
    return false;
}

static char *pdftotext(const char *pdf, size_t len)
{
    char in[] = "/tmp/it-informe-XXXXXX";
    int fd = mkstemp(in);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>/dev/null", in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    cr_assert(out);
    size_t k;
    while ((k = fread(out + n, 1, cap - n - 1, p)) > 0) n += k;
    out[n] = '\0';
    pclose(p);
    unlink(in);
    return out;
}

Test(informe, the_manuals_whole_flow)
{
    it_serumista s;
    it_serumista_adjudicado("CUSCO", NULL, INICIO, FIN, true, &s);
    char *cusco = it_login(CUSCO, IT_DEV_PASSWORD);
    cr_assert(cusco);

    /* empty REGISTRADO informe: the whole period missing */
    it_resp *r = it_get(ruta(&s, ""), s.token);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "REGISTRADO");
    cr_expect_eq(it_path(r, "meses_faltantes")->n, 12);
    cr_expect_str_eq(it_str(r, "periodo.inicio"), INICIO);
    it_free(r);

    /* register two months, then replace one (same key: replaced) */
    poner_mes(&s, 2026, 5, 120, 118);
    poner_mes(&s, 2026, 6, 130, 141);
    poner_mes(&s, 2026, 5, 125, 119);
    r = it_get(ruta(&s, ""), s.token);
    cr_expect_eq(it_path(r, "atenciones")->n, 2);
    cr_expect_eq(it_int(r, "atenciones.0.programadas"), 125);
    cr_expect_eq(it_int(r, "atenciones.0.ejecutadas"), 119);
    cr_expect_eq(it_int(r, "atenciones.1.mes"), 6);
    cr_expect_eq(it_path(r, "meses_faltantes")->n, 10);
    cr_expect_eq(it_int(r, "meses_faltantes.0.mes"), 7);
    it_free(r);

    /* actividades: upsert by key, whitespace collapsed */
    r = it_put(ruta(&s, "/actividades"), s.token,
               "{\"anio\": 2026, \"mes\": 5, \"rubro\": \"CAPACITACION\", \"actividad\": \"Taller de lactancia materna\", "
               "\"programadas\": 4, \"ejecutadas\": 3}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = it_put(ruta(&s, "/actividades"), s.token,
               "{\"anio\": 2026, \"mes\": 5, \"rubro\": \"CAPACITACION\", \"actividad\": \"  Taller de   lactancia materna\", "
               "\"programadas\": 4, \"ejecutadas\": 5}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "actividades")->n, 1, "same key replaced");
    cr_expect_eq(it_int(r, "actividades.0.ejecutadas"), 5);
    it_free(r);
    r = it_put(ruta(&s, "/actividades"), s.token,
               "{\"anio\": 2026, \"mes\": 6, \"rubro\": \"PREVENTIVO_PROMOCIONAL\", "
               "\"actividad\": \"Campaña de vacunación en Ñuñoa\", \"programadas\": 2, \"ejecutadas\": 2}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "actividades")->n, 2);
    it_free(r);
    /* rows can be deleted while editable: a third month and an actividad, written then removed */
    poner_mes(&s, 2026, 8, 1, 1);
    cr_expect_eq(estado_http(it_delete(ruta(&s, "/atenciones/2026/8"), s.token)), 204);
    r = it_put(ruta(&s, "/actividades"), s.token,
               "{\"anio\": 2026, \"mes\": 6, \"rubro\": \"GESTION\", \"actividad\": \"Reunión de error\", "
               "\"programadas\": 1, \"ejecutadas\": 1}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "actividades")->n, 3);
    char borrar[128];
    snprintf(borrar, sizeof borrar, "/actividades/%s", it_str(r, "actividades.1.id"));   /* 2026-06 GESTION */
    cr_expect_str_eq(it_str(r, "actividades.1.rubro"), "GESTION");
    it_free(r);
    cr_expect_eq(estado_http(it_delete(ruta(&s, borrar), s.token)), 204);
    r = it_get(ruta(&s, ""), s.token);
    cr_expect_eq(it_path(r, "atenciones")->n, 2);
    cr_expect_eq(it_path(r, "actividades")->n, 2);
    it_free(r);
    r = it_put(ruta(&s, ""), s.token,
               "{\"conclusiones\": \"Se cumplió la meta de atención.\", \"recomendaciones\": \"Más vacunas en época seca.\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "conclusiones"), "Se cumplió la meta de atención.");
    it_free(r);

    /* the participation list links the informe */
    r = it_get("/v1/me/inscripciones", s.token);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "items.0.id"), s.inscripcion);
    cr_expect_str_eq(it_str(r, "items.0.estado"), "ADJUDICADO");
    cr_expect_str_eq(it_str(r, "items.0.adjudicacion.informe.estado"), "REGISTRADO");
    cr_expect_str_eq(it_str(r, "items.0.adjudicacion.informe.url"), ruta(&s, ""));
    cr_expect_str_eq(it_str(r, "items.0.adjudicacion.periodo.fin"), FIN);
    cr_expect_str_eq(it_str(r, "items.0.adjudicacion.plaza.establecimiento"), "P.S. ÑUÑOA");
    it_free(r);

    /* not visible to the DIRESA before it is sent */
    cr_expect_eq(estado_http(it_get(ruta(&s, ""), cusco)), 404);

    /* send: months missing need confirmation, and the 422 names them */
    r = it_post(ruta(&s, "/enviar"), s.token, "{}");
    it_expect_problem(r, 422, "INFORME_INCOMPLETO");
    cr_expect(it_has_field_error(r, "atenciones.2026-07"));
    cr_expect(it_has_field_error(r, "atenciones.2027-04"));
    cr_expect_not(it_has_field_error(r, "atenciones.2026-05"));
    it_free(r);
    r = it_post(ruta(&s, "/enviar"), s.token, "{\"confirmar_incompleto\": true}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "ENVIADO");
    it_free(r);
    r = it_get("/v1/me/inscripciones", s.token);
    cr_expect_str_eq(it_str(r, "items.0.adjudicacion.informe.estado"), "ENVIADO");
    it_free(r);
    char enlace[96];
    snprintf(enlace, sizeof enlace, "/v1/inscripciones/%s/informe", s.inscripcion);
    cr_expect(correo_con(CUSCO, enlace), "the DIRESA's reviewers are told");

    /* locked */
    r = it_put(ruta(&s, "/atenciones/2026/7"), s.token, "{\"programadas\": 1, \"ejecutadas\": 1}");
    it_expect_problem(r, 409, "INFORME_NO_EDITABLE");
    it_free(r);
    cr_expect_eq(estado_http(it_get(ruta(&s, ".pdf"), s.token)), 409, "no report before APROBADO");
    r = it_post(ruta(&s, "/resolucion"), cusco, "{\"numero\": \"RD-0001-2027\", \"fecha\": \"2027-06-01\"}");
    it_expect_problem(r, 409, "INFORME_NO_APROBADO");
    it_free(r);

    /* the DIRESA sees it in its list and observes it */
    char lista[128];
    snprintf(lista, sizeof lista, "/v1/convocatorias/%s/informes?estado=ENVIADO", s.convocatoria);
    r = it_get(lista, cusco);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "total"), 1);
    cr_expect_str_eq(it_str(r, "items.0.inscripcion_id"), s.inscripcion);
    cr_expect_eq(it_int(r, "items.0.meses_registrados"), 2);
    it_free(r);
    r = it_post(ruta(&s, "/revisiones"), cusco,
                "{\"estado\": \"OBSERVADO\", \"observacion\": \"Faltan los meses de julio a abril.\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "OBSERVADO");
    it_free(r);
    cr_expect(correo_con(s.email, "Faltan los meses de julio a abril."), "the serumista is told of the observación");
    r = it_get(ruta(&s, ""), s.token);
    cr_expect_str_eq(it_str(r, "observacion"), "Faltan los meses de julio a abril.");
    it_free(r);

    /* complete the year and send again (no body) */
    for (int i = 2; i < 12; i++) poner_mes(&s, 2026 + (4 + i) / 12, (4 + i) % 12 + 1, 100, 90 + i);
    r = it_post(ruta(&s, "/enviar"), s.token, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "meses_faltantes")->n, 0);
    cr_expect_eq(it_path(r, "observacion")->t, JV_NULL);
    it_free(r);

    /* approve: the hash is fixed */
    r = it_post(ruta(&s, "/revisiones"), cusco, "{\"estado\": \"APROBADO\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "APROBADO");
    char *sha = strdup(it_str(r, "sha256"));
    cr_expect_eq(strlen(sha), 64);
    it_free(r);
    cr_expect(correo_con(s.email, sha), "the serumista is told of the approval");

    /* print: accents, rows and the hash */
    r = it_get(ruta(&s, ".pdf"), s.token);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(r->content_type, "application/pdf");
    char *t = pdftotext(r->body, r->len);
    it_free(r);
    const char *want[] = {"REPORTE DE INFORME FINAL", "P.S. ÑUÑOA (RENIPRESS 99999998)", "Obstetricia",
                          "del 01/05/2026 al 30/04/2027", "Mayo 2026", "Abril 2027", "125", "119",
                          "Taller de lactancia materna", "Campaña de vacunación en Ñuñoa", "Capacitación",
                          "Se cumplió la meta de atención.", "Más vacunas en época seca.", sha};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) cr_expect(strstr(t, want[i]), "missing %s in\n%s", want[i], t);
    free(t);
    r = it_get(ruta(&s, ".pdf"), cusco);
    cr_expect_eq(r->status, 200, "the DIRESA prints it too");
    it_free(r);

    /* resolución */
    r = it_post(ruta(&s, "/resolucion"), cusco, "{\"numero\": \"RD-0457-2027-GERESA-CUSCO\", \"fecha\": \"2027-06-15\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "RESOLUCION");
    cr_expect_str_eq(it_str(r, "resolucion.numero"), "RD-0457-2027-GERESA-CUSCO");
    cr_expect_str_eq(it_str(r, "sha256"), sha);
    it_free(r);
    cr_expect(correo_con(s.email, "RD-0457-2027-GERESA-CUSCO"), "the serumista is told of the resolución");
    r = it_post(ruta(&s, "/resolucion"), cusco, "{\"numero\": \"RD-0458-2027\", \"fecha\": \"2027-06-16\"}");
    it_expect_problem(r, 409, "INFORME_YA_RESUELTO");
    it_free(r);
    r = it_get(ruta(&s, ".pdf"), s.token);
    cr_assert_eq(r->status, 200);
    t = pdftotext(r->body, r->len);
    cr_expect(strstr(t, "N° RD-0457-2027-GERESA-CUSCO del 15/06/2027"), "%s", t);
    cr_expect(strstr(t, sha), "the same hash after the resolución");
    free(t);
    it_free(r);

    /* every transition audited */
    char *n = leer("select count(*) from audit_log a join informes f on a.entity_id = f.id::text "
                   "where a.entity = 'informe' and f.inscripcion_id = $1::bigint and a.action in "
                   "('informe.enviar', 'informe.observar', 'informe.aprobar', 'informe.resolver')",
                   s.inscripcion);
    cr_expect_str_eq(n, "5");
    free(n);
    free(sha);
    free(cusco);
    it_serumista_free(&s);
}

Test(informe, bad_input_is_a_clear_422_that_changes_nothing)
{
    it_serumista s;
    it_serumista_adjudicado("CUSCO", NULL, INICIO, FIN, true, &s);
    poner_mes(&s, 2026, 5, 10, 10);
    char *antes = huella_bd(&s);
    struct { const char *ruta, *body, *campo, *codigo; } casos[] = {
        {"/atenciones/2027/5", "{\"programadas\": 1, \"ejecutadas\": 1}", "mes", "MES_FUERA_DEL_PERIODO"},
        {"/atenciones/2026/4", "{\"programadas\": 1, \"ejecutadas\": 1}", "mes", "MES_FUERA_DEL_PERIODO"},
        {"/atenciones/2026/13", "{\"programadas\": 1, \"ejecutadas\": 1}", "mes", "FUERA_DE_RANGO"},
        {"/atenciones/2026/5", "{\"programadas\": -20, \"ejecutadas\": 1}", "programadas", "CONTEO_NEGATIVO"},
        {"/atenciones/2026/5", "{\"programadas\": 2.5, \"ejecutadas\": 1}", "programadas", "CONTEO_NO_ENTERO"},
        {"/atenciones/2026/5", "{\"programadas\": 1, \"ejecutadas\": 100001}", "ejecutadas", "CONTEO_EXCESIVO"},
        {"/atenciones/2026/5", "{\"programadas\": \"3\", \"ejecutadas\": 1}", "programadas", "TIPO_INVALIDO"},
        {"/atenciones/2026/5", "{\"programadas\": 1}", "ejecutadas", "REQUERIDO"},
        {"/atenciones/2026/5", "{\"programadas\": 1, \"ejecutadas\": 1, \"x\": 1}", "x", "CAMPO_DESCONOCIDO"},
        {"/actividades", "{\"anio\": 2026, \"mes\": 5, \"rubro\": \"FIESTA\", \"actividad\": \"Fiesta patronal\", "
                         "\"programadas\": 1, \"ejecutadas\": 1}", "rubro", "RUBRO_DESCONOCIDO"},
        {"/actividades", "{\"anio\": 2026, \"mes\": 5, \"rubro\": \"GESTION\", \"actividad\": \" ab \", "
                         "\"programadas\": 1, \"ejecutadas\": 1}", "actividad", "LONGITUD_INVALIDA"},
        {"/actividades", "{\"anio\": 2027, \"mes\": 6, \"rubro\": \"GESTION\", \"actividad\": \"Reunión\", "
                         "\"programadas\": 1, \"ejecutadas\": 1}", "mes", "MES_FUERA_DEL_PERIODO"},
    };
    for (size_t i = 0; i < sizeof casos / sizeof casos[0]; i++) {
        it_resp *r = it_put(ruta(&s, casos[i].ruta), s.token, casos[i].body);
        it_expect_problem(r, 422, "VALIDACION");
        cr_expect(it_has_field_error(r, casos[i].campo), "case %zu: %s", i, r->body);
        cr_expect(strstr(r->body, casos[i].codigo), "case %zu: %s", i, r->body);
        it_free(r);
    }
    char largo[4100 + 40];
    memset(largo, 0, sizeof largo);
    strcpy(largo, "{\"conclusiones\": \"");
    memset(largo + strlen(largo), 'a', 4001);
    strcat(largo, "\"}");
    it_resp *r = it_put(ruta(&s, ""), s.token, largo);
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "conclusiones"));
    it_free(r);
    r = it_post(ruta(&s, "/enviar"), s.token, "{\"confirmar_incompleto\": \"si\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_put(ruta(&s, "/atenciones/2026/5"), s.token, "{\"programadas\": ");
    it_expect_problem(r, 400, "JSON_INVALIDO");
    it_free(r);
    char *despues = huella_bd(&s);
    cr_expect_str_eq(antes, despues);
    free(antes);
    free(despues);
    it_serumista_free(&s);
}

Test(informe, access_roles_and_ids)
{
    it_serumista s, otro;
    it_serumista_adjudicado("CUSCO", NULL, INICIO, FIN, true, &s);
    it_serumista_adjudicado("AMAZONAS", s.convocatoria, INICIO, FIN, true, &otro);
    char *cusco = it_login(CUSCO, IT_DEV_PASSWORD), *amazonas = it_login(AMAZONAS, IT_DEV_PASSWORD);
    cr_assert(cusco && amazonas);
    poner_mes(&s, 2026, 5, 1, 1);
    char *antes = huella_bd(&s);
    /* another user's id: 404; wrong role: 403 */
    it_resp *r = it_get(ruta(&s, ""), otro.token);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_put(ruta(&s, "/atenciones/2026/6"), otro.token, "{\"programadas\": 1, \"ejecutadas\": 1}");
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_put(ruta(&s, "/atenciones/2026/6"), cusco, "{\"programadas\": 1, \"ejecutadas\": 1}");
    cr_expect_eq(r->status, 403);
    it_free(r);
    r = it_post(ruta(&s, "/revisiones"), s.token, "{\"estado\": \"APROBADO\"}");
    cr_expect_eq(r->status, 403);
    it_free(r);
    /* a postulante who is not adjudicated, and ids that do not exist */
    char *conv = it_convocatoria_abierta(), *token = NULL;
    char *insc = it_inscripcion_nueva(conv, &token, NULL);
    char p[128];
    snprintf(p, sizeof p, "/v1/inscripciones/%s/informe", insc);
    r = it_get(p, token);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    snprintf(p, sizeof p, "/v1/inscripciones/%s/informe/atenciones/2026/5", insc);
    r = it_put(p, token, "{\"programadas\": 1, \"ejecutadas\": 1}");
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_get("/v1/inscripciones/99999999999/informe", s.token);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_get("/v1/inscripciones/abc/informe", s.token);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_delete(ruta(&s, "/atenciones/2026/7"), s.token);
    it_expect_problem(r, 404, "ATENCION_NO_ENCONTRADA");
    it_free(r);
    r = it_delete(ruta(&s, "/actividades/999999999"), s.token);
    it_expect_problem(r, 404, "ACTIVIDAD_NO_ENCONTRADA");
    it_free(r);
    /* sent: a DIRESA of another DIRESA gets 404 for reading, reviewing and the list */
    r = it_post(ruta(&s, "/enviar"), s.token, "{\"confirmar_incompleto\": true}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    free(antes);
    antes = huella_bd(&s);
    r = it_get(ruta(&s, ""), amazonas);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_post(ruta(&s, "/revisiones"), amazonas, "{\"estado\": \"APROBADO\"}");
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    r = it_get(ruta(&s, ".pdf"), amazonas);
    it_expect_problem(r, 404, "INFORME_NO_ENCONTRADO");
    it_free(r);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes", s.convocatoria);
    r = it_get(p, amazonas);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    r = it_get(p, s.token);
    cr_expect_eq(r->status, 403);
    it_free(r);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes?estado=BORRADOR", s.convocatoria);
    r = it_get(p, cusco);
    it_expect_problem(r, 400, "PARAMETRO_INVALIDO");
    it_free(r);
    /* reviews: observación required, not twice */
    r = it_post(ruta(&s, "/revisiones"), cusco, "{\"estado\": \"OBSERVADO\"}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "observacion"));
    it_free(r);
    r = it_post(ruta(&s, "/revisiones"), cusco, "{\"estado\": \"RECHAZADO\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_post(ruta(&s, "/resolucion"), cusco, "{\"numero\": \"R\", \"fecha\": \"2027-02-30\"}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "numero"));
    cr_expect(it_has_field_error(r, "fecha"));
    it_free(r);
    char *despues = huella_bd(&s);
    cr_expect_str_eq(antes, despues);
    r = it_post(ruta(&s, "/revisiones"), cusco, "{\"estado\": \"APROBADO\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = it_post(ruta(&s, "/revisiones"), cusco, "{\"estado\": \"OBSERVADO\", \"observacion\": \"Tarde.\"}");
    it_expect_problem(r, 409, "INFORME_NO_ENVIADO");
    it_free(r);
    r = it_post(ruta(&s, "/enviar"), s.token, NULL);
    it_expect_problem(r, 409, "INFORME_NO_EDITABLE");
    it_free(r);
    free(antes);
    free(despues);
    free(cusco);
    free(amazonas);
    free(conv);
    free(token);
    free(insc);
    it_serumista_free(&s);
    it_serumista_free(&otro);
}

Test(informe, outside_servicio_and_informe_final_writes_are_409)
{
    it_serumista s;
    it_serumista_adjudicado("CUSCO", NULL, INICIO, FIN, false, &s);
    it_resp *r = it_put(ruta(&s, "/atenciones/2026/5"), s.token, "{\"programadas\": 1, \"ejecutadas\": 1}");
    it_expect_problem(r, 409, "FUERA_DE_FASE");
    it_free(r);
    r = it_get(ruta(&s, ""), s.token);
    cr_expect_eq(r->status, 200, "reading is always allowed");
    it_free(r);
    char *h = huella_bd(&s);
    cr_expect_str_eq(h, "sin informe");
    free(h);
    it_serumista_free(&s);
}

Test(informe, the_diresa_list_pages_with_a_cursor_and_filters)
{
    char *conv = it_convocatoria_servicio(true);
    char *cusco = it_login(CUSCO, IT_DEV_PASSWORD);
    it_serumista s[3];
    for (int i = 0; i < 3; i++) {
        it_serumista_adjudicado("CUSCO", conv, INICIO, FIN, true, &s[i]);
        it_resp *r = it_post(ruta(&s[i], "/enviar"), s[i].token, "{\"confirmar_incompleto\": true}");
        cr_assert_eq(r->status, 200, "%s", r->body);
        it_free(r);
    }
    it_serumista borrador;
    it_serumista_adjudicado("CUSCO", conv, INICIO, FIN, true, &borrador);
    poner_mes(&borrador, 2026, 5, 1, 1);
    it_resp *r = it_post(ruta(&s[0], "/revisiones"), cusco, "{\"estado\": \"APROBADO\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    char p[160];
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes?limit=2", conv);
    r = it_get(p, cusco);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "total"), 3, "REGISTRADO ones are not listed");
    cr_expect_eq(it_path(r, "items")->n, 2);
    cr_expect_str_eq(it_str(r, "items.0.inscripcion_id"), s[0].inscripcion);
    char *cursor = strdup(it_str(r, "next_cursor"));
    it_free(r);
    /* the same page for another DIRESA (no cache shared across scopes), and after a change */
    char *amazonas = it_login(AMAZONAS, IT_DEV_PASSWORD);
    r = it_get(p, amazonas);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    free(amazonas);
    r = it_post(ruta(&s[1], "/revisiones"), cusco, "{\"estado\": \"OBSERVADO\", \"observacion\": \"Sin firmas.\"}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = it_get(p, cusco);
    cr_expect_str_eq(it_str(r, "items.1.estado"), "OBSERVADO", "a change drops the cached pages");
    it_free(r);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes?limit=2&cursor=%s", conv, cursor);
    r = it_get(p, cusco);
    cr_expect_eq(it_path(r, "items")->n, 1);
    cr_expect_str_eq(it_str(r, "items.0.inscripcion_id"), s[2].inscripcion);
    cr_expect_eq(it_path(r, "next_cursor")->t, JV_NULL);
    it_free(r);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes?estado=ENVIADO&profesion=OBSTETRICIA", conv);
    r = it_get(p, cusco);
    cr_expect_eq(it_int(r, "total"), 1);
    it_free(r);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes?profesion=MEDICINA", conv);
    r = it_get(p, cusco);
    cr_expect_eq(it_int(r, "total"), 0);
    it_free(r);
    /* the admin reads every DIRESA's list and informe, but does not review */
    char *admin = it_login("admin@serums.test", IT_DEV_PASSWORD);
    snprintf(p, sizeof p, "/v1/convocatorias/%s/informes", conv);
    r = it_get(p, admin);
    cr_expect_eq(it_int(r, "total"), 3);
    it_free(r);
    cr_expect_eq(estado_http(it_get(ruta(&s[2], ""), admin)), 200);
    cr_expect_eq(estado_http(it_post(ruta(&s[2], "/revisiones"), admin, "{\"estado\": \"APROBADO\"}")), 403);
    free(admin);
    free(cursor);
    free(cusco);
    free(conv);
    for (int i = 0; i < 3; i++) it_serumista_free(&s[i]);
    it_serumista_free(&borrador);
}

static const char *mayus_de(const char *s)
{
    static char b[32];
    size_t k = 0;
    for (; s[k] && k < sizeof b - 1; k++) b[k] = (char)(s[k] >= 'a' && s[k] <= 'z' ? s[k] - 32 : s[k]);
    b[k] = '\0';
    return b;
}

Test(informe, the_demo_seed_has_an_informe_in_each_state)
{
    const char *estados[] = {"registrado", "enviado", "observado", "aprobado", "resolucion"};
    for (size_t i = 0; i < 5; i++) {
        char email[96];
        snprintf(email, sizeof email, "serumista.%s@serums.test", estados[i]);
        char *token = it_login(email, IT_DEV_PASSWORD);
        cr_assert(token, "%s", email);
        char *insc = leer("select i.id from inscripciones i join usuarios u on u.id = i.usuario_id where u.email = $1",
                          email);
        char p[96];
        it_resp *r = it_get("/v1/me/inscripciones", token);
        cr_assert_eq(r->status, 200, "%s", r->body);
        cr_expect_str_eq(it_str(r, "items.0.adjudicacion.informe.estado"), mayus_de(estados[i]));
        it_free(r);
        snprintf(p, sizeof p, "/v1/inscripciones/%s/informe", insc);
        r = it_get(p, token);
        cr_assert_eq(r->status, 200, "%s", r->body);
        cr_expect_str_eq(it_str(r, "estado"), mayus_de(estados[i]));
        cr_expect_eq(it_path(r, "meses_faltantes")->n, i == 0 ? 9 : 0, "%s", email);
        char *sha = i >= 3 ? strdup(it_str(r, "sha256")) : NULL;
        it_free(r);
        snprintf(p, sizeof p, "/v1/inscripciones/%s/informe.pdf", insc);
        r = it_get(p, token);
        cr_expect_eq(r->status, i >= 3 ? 200 : 409, "%s", email);
        if (i >= 3) {
            char *t = pdftotext(r->body, r->len);
            cr_expect(strstr(t, sha), "the seed's hash is the one the report prints: %s", sha);
            free(t);
        }
        free(sha);
        it_free(r);
        free(insc);
        free(token);
    }
}
