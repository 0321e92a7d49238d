/* it_informe.c - see it_informe.h. */
#include "it_informe.h"
#include "it.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *valor(const char *sql, int n, const char *const *params)
{
    PGresult *res = PQexecParams(it_db(), sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    cr_assert(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(it_db()));
    char *v = st == PGRES_TUPLES_OK && PQntuples(res) && !PQgetisnull(res, 0, 0) ? strdup(PQgetvalue(res, 0, 0)) : NULL;
    PQclear(res);
    return v;
}

char *it_convocatoria_servicio(bool en_servicio)
{
    static unsigned n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char codigo[64];
    snprintf(codigo, sizeof codigo, "S%ld%03ld-%d-%u", (long)ts.tv_sec % 100000, ts.tv_nsec / 1000000,
             (int)getpid() % 1000, n++);
    char *id = valor("insert into convocatorias (codigo, anio, periodo, tipo) values ($1, 2026, 'I', 'ORDINARIO') "
                     "returning id", 1, (const char *[]){codigo});
    const char *desde = en_servicio ? "-2 days" : "-90 days";
    free(valor("insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values "
               "($1::bigint, 'SERVICIO', now() + $2::interval, now() + $2::interval + interval '30 days'), "
               "($1::bigint, 'INFORME_FINAL', now() + $2::interval + interval '30 days', "
               " now() + $2::interval + interval '60 days')",
               2, (const char *[]){id, desde}));
    return id;
}

static char *plaza(const char *convocatoria, const char *diresa)
{
    free(valor("insert into establecimientos (renipress, nombre) values ('99999998', 'P.S. ÑUÑOA') on conflict do nothing",
               0, NULL));
    return valor("with imp as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, "
                 "  sha256) values ($1::bigint, 'REMUNERADA', 1, 1, 0, 'prueba-informe') returning id) "
                 "insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, "
                 "  renipress, establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, "
                 "  departamento_texto, provincia_texto, distrito_texto, importacion_id, linea) "
                 "select $1::bigint, 'REMUNERADA', 'OBSTETRICIA', $2, 'MINSA', '99999998', 'P.S. ÑUÑOA', 'PSNUNOA', 1, 3, "
                 "  false, false, 'PUNO', 'MELGAR', 'ÑUÑOA', imp.id, 1 from imp returning id",
                 2, (const char *[]){convocatoria, diresa});
}

/* Whole sections as the wizard stores them (the SPA reads them back). */
#define PROFESIONALES "{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Nacional de San Antonio Abad del Cusco\",\"profesion\":\"OBSTETRICIA\",\"numero_colegiatura\":\"12345\",\"institucion_revalida\":null,\"fecha_titulacion\":\"2024-12-15\",\"nota_ppp\":15.2,\"nota_enam\":null,\"nota_evaluacion_serums\":null,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\"}"

void it_serumista_adjudicado(const char *diresa, const char *convocatoria, const char *inicio, const char *fin,
                             bool en_servicio, it_serumista *out)
{
    memset(out, 0, sizeof *out);
    out->token = it_new_postulante(&out->email);
    cr_assert(out->token);
    out->convocatoria = convocatoria ? strdup(convocatoria) : it_convocatoria_servicio(en_servicio);
    char *p = plaza(out->convocatoria, diresa);
    char *postulacion = NULL;
    cr_assert(asprintf(&postulacion, "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":false,\"tipo_planilla\":null,\"entidad\":null,\"institucion_laboral\":null,\"docente\":false,\"diresa\":\"%s\",\"modalidad\":\"REMUNERADA\",\"categoria\":\"REGULAR\",\"regimen_pensionario\":\"ONP\",\"comprobante_numero\":null,\"comprobante_fecha\":null,\"caso_especial\":false,\"institucion\":null}", diresa) > 0);
    out->inscripcion = valor(
        "insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, "
        "  creado_at, actualizado_at) "
        "select $1::bigint, u.id, 'ADJUDICADO', $4::json, $3::json, now(), now() "
        "  from usuarios u where u.email = $2 returning id",
        4, (const char *[]){out->convocatoria, out->email, postulacion, PROFESIONALES});
    cr_assert(out->inscripcion);
    free(valor("insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at) "
               "values ($1::bigint, $2::bigint, 1, $3::date, $4::date, now())",
               4, (const char *[]){out->inscripcion, p, inicio, fin}));
    free(p);
    free(postulacion);
}

void it_serumista_free(it_serumista *s)
{
    free(s->token);
    free(s->email);
    free(s->inscripcion);
    free(s->convocatoria);
    memset(s, 0, sizeof *s);
}
