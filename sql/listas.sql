-- listas.sql - the rows of the adjudication's published lists (api/publicaciones.c,
-- columns as the tipos of domain/publicacion_tipos.c declare them).

-- name: lista_adjudicados
-- ADJUDICADOS_REMUNERADA / _EQUIVALENTE of convocatoria $1, modalidad $2: the
-- vigente adjudicaciones with the offer columns
select a.sesion_id, a.inscripcion_id,
       trim(coalesce(u.apellido_paterno, '') || ' ' || coalesce(u.apellido_materno, '')) || ', ' || coalesce(u.nombres, '')
         as apellidos_nombres,
       t.n_adjudicacion, a.fase, to_char(a.adjudicado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as adjudicado_at,
       a.plaza_id, a.unidad, p.profesion_codigo as profesion, p.diresa_codigo as diresa, p.institucion_codigo as institucion,
       p.renipress, p.establecimiento_nombre as establecimiento,
       coalesce(p.departamento_texto, p.departamento_codigo) as departamento,
       coalesce(p.provincia_texto, p.provincia_codigo) as provincia,
       coalesce(p.distrito_texto, p.distrito_codigo) as distrito,
       p.grado_dificultad, case when p.zaf then 'SI' else 'NO' end as zaf,
       case when p.ze then 'SI' else 'NO' end as ze,
       to_char(a.servicio_inicio, 'YYYY-MM-DD') as servicio_inicio, to_char(a.servicio_fin, 'YYYY-MM-DD') as servicio_fin
  from adjudicaciones a
  join inscripciones i on i.id = a.inscripcion_id
  join usuarios u on u.id = i.usuario_id
  join plazas p on p.id = a.plaza_id
  left join adjudicacion_turnos t on t.sesion_id = a.sesion_id and t.inscripcion_id = a.inscripcion_id
 where i.convocatoria_id = $1::bigint and p.modalidad = $2 and a.estado = 'VIGENTE'
 order by p.profesion_codigo, t.n_adjudicacion, a.id

-- name: lista_anulaciones
-- ANULACIONES: name, resolución and date; never the reason
select trim(coalesce(u.apellido_paterno, '') || ' ' || coalesce(u.apellido_materno, '')) || ', ' || coalesce(u.nombres, '')
         as apellidos_nombres,
       n.resolucion, to_char(n.anulado_at at time zone 'America/Lima', 'YYYY-MM-DD') as fecha,
       a.inscripcion_id, a.plaza_id, a.unidad
  from anulaciones n
  join adjudicaciones a on a.id = n.adjudicacion_id
  join inscripciones i on i.id = a.inscripcion_id
  join usuarios u on u.id = i.usuario_id
 where i.convocatoria_id = $1::bigint
 order by n.anulado_at, n.id

-- name: lista_sorteo
-- SORTEO of convocatoria $1: every drawn sorteo, one row per id in position order,
-- with the sorteo's inputs (pool = the sorted ids of its rows).
select s.id as sorteo_id, s.modalidad, s.profesion_codigo as profesion, k.posicion, k.inscripcion_id, k.clave,
       s.pool_n, s.h_pool, s.compromiso, s.secreto, s.beacon_fuente, s.beacon_ronda, s.beacon_valor,
       s.seed_input, s.seed
  from sorteos s
  join sorteo_claves k on k.sorteo_id = s.id
 where s.convocatoria_id = $1::bigint and s.estado = 'SORTEADO'
 order by s.id, k.posicion
