/* test_adjudicacion_fases.c - the equivalente fases through nginx (issue 11):
 * CAUTIVAS calls only institution staff and offers only cautive plazas (422 on
 * another institution's plaza), VINCULO_LABORAL calls only CONFORME vínculos,
 * REGULARES gets the leftovers, a remunerated adjudicado is never called (nor
 * in an equivalente REOFERTA), fases out of order are 409; the independent verifier checks the fase rules from
 * the published logs and catches a tampered one. Postulantes' fase data and
 * cautive plazas are written in the database (review and offer marking are
 * other modules). */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_orden.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define url itp
#define sqlv it_sql

static const char *txt(long long v)
{
    static char b[4][24];
    static int k;
    k = (k + 1) % 4;
    snprintf(b[k], sizeof b[k], "%lld", v);
    return b[k];
}

/* Merit order: ids[5] best … ids[0] last (it_aptos gives ids[n-1] the best score). */
enum { STAFF_ESSALUD = 5, REMUNERADO = 4, VINCULO = 3, VINCULO_OBSERVADO = 2, STAFF_MINSA = 1, REGULAR = 0, N = 6 };

typedef struct fx {
    char *adm, *conv;
    long long ids[N];
    long long p_essalud, p_minsa_cautiva, p_minsa;
} fx;

static void declarar(long long id, const char *json)
{
    free(sqlv("update inscripciones set datos_postulacion = (datos_postulacion::jsonb || $2::jsonb)::json "
              "where id = $1::bigint", 2, (const char *[]){txt(id), json}));
}

/* A review row of inscription id whose requisito VINCULO_LABORAL is estado. */
static void revisar_vinculo(long long id, const char *estado)
{
    free(sqlv("with v as (insert into inscripcion_versiones (inscripcion_id, version, datos, sha256_datos, "
              "  codigo_verificacion, documentos, creado_at) values ($1::bigint, 1, '{}', repeat('0', 64), "
              "  'FASES-' || $1, '[]', now()) returning inscripcion_id) "
              "insert into revisiones (inscripcion_id, resultado, requisitos, revisor_id, revisado_at, "
              "  inscripcion_version, datos_version, sha256_datos, documentos, estado_anterior, estado_nuevo) "
              "select inscripcion_id, 'APTO', json_build_array(json_build_object('requisito', 'VINCULO_LABORAL', "
              "  'estado', $2::text))::jsonb, (select id from usuarios where email = 'admin@serums.test'), now(), 1, 1, "
              "  repeat('0', 64), '[]', 'INSCRITO', 'APTO' from v",
              2, (const char *[]){txt(id), estado}));
}

static long long plaza(const char *conv, const char *inst, bool cautiva, int cantidad)
{
    char *id = sqlv("with imp as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256) "
                    "  values ($1::bigint, 'EQUIVALENTE', 1, $4::int, 0, 'prueba') returning id) "
                    "insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress, "
                    "  establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea, cautiva) "
                    "select $1::bigint, 'EQUIVALENTE', 'MEDICINA', (select codigo from diresas order by codigo limit 1), $2, "
                    "  '99999999', 'EESS DE PRUEBA', 'EESSDEPRUEBA', $4::int, 1, false, false, imp.id, 1, $3::boolean from imp "
                    "returning id",
                    4, (const char *[]){conv, inst, cautiva ? "t" : "f", txt(cantidad)});
    cr_assert_not_null(id);
    long long v = atoll(id);
    free(id);
    return v;
}

/* The same person holds a vigente remunerated adjudicación (another convocatoria). */
static void remunerado(long long id)
{
    char *otra = it_conv_adjudicacion();
    char *diresa = sqlv("select codigo from diresas order by codigo limit 1", 0, NULL);
    it_plazas_remuneradas(otra, "MEDICINA", "MINSA", diresa, 1);
    free(diresa);
    free(sqlv("with i as (insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, "
              "  creado_at, actualizado_at) select $2::bigint, usuario_id, 'ADJUDICADO', datos_profesionales, "
              "  json_build_object('modalidad', 'REMUNERADA'), now(), now() from inscripciones where id = $1::bigint returning id) "
              "insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at) "
              "select i.id, (select max(id) from plazas where convocatoria_id = $2::bigint), 1, current_date, "
              "  current_date + 365, now() from i",
              2, (const char *[]){txt(id), otra}));
    free(otra);
}

static void fixture(fx *f)
{
    f->adm = it_admin();
    char *codigo = sqlv("select 'F' || ((extract(epoch from clock_timestamp()) * 1000)::bigint % 100000000) || pg_backend_pid()", 0, NULL);
    f->conv = sqlv("insert into convocatorias (codigo, anio, periodo, tipo) values ($1, 2026, 'I', 'ORDINARIO') returning id",
                   1, (const char *[]){codigo});
    free(codigo);
    free(sqlv("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values "
              "($1::bigint, 'ADJUDICACION_EQUIVALENTE', now() - interval '1 hour', now() + interval '2 days'), "
              "($1::bigint, 'SERVICIO', now() + interval '3 days', now() + interval '368 days')",
              1, (const char *[]){f->conv}));
    it_resp *r = it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", f->conv), f->adm, IT_POLITICA_2026);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    it_aptos(f->conv, "MEDICINA", "EQUIVALENTE", N, f->ids);
    const char *staff = "{\"trabajador_estado\": true, \"categoria\": \"CAUTIVA\", \"tipo_planilla\": \"NOMBRADO\", ";
    char b[256];
    snprintf(b, sizeof b, "%s\"entidad\": \"EsSalud\", \"institucion_laboral\": \"Hospital Sabogal\"}", staff);
    declarar(f->ids[STAFF_ESSALUD], b);
    declarar(f->ids[REMUNERADO], b);
    snprintf(b, sizeof b, "%s\"entidad\": \"Ministerio de Salud\", \"institucion_laboral\": \"Hospital Loayza\"}", staff);
    declarar(f->ids[STAFF_MINSA], b);
    declarar(f->ids[VINCULO], "{\"categoria\": \"VINCULO_LABORAL\"}");
    declarar(f->ids[VINCULO_OBSERVADO], "{\"categoria\": \"VINCULO_LABORAL\"}");
    revisar_vinculo(f->ids[VINCULO], "CONFORME");
    revisar_vinculo(f->ids[REMUNERADO], "CONFORME");
    revisar_vinculo(f->ids[VINCULO_OBSERVADO], "OBSERVADO");
    remunerado(f->ids[REMUNERADO]);
    f->p_essalud = plaza(f->conv, "ESSALUD", true, 2);
    f->p_minsa_cautiva = plaza(f->conv, "MINSA", true, 1);
    f->p_minsa = plaza(f->conv, "MINSA", false, 2);
    it_orden_publicar(f->conv);   /* sessions take their turns from the published order */
}

static void fixture_fin(fx *f)
{
    free(f->adm);
    free(f->conv);
}

static it_resp *crear(fx *f, const char *fase, const char *modo)
{
    char body[160];
    snprintf(body, sizeof body, "{\"modalidad\":\"EQUIVALENTE\",\"profesion\":\"MEDICINA\",\"fase\":\"%s\",\"modo\":\"%s\","
             "\"segundos_turno\":600}", fase, modo);
    return it_post(url("/v1/convocatorias/%s/adjudicaciones", f->conv), f->adm, body);
}

static char *crear_ok(fx *f, const char *fase, const char *modo)
{
    it_resp *r = crear(f, fase, modo);
    cr_assert_eq(r->status, 201, "%s: %s", fase, r->body);
    cr_expect_str_eq(it_str(r, "fase"), fase);
    char *sid = strdup(it_str(r, "id"));
    it_free(r);
    return sid;
}

static void crear_409(fx *f, const char *fase)
{
    it_resp *r = crear(f, fase, "LISTAS");
    it_expect_problem(r, 409, "FASE_NO_DISPONIBLE");
    it_free(r);
}

/* The session's turns as "id,id,…" in order (GET …/turnos). */
static char *turnos(const char *sid)
{
    it_resp *r = it_get(url("/v1/adjudicaciones/%s/turnos?limit=50", sid), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    char *s = calloc(1, 512);
    cr_assert_not_null(s);
    const jv *items = it_path(r, "items");
    for (size_t i = 0; i < items->n; i++) {
        char k[48];
        snprintf(k, sizeof k, "items.%zu.inscripcion_id", i);
        snprintf(s + strlen(s), 512 - strlen(s), "%s%lld", i ? "," : "", it_int(r, k));
    }
    it_free(r);
    return s;
}

static char *lista(long long a, long long b)
{
    char *s = malloc(64);
    cr_assert_not_null(s);
    if (b) snprintf(s, 64, "%lld,%lld", a, b);
    else snprintf(s, 64, "%lld", a);
    return s;
}

static void expect_turnos(const char *sid, long long a, long long b)
{
    char *got = turnos(sid), *want = lista(a, b);
    cr_expect_str_eq(got, want, "turns of session %s", sid);
    free(got);
    free(want);
}

static it_resp *elegir(const char *sid, long long ins, long long plaza_id)
{
    char *t = it_apto_token(ins);
    char body[64];
    if (plaza_id) snprintf(body, sizeof body, "{\"plaza_id\":%lld}", plaza_id);
    else snprintf(body, sizeof body, "{\"desiste\":true}");
    it_resp *r = it_post(url("/v1/adjudicaciones/%s/elecciones", sid), t, body);
    free(t);
    return r;
}

static void preferir(const char *sid, long long ins, long long p1, long long p2)
{
    char *t = it_apto_token(ins), body[96];
    snprintf(body, sizeof body, p2 ? "{\"plazas\":[%lld,%lld]}" : "{\"plazas\":[%lld]}", p1, p2);
    it_resp *r = it_put(url("/v1/adjudicaciones/%s/preferencias", sid), t, body);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    free(t);
}

static void iniciar(const char *sid, const char *adm, const char *estado)
{
    it_resp *r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), adm, "{}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), estado);
    it_free(r);
}

static char *adjudicada(long long ins)
{
    return it_db_value("select plaza_id || ':' || fase from adjudicaciones a join inscripciones i on i.id = a.inscripcion_id "
                       "where a.inscripcion_id = $1::bigint and a.estado = 'VIGENTE'", txt(ins));
}

static void expect_adjudicada(long long ins, long long plaza_id, const char *fase)
{
    char want[64], *got = adjudicada(ins);
    snprintf(want, sizeof want, "%lld:%s", plaza_id, fase);
    cr_expect_str_eq(got ? got : "(ninguna)", want, "inscription %lld", ins);
    free(got);
}

static void guardar_log(const char *dir, const char *sid, const char *nombre)
{
    it_resp *r = it_get(url("/v1/adjudicaciones/%s/eventos", sid), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_guardar(dir, nombre, r);
    it_free(r);
}

static char *raiz(void)
{
    static char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    *strstr(root, "/tests/integration/") = 0;
    return root;
}

/* Runs the verifier on dir: its exit status; *ok the number of "ok" lines. */
static int verificar(const char *dir, int *ok)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1", raiz(), dir, dir);
    int rc = system(cmd);
    snprintf(cmd, sizeof cmd, "grep -c '^ok ' %s/log", dir);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char n[16] = "";
    cr_assert_not_null(fgets(n, sizeof n, p));
    pclose(p);
    *ok = atoi(n);
    return rc;
}

Test(adjudicacion_fases, cautivas_vinculo_regulares_in_order_with_leftovers)
{
    fx f;
    fixture(&f);
    /* out of order: nothing before CAUTIVAS is CERRADA */
    crear_409(&f, "VINCULO_LABORAL");
    crear_409(&f, "REGULARES");

    /* CAUTIVAS (live): only staff claiming CAUTIVA; the remunerated one is out */
    char *cau = crear_ok(&f, "CAUTIVAS", "VIVO");
    expect_turnos(cau, f.ids[STAFF_ESSALUD], f.ids[STAFF_MINSA]);
    crear_409(&f, "VINCULO_LABORAL");   /* CAUTIVAS is not CERRADA yet */
    iniciar(cau, f.adm, "EN_CURSO");
    it_resp *r = elegir(cau, f.ids[STAFF_ESSALUD], f.p_minsa_cautiva);   /* another institution's cautive plaza */
    it_expect_problem(r, 422, "PLAZA_NO_ELEGIBLE");
    it_free(r);
    r = elegir(cau, f.ids[STAFF_ESSALUD], f.p_minsa);   /* not cautive: not offered in CAUTIVAS */
    it_expect_problem(r, 422, "PLAZA_NO_ELEGIBLE");
    it_free(r);
    cr_expect_null(adjudicada(f.ids[STAFF_ESSALUD]), "a refused pick changes nothing");
    r = elegir(cau, f.ids[STAFF_ESSALUD], f.p_essalud);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    r = elegir(cau, f.ids[STAFF_MINSA], 0);   /* gives up its turn */
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "CERRADA");
    it_free(r);
    expect_adjudicada(f.ids[STAFF_ESSALUD], f.p_essalud, "CAUTIVAS");

    /* VINCULO_LABORAL (lists): only CONFORME vínculos; the leftover cautive unit is offered */
    char *vin = crear_ok(&f, "VINCULO_LABORAL", "LISTAS");
    expect_turnos(vin, f.ids[VINCULO], 0);
    crear_409(&f, "REGULARES");   /* VINCULO_LABORAL is not CERRADA yet */
    preferir(vin, f.ids[VINCULO], f.p_essalud, f.p_minsa);
    iniciar(vin, f.adm, "CERRADA");
    expect_adjudicada(f.ids[VINCULO], f.p_essalud, "VINCULO_LABORAL");

    /* REGULARES (lists): everyone left but the remunerated one; taken units are gone */
    char *reg = crear_ok(&f, "REGULARES", "LISTAS");
    char *got = turnos(reg);
    char want[128];
    snprintf(want, sizeof want, "%lld,%lld,%lld", f.ids[VINCULO_OBSERVADO], f.ids[STAFF_MINSA], f.ids[REGULAR]);
    cr_expect_str_eq(got, want);
    free(got);
    r = it_get(url("/v1/adjudicaciones/%s", reg), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_path(r, "plazas")->n, 2, "the cautive ESSALUD plaza has no unit left: %s", r->body);
    it_free(r);
    preferir(reg, f.ids[VINCULO_OBSERVADO], f.p_minsa_cautiva, 0);
    preferir(reg, f.ids[REGULAR], f.p_minsa_cautiva, f.p_minsa);
    iniciar(reg, f.adm, "CERRADA");
    expect_adjudicada(f.ids[VINCULO_OBSERVADO], f.p_minsa_cautiva, "REGULARES");
    expect_adjudicada(f.ids[REGULAR], f.p_minsa, "REGULARES");
    char *rem = it_db_value("select count(*) from adjudicacion_turnos where inscripcion_id = $1::bigint",
                            txt(f.ids[REMUNERADO]));
    cr_expect_str_eq(rem, "0", "the remunerated adjudicado is never called");
    free(rem);
    /* after REGULARES exists, an earlier fase is out of order */
    crear_409(&f, "CAUTIVAS");
    /* a nullity's REOFERTA: the remunerated adjudicado is out of it too */
    char *adj = it_db_value("select id from adjudicaciones where inscripcion_id = $1::bigint", txt(f.ids[VINCULO]));
    cr_assert_not_null(adj);
    r = it_post(url("/v1/adjudicaciones/%s/anulacion", adj), f.adm,
                "{\"resolucion\":\"RM 9-2026-MINSA\",\"motivo\":\"Vínculo no acreditado\","
                "\"evidencia_sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                "\"anula_inscripcion\":true}");
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    free(adj);
    char *reo = crear_ok(&f, "REOFERTA", "LISTAS");
    expect_turnos(reo, f.ids[STAFF_MINSA], 0);
    free(reo);

    /* the published logs alone: fase participants, eligibility and replay hold */
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/serums-fases-%d", (int)getpid());
    mkdir(dir, 0700);
    guardar_log(dir, cau, "cautivas.json");
    guardar_log(dir, vin, "vinculo.json");
    guardar_log(dir, reg, "regulares.json");
    int ok;
    int rc = verificar(dir, &ok);
    cr_expect_eq(rc, 0, "verifier");
    cr_expect_eq(ok, 8, "checks: chain, participants and replay of two fases; chain and replay of REGULARES");
    /* a log claiming the picked plaza is not cautive fails the verifier */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd %s && sed -i 's/\"cautiva\" *: *true/\"cautiva\" : false/g' cautivas.json", dir);
    cr_assert_eq(system(cmd), 0);
    rc = verificar(dir, &ok);
    cr_expect_neq(rc, 0, "the tampered log fails");
    snprintf(cmd, sizeof cmd, "grep -q 'FALLA  sesión %s: replay: evento 1: plaza no elegible' %s/log", cau, dir);
    cr_expect_eq(system(cmd), 0, "the verifier names the ineligible pick");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    free(cau);
    free(vin);
    free(reg);
    fixture_fin(&f);
}

/* POST an equivalente offer of `filas` under a 2025-layout header with a CAUTIVA column. */
static it_resp *importar(const char *tok, long long conv, const char *filas)
{
    char csv[1024];
    snprintf(csv, sizeof csv, "%s%s",
             "PROFESION;SEDE DE ADJUDICACIÓN;N° PLAZAS;DIRESA;INSTITUCION;DEPARTAMENTO;PROVINCIA;DISTRITO;GRADO DE "
             "DIFICULTAD;CODIGO;NOMBRE DE ESTABLECIMIENTO;CATEGORIA;PRESUPUESTO;ZAF (*);ZE (**);CAUTIVA\n",
             filas);
    return it_import(tok, conv, "equivalente", csv, strlen(csv));
}

Test(adjudicacion_fases, the_offer_import_reads_an_optional_cautiva_column)
{
    char *adm = it_admin();
    long long conv = it_convocatoria_nueva(adm);
    it_resp *r = importar(adm, conv,
                          "MEDICINA;SEDE CENTRAL;2;CUSCO;ESSALUD;CUSCO;CUSCO;SANTIAGO;GD-1;2281;POSTA A;I-4;NACIONAL;NO;NO;SI\n"
                          "MEDICINA;SEDE CENTRAL;1;CUSCO;MINSA;CUSCO;CUSCO;SANTIAGO;GD-1;2282;POSTA B;I-4;NACIONAL;NO;NO;\n");
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    char *v = it_db_value("select string_agg(institucion_codigo || ':' || cautiva, ',' order by linea) from plazas "
                          "where convocatoria_id = $1::bigint",
                          txt(conv));
    cr_expect_str_eq(v, "ESSALUD:true,MINSA:false");
    free(v);
    r = importar(adm, conv, "MEDICINA;SEDE CENTRAL;2;CUSCO;ESSALUD;CUSCO;CUSCO;SANTIAGO;GD-1;2281;POSTA A;I-4;NACIONAL;NO;NO;QUIZA\n");
    it_expect_problem(r, 422, "OFERTA_CON_ERRORES");
    it_free(r);
    v = it_db_value("select count(*) from plazas where convocatoria_id = $1::bigint", txt(conv));
    cr_expect_str_eq(v, "2", "a refused import changes nothing");
    free(v);
    free(adm);
}
