/* it_orden.c - fixtures for merit order, sorteo and adjudication (see it_orden.h). */
#include "it.h"
#include "it_orden.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char *it_sql(const char *sql, int n, const char *const *p)
{
    PGresult *res = PQexecParams(it_db(), sql, n, NULL, p, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    cr_assert(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(it_db()));
    char *v = st == PGRES_TUPLES_OK && PQntuples(res) && !PQgetisnull(res, 0, 0) ? strdup(PQgetvalue(res, 0, 0)) : NULL;
    PQclear(res);
    return v;
}

static char *unico(const char *prefijo)
{
    static unsigned n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char *s = malloc(64);
    cr_assert_not_null(s);
    snprintf(s, 64, "%s%ld%03ld%d%u", prefijo, (long)ts.tv_sec % 100000, ts.tv_nsec / 1000000, (int)getpid() % 1000, n++);
    return s;
}

char *it_conv_desempate(int en_curso)
{
    char *codigo = unico("O");
    const char *p[] = {codigo};
    char *id = it_sql("insert into convocatorias (codigo, anio, periodo, tipo) values ($1, 2026, 'I', 'ORDINARIO') returning id", 1, p);
    free(codigo);
    const char *q[] = {id, en_curso ? "t" : "f"};
    free(it_sql("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) "
               "select $1::bigint, f, now() + a, now() + b from (values "
               " ('PUBLICACION_FINAL', case when $2::bool then interval '-3 days' else interval '-1 day' end,"
               "                        case when $2::bool then interval '-2 days' else interval '1 day' end),"
               " ('DESEMPATE_SORTEO', case when $2::bool then interval '-1 day' else interval '1 day' end,"
               "                       case when $2::bool then interval '1 day' else interval '2 days' end),"
               " ('ADJUDICACION_REMUNERADA', interval '3 days', interval '4 days')) as x(f, a, b)", 2, q));
    return id;
}

void it_aptos(const char *convocatoria_id, const char *profesion, const char *modalidad, int n, long long *ids)
{
    char *prefijo = unico("apto");
    char cnt[16];
    snprintf(cnt, sizeof cnt, "%d", n);
    const char *p[] = {prefijo, cnt, convocatoria_id, profesion, modalidad};
    char *lista = it_sql(
        "with u as (insert into usuarios (email, password_hash, rol, nombres, apellido_paterno, apellido_materno) "
        "  select $1 || '.' || g || '@aptos.test', (select password_hash from usuarios where email = 'admin@serums.test'), "
        "    'postulante', 'Nombre' || g, 'Paterno', 'Materno' "
        "  from generate_series(1, $2::int) g returning id), "
        "i as (insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, "
        "  creado_at, actualizado_at) "
        "  select $3::bigint, u.id, 'APTO', json_build_object('profesion', $4::text, 'nota_ppp', 12, "
        "    'nota_evaluacion_serums', 10 + (row_number() over (order by u.id)) * 0.05), "
        "    json_build_object('modalidad', $5::text), now(), now() "
        "  from u returning id) "
        "select string_agg(id::text, ',' order by id) from i", 5, p);
    free(prefijo);
    cr_assert_not_null(lista);
    const char *s = lista;
    for (int i = 0; i < n; i++) {
        ids[i] = strtoll(s, (char **)&s, 10);
        if (*s == ',') s++;
    }
    free(lista);
}

char *it_admin(void)
{
    char *t = it_login("admin@serums.test", IT_DEV_PASSWORD);
    cr_assert(t, "admin login");
    return t;
}

char *it_conv_adjudicacion(void)
{
    char *codigo = unico("A");
    const char *p[] = {codigo};
    char *id = it_sql("insert into convocatorias (codigo, anio, periodo, tipo) values ($1, 2026, 'I', 'ORDINARIO') returning id", 1, p);
    free(codigo);
    const char *q[] = {id};
    free(it_sql("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values "
               "($1::bigint, 'ADJUDICACION_REMUNERADA', now() - interval '1 hour', now() + interval '2 days'), "
               "($1::bigint, 'SERVICIO', now() + interval '3 days', now() + interval '368 days')", 1, q));
    return id;
}

long long it_plaza(const char *convocatoria_id, const char *profesion, int cantidad)
{
    char *inst = it_sql("select codigo from instituciones order by codigo limit 1", 0, NULL);
    char *dir = it_sql("select codigo from diresas order by codigo limit 1", 0, NULL);
    it_plazas_remuneradas(convocatoria_id, profesion, inst, dir, cantidad);
    const char *p[] = {convocatoria_id, profesion};
    char *id = it_sql("select max(id) from plazas where convocatoria_id = $1::bigint and profesion_codigo = $2", 2, p);
    long long v = atoll(id);
    free(id);
    free(inst);
    free(dir);
    return v;
}

char *it_apto_token(long long inscripcion_id)
{
    char idtxt[24];
    snprintf(idtxt, sizeof idtxt, "%lld", inscripcion_id);
    const char *p[] = {idtxt};
    char *email = it_sql("select u.email from usuarios u join inscripciones i on i.usuario_id = u.id where i.id = $1::bigint", 1, p);
    char *t = it_login(email, IT_DEV_PASSWORD);
    cr_assert(t, "login %s", email);
    free(email);
    return t;
}

void it_nota_oficial(long long inscripcion_id, const char *fuente, const char *oficial)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", inscripcion_id);
    const char *p[] = {id, fuente, oficial};
    free(it_sql("with c as (insert into validacion_cargas (convocatoria_id, fuente, sha256, filas, conformes, "
               "  discrepancias, no_encontrados, sin_inscripcion, cargado_por, cargado_at) "
               "  select i.convocatoria_id, $2, repeat('0', 64), 1, 0, 1, 0, 0, "
               "    (select id from usuarios where email = 'admin@serums.test'), now() "
               "  from inscripciones i where i.id = $1::bigint returning id) "
               "insert into validaciones (inscripcion_id, fuente, carga_id, resultado, declarado, oficial) "
               "select $1::bigint, $2, c.id, 'DISCREPANCIA', null, $3 from c",
               3, p));
}

long it_orden_publicar(const char *convocatoria_id)
{
    const char *p[] = {convocatoria_id};
    free(it_sql("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) "
               "select $1::bigint, 'DESEMPATE_SORTEO', now() - interval '2 days', now() - interval '1 day' "
               "where not exists (select 1 from convocatoria_fases where convocatoria_id = $1::bigint "
               "and fase = 'DESEMPATE_SORTEO')", 1, p));
    char *adm = it_admin();
    char url[128];
    snprintf(url, sizeof url, "/v1/convocatorias/%s/publicaciones", convocatoria_id);
    it_resp *r = it_post(url, adm, "{\"tipo\":\"ORDEN_MERITO\"}");
    cr_assert_eq(r->status, 201, "ORDEN_MERITO: %s", r->body);
    long v = (long)it_int(r, "version");
    it_free(r);
    free(adm);
    return v;
}

long long it_sorteo(const char *convocatoria_id, const char *modalidad, const char *profesion)
{
    static const char secreto[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    char cmd[256], c[80] = "";
    snprintf(cmd, sizeof cmd, "printf %%s %s | xxd -r -p | openssl dgst -sha256 | sed 's/.*= //'", secreto);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    cr_assert_not_null(fgets(c, sizeof c, p));
    pclose(p);
    c[strcspn(c, "\n")] = 0;
    char *adm = it_admin();
    char url[128], body[512];
    snprintf(url, sizeof url, "/v1/convocatorias/%s/sorteos", convocatoria_id);
    snprintf(body, sizeof body,
             "{\"modalidad\":\"%s\",\"profesion\":\"%s\",\"compromiso\":\"%s\","
             "\"beacon\":{\"fuente\":\"DADOS\",\"ronda\":\"prueba\"}}", modalidad, profesion, c);
    it_resp *r = it_post(url, adm, body);
    cr_assert_eq(r->status, 201, "sorteo %s: %s", profesion, r->body);
    long long id = it_int(r, "id");
    it_free(r);
    snprintf(url, sizeof url, "/v1/sorteos/%lld/revelacion", id);
    snprintf(body, sizeof body, "{\"beacon_valor\":\"0a0b0c\",\"secreto\":\"%s\"}", secreto);
    r = it_post(url, adm, body);
    cr_assert_eq(r->status, 200, "revelacion %s: %s", profesion, r->body);
    it_free(r);
    free(adm);
    return id;
}

void it_guardar(const char *dir, const char *nombre, const it_resp *r)
{
    char file[256];
    snprintf(file, sizeof file, "%s/%s", dir, nombre);
    FILE *fp = fopen(file, "w");
    cr_assert_not_null(fp);
    fwrite(r->body, 1, r->len, fp);
    fclose(fp);
}
