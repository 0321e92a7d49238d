-- informe.sql - the informe final (api/informes.c, design/informe-final.md):
-- the context every route starts from, the serumista's writes (Anexo 6 and 7
-- rows by key, conclusiones and recomendaciones), the transitions with their
-- emails, the whole informe as JSON, the data of the printed report, and the
-- DIRESA's list (one query per page). Instants are parameters (config_now).

-- The adjudicated inscription $1 with its VIGENTE adjudicación, the DIRESA of
-- the plaza, its informe (when created) and whether SERVICIO or
-- INFORME_FINAL is in force at $2. No row: not adjudicated or no such id.
-- name: informe_contexto
select i.id as inscripcion_id, i.usuario_id, i.convocatoria_id, a.id as adjudicacion_id,
       a.servicio_inicio::text as servicio_inicio, a.servicio_fin::text as servicio_fin,
       p.diresa_codigo, f.id as informe_id, coalesce(f.estado, 'REGISTRADO') as estado, f.sha256,
       exists (select 1 from convocatoria_fases cf
                where cf.convocatoria_id = i.convocatoria_id and cf.fase in ('SERVICIO', 'INFORME_FINAL')
                  and cf.inicia <= $2::timestamptz and $2::timestamptz < cf.termina) as en_fase
  from inscripciones i
  join adjudicaciones a on a.inscripcion_id = i.id and a.estado = 'VIGENTE'
  join plazas p on p.id = a.plaza_id
  left join informes f on f.adjudicacion_id = a.id
 where i.id = $1::bigint and i.estado = 'ADJUDICADO'

-- Creates the informe of adjudicación $1 (REGISTRADO) unless it exists.
-- name: informe_crear
insert into informes (adjudicacion_id, inscripcion_id, convocatoria_id, diresa_codigo, creado_at, actualizado_at)
select a.id, a.inscripcion_id, p.convocatoria_id, p.diresa_codigo, $2::timestamptz, $2::timestamptz
  from adjudicaciones a join plazas p on p.id = a.plaza_id
 where a.id = $1::bigint
on conflict (adjudicacion_id) do nothing

-- The informe of adjudicación $1, locked for the rest of the transaction.
-- name: informe_bloquear
select id, estado from informes where adjudicacion_id = $1::bigint for update

-- Anexo 6: writes month ($2, $3) of informe $1; the old row (or null) for the audit.
-- name: informe_atencion_poner
with antes as (
    select json_build_object('anio', anio, 'mes', mes, 'programadas', programadas, 'ejecutadas', ejecutadas)::text as j
      from informe_atenciones where informe_id = $1::bigint and anio = $2::int and mes = $3::int),
     tocar as (update informes set actualizado_at = $6::timestamptz where id = $1::bigint)
insert into informe_atenciones (informe_id, anio, mes, programadas, ejecutadas, actualizado_at)
values ($1::bigint, $2::int, $3::int, $4::int, $5::int, $6::timestamptz)
on conflict (informe_id, anio, mes) do update
   set programadas = excluded.programadas, ejecutadas = excluded.ejecutadas, actualizado_at = excluded.actualizado_at
returning (select j from antes) as antes,
          json_build_object('anio', anio, 'mes', mes, 'programadas', programadas, 'ejecutadas', ejecutadas)::text as despues

-- name: informe_atencion_borrar
with tocar as (update informes set actualizado_at = $4::timestamptz where id = $1::bigint)
delete from informe_atenciones where informe_id = $1::bigint and anio = $2::int and mes = $3::int
returning json_build_object('anio', anio, 'mes', mes, 'programadas', programadas, 'ejecutadas', ejecutadas)::text as antes

-- Anexo 7: writes the row keyed (anio, mes, rubro, actividad) of informe $1.
-- name: informe_actividad_poner
with antes as (
    select json_build_object('id', id, 'programadas', programadas, 'ejecutadas', ejecutadas)::text as j
      from informe_actividades
     where informe_id = $1::bigint and anio = $2::int and mes = $3::int and rubro = $4 and actividad = $5),
     tocar as (update informes set actualizado_at = $8::timestamptz where id = $1::bigint)
insert into informe_actividades (informe_id, anio, mes, rubro, actividad, programadas, ejecutadas, actualizado_at)
values ($1::bigint, $2::int, $3::int, $4, $5, $6::int, $7::int, $8::timestamptz)
on conflict (informe_id, anio, mes, rubro, actividad) do update
   set programadas = excluded.programadas, ejecutadas = excluded.ejecutadas, actualizado_at = excluded.actualizado_at
returning id, (select j from antes) as antes,
          json_build_object('id', id, 'anio', anio, 'mes', mes, 'rubro', rubro, 'actividad', actividad,
                            'programadas', programadas, 'ejecutadas', ejecutadas)::text as despues

-- name: informe_actividad_borrar
with tocar as (update informes set actualizado_at = $3::timestamptz where id = $1::bigint)
delete from informe_actividades where informe_id = $1::bigint and id = $2::bigint
returning json_build_object('id', id, 'anio', anio, 'mes', mes, 'rubro', rubro, 'actividad', actividad,
                            'programadas', programadas, 'ejecutadas', ejecutadas)::text as antes

-- Guardar: conclusiones $2 and recomendaciones $3 (null clears).
-- name: informe_textos_poner
with antes as (select json_build_object('conclusiones', conclusiones, 'recomendaciones', recomendaciones)::text as j
                 from informes where id = $1::bigint)
update informes set conclusiones = $2, recomendaciones = $3, actualizado_at = $4::timestamptz
 where id = $1::bigint
returning (select j from antes) as antes,
          json_build_object('conclusiones', conclusiones, 'recomendaciones', recomendaciones)::text as despues

-- The months of informe $1 with an Anexo 6 row ("2026-5,2026-6"), for meses_faltantes.
-- name: informe_meses
select coalesce(string_agg(anio || '-' || mes, ',' order by anio, mes), '') as meses
  from informe_atenciones where informe_id = $1::bigint

-- The whole informe of adjudicated inscription $1 (the informe may not exist
-- yet: then it is an empty REGISTRADO one), and its months with a row.
-- name: informe_json
select json_build_object(
           'inscripcion_id', i.id,
           'estado', coalesce(f.estado, 'REGISTRADO'),
           'convocatoria', json_build_object('id', c.id, 'codigo', c.codigo),
           'plaza', json_build_object('id', p.id, 'renipress', p.renipress, 'establecimiento', p.establecimiento_nombre,
                                      'diresa', p.diresa_codigo, 'modalidad', p.modalidad,
                                      'profesion', p.profesion_codigo),
           'periodo', json_build_object('inicio', a.servicio_inicio, 'fin', a.servicio_fin),
           'atenciones', coalesce((select json_agg(json_build_object('anio', t.anio, 'mes', t.mes,
                                              'programadas', t.programadas, 'ejecutadas', t.ejecutadas)
                                              order by t.anio, t.mes)
                                     from informe_atenciones t where t.informe_id = f.id), '[]'),
           'actividades', coalesce((select json_agg(json_build_object('id', v.id, 'anio', v.anio, 'mes', v.mes,
                                               'rubro', v.rubro, 'actividad', v.actividad,
                                               'programadas', v.programadas, 'ejecutadas', v.ejecutadas)
                                               order by v.anio, v.mes, v.rubro, v.actividad)
                                      from informe_actividades v where v.informe_id = f.id), '[]'),
           'conclusiones', f.conclusiones,
           'recomendaciones', f.recomendaciones,
           'observacion', f.observacion,
           'resolucion', case when f.resolucion_numero is not null then
                              json_build_object('numero', f.resolucion_numero, 'fecha', f.resolucion_fecha) end,
           'sha256', f.sha256,
           'enviado_at', to_char(f.enviado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'revisado_at', to_char(f.revisado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'actualizado_at', to_char(f.actualizado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text as informe,
       (select coalesce(string_agg(t.anio || '-' || t.mes, ','), '')
          from informe_atenciones t where t.informe_id = f.id) as meses
  from inscripciones i
  join convocatorias c on c.id = i.convocatoria_id
  join adjudicaciones a on a.inscripcion_id = i.id and a.estado = 'VIGENTE'
  join plazas p on p.id = a.plaza_id
  left join informes f on f.adjudicacion_id = a.id
 where i.id = $1::bigint and i.estado = 'ADJUDICADO'

-- Enviar: locks the informe for the DIRESA; clears the last observación.
-- name: informe_enviar
update informes set estado = 'ENVIADO', observacion = null, enviado_at = $2::timestamptz,
                    actualizado_at = $2::timestamptz
 where id = $1::bigint

-- A review by user $4: APROBADO (with the SHA-256 $5 printed from now on) or
-- OBSERVADO (with the observación $3).
-- name: informe_revisar
with rev as (insert into informe_revisiones (informe_id, estado, observacion, revisor_id, revisado_at)
             values ($1::bigint, $2, $3, $4::bigint, $6::timestamptz))
update informes set estado = $2, observacion = $3, sha256 = $5, revisado_at = $6::timestamptz,
                    actualizado_at = $6::timestamptz
 where id = $1::bigint

-- name: informe_resolver
update informes set estado = 'RESOLUCION', resolucion_numero = $2, resolucion_fecha = $3::date,
                    actualizado_at = $4::timestamptz
 where id = $1::bigint

-- Emails (outbox, same transaction): to every active reviewer of the DIRESA
-- of informe $1, and to the serumista of informe $1. $2 subject, $3 text.
-- name: informe_correo_diresa
insert into outbox (destinatario, asunto, texto)
select u.email, $2, $3
  from informes f join usuarios u on u.rol = 'diresa' and u.diresa_codigo = f.diresa_codigo and u.activo
 where f.id = $1::bigint

-- name: informe_correo_serumista
insert into outbox (destinatario, asunto, texto)
select u.email, $2, $3
  from informes f join inscripciones i on i.id = f.inscripcion_id join usuarios u on u.id = i.usuario_id
 where f.id = $1::bigint

-- The printed report of inscription $1: who, where, when, the state, the texts.
-- name: informe_reporte
select f.id as informe_id, i.id as inscripcion_id, c.codigo as convocatoria,
       concat_ws(' ', u.apellido_paterno, u.apellido_materno) || ', ' || coalesce(u.nombres, '') as nombres,
       concat_ws(' ', u.tipo_documento, u.numero_documento) as documento,
       coalesce(pr.nombre, p.profesion_codigo) as profesion, p.modalidad, d.nombre as diresa,
       p.establecimiento_nombre || ' (RENIPRESS ' || p.renipress || ')' as establecimiento,
       concat_ws(' / ', p.departamento_texto, p.provincia_texto, p.distrito_texto) as ubicacion,
       a.servicio_inicio::text as servicio_inicio, a.servicio_fin::text as servicio_fin,
       f.estado, f.resolucion_numero, f.resolucion_fecha::text as resolucion_fecha,
       f.conclusiones, f.recomendaciones
  from informes f
  join inscripciones i on i.id = f.inscripcion_id
  join convocatorias c on c.id = i.convocatoria_id
  join usuarios u on u.id = i.usuario_id
  join adjudicaciones a on a.id = f.adjudicacion_id
  join plazas p on p.id = a.plaza_id
  join diresas d on d.codigo = p.diresa_codigo
  left join profesiones pr on pr.codigo = p.profesion_codigo
 where f.id = $1::bigint

-- name: informe_reporte_atenciones
select anio, mes, programadas, ejecutadas from informe_atenciones where informe_id = $1::bigint order by anio, mes

-- name: informe_reporte_actividades
select anio, mes, rubro, actividad, programadas, ejecutadas
  from informe_actividades where informe_id = $1::bigint order by anio, mes, rubro, actividad

-- The version of what the list of convocatoria $1 shows DIRESA $2 (null:
-- all DIRESAs, for the admin): it grows with every change (migration 0600).
-- name: informe_lista_version
select coalesce(sum(version), 0)::text as version
  from informe_versiones where convocatoria_id = $1::bigint and ($2::text is null or diresa_codigo = $2)

-- The informes of convocatoria $1 a reviewer sees (DIRESA $2, null for the
-- admin): sent at least once, optionally in state $3 and profession $4,
-- after cursor $5, $6 a page. One query: the page (an index range on
-- (convocatoria_id, diresa_codigo, id)), its cursor and the total.
-- name: informe_lista
with page as (
    select f.id, f.inscripcion_id, f.estado, f.diresa_codigo, f.enviado_at, f.adjudicacion_id
      from informes f
     where f.convocatoria_id = $1::bigint and f.estado <> 'REGISTRADO'
       and ($2::text is null or f.diresa_codigo = $2)
       and ($3::text is null or f.estado = $3)
       and ($4::text is null or exists (select 1 from inscripciones i
                                         where i.id = f.inscripcion_id and i.profesion_codigo = $4))
       and ($5::bigint is null or f.id > $5::bigint)
     order by f.id limit $6::int + 1)
select json_build_object(
    'items', coalesce((select json_agg(json_build_object(
                 'id', g.id, 'inscripcion_id', g.inscripcion_id, 'estado', g.estado,
                 'serumista', json_build_object('nombres', u.nombres, 'apellido_paterno', u.apellido_paterno,
                                                'apellido_materno', u.apellido_materno,
                                                'tipo_documento', u.tipo_documento,
                                                'numero_documento', u.numero_documento),
                 'profesion', p.profesion_codigo, 'diresa', g.diresa_codigo,
                 'establecimiento', p.establecimiento_nombre, 'renipress', p.renipress,
                 'periodo', json_build_object('inicio', a.servicio_inicio, 'fin', a.servicio_fin),
                 'meses_registrados', (select count(*) from informe_atenciones t where t.informe_id = g.id),
                 'actividades', (select count(*) from informe_actividades v where v.informe_id = g.id),
                 'enviado_at', to_char(g.enviado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                 'informe', '/v1/inscripciones/' || g.inscripcion_id || '/informe') order by g.id)
                         from (select * from page order by id limit $6::int) g
                         join inscripciones i on i.id = g.inscripcion_id
                         join usuarios u on u.id = i.usuario_id
                         join adjudicaciones a on a.id = g.adjudicacion_id
                         join plazas p on p.id = a.plaza_id), '[]'),
    'next_cursor', (select case when count(*) > $6::int then (array_agg(id order by id))[$6::int]::text end from page),
    'total', (select count(*) from informes f
               where f.convocatoria_id = $1::bigint and f.estado <> 'REGISTRADO'
                 and ($2::text is null or f.diresa_codigo = $2)
                 and ($3::text is null or f.estado = $3)
                 and ($4::text is null or exists (select 1 from inscripciones i
                                                   where i.id = f.inscripcion_id and i.profesion_codigo = $4))))::text
       as pagina

