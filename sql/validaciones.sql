-- sql/validaciones.sql - external validations: what each inscription of a
-- convocatoria declared for one fuente, and the replacement of that fuente's
-- results by a new official file (design/revision-publicacion.md).

-- name: validacion_declarados
-- Every finalized inscription of convocatoria $1 with its document and the
-- value declared in field $2 of datos_profesionales (numero_colegiatura,
-- nota_enam, nota_evaluacion_serums or nota_ppp), NULL when not declared.
select i.id, u.tipo_documento, u.numero_documento, i.datos_profesionales ->> $2 as declarado
from inscripciones i join usuarios u on u.id = i.usuario_id
where i.convocatoria_id = $1::bigint and i.estado <> 'BORRADOR';

-- name: validacion_borrar
-- The earlier results of fuente $2 in convocatoria $1 (re-loading replaces them).
delete from validaciones v using inscripciones i
where v.inscripcion_id = i.id and i.convocatoria_id = $1::bigint and v.fuente = $2;

-- name: validacion_registrar
-- Records the load ($1 convocatoria, $2 fuente, $3 file SHA-256, $4 rows,
-- $5 conformes, $6 discrepancias, $7 no_encontrados, $8 sin_inscripcion,
-- $9 admin, $10 now) and its results $11, a JSON array of
-- {inscripcion_id, resultado, declarado, oficial}, in one statement.
with c as (
    insert into validacion_cargas (convocatoria_id, fuente, sha256, filas, conformes, discrepancias, no_encontrados,
                                   sin_inscripcion, cargado_por, cargado_at)
    values ($1::bigint, $2, $3, $4::int, $5::int, $6::int, $7::int, $8::int, $9::bigint, $10::timestamptz)
    returning id
), n as (
    insert into validaciones (inscripcion_id, fuente, carga_id, resultado, declarado, oficial)
    select t.inscripcion_id, $2, c.id, t.resultado, t.declarado, t.oficial
    from c, json_to_recordset($11::json) as t(inscripcion_id bigint, resultado text, declarado text, oficial text)
    returning 1
)
select c.id as carga_id, (select count(*) from n) as registradas from c;

-- name: validacion_resumen
-- Whether convocatoria $1 exists, and the latest load of each of its
-- fuentes as a JSON array.
select exists (select 1 from convocatorias where id = $1::bigint) as existe, coalesce(json_agg(json_build_object(
           'fuente', c.fuente, 'sha256', c.sha256, 'filas', c.filas, 'conformes', c.conformes,
           'discrepancias', c.discrepancias, 'no_encontrados', c.no_encontrados,
           'sin_inscripcion', c.sin_inscripcion, 'cargado_at', c.cargado_at) order by c.fuente), '[]'::json) as cargas
from (select distinct on (fuente) * from validacion_cargas where convocatoria_id = $1::bigint
      order by fuente, id desc) c;
