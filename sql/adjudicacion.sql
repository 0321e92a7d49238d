-- adjudicacion.sql - merit order inputs (api/orden_merito.c) and adjudication
-- sessions (api/adjudicacion_*.c).

-- name: orden_politica
select p.politica::text as politica, p.modo_adjudicacion, c.codigo as convocatoria,
       (select s.id from sorteos s where s.convocatoria_id = c.id and s.modalidad = $3
           and s.profesion_codigo = $2 and s.estado = 'SORTEADO') as sorteo_id
  from convocatorias c
  left join politicas_puntaje p on p.convocatoria_id = c.id and p.profesion_codigo = $2
 where c.id = $1::bigint

-- name: orden_aptos
-- APTO (and already ADJUDICADO) inscriptions of convocatoria $1 (of profesión $2 and
-- modalidad $3, or of every group when they are NULL: one scan for the whole
-- publication) by modalidad desc, profesión and id, with their grades: the official one
-- of the validation files (table validaciones, migration 0401) wherever one was loaded,
-- otherwise the declared one (revision-publicacion.md); conditions (never published),
-- the document number (the list masks it), the DIRESA's name, the public remark and the
-- key of the group's drawn sorteo.
select i.id, i.modalidad, i.profesion_codigo as profesion,
       trim(coalesce(u.apellido_paterno, '') || ' ' || coalesce(u.apellido_materno, '')) || ', ' ||
         coalesce(u.nombres, '') as apellidos_nombres,
       u.numero_documento as documento,
       coalesce(d.nombre, i.diresa_codigo) as diresa_procedencia,
       case when i.caso_especial then 'CASO_ESPECIAL' end as observacion_publica,
       coalesce(replace(vp.oficial, ',', '.'), i.datos_profesionales ->> 'nota_ppp') as nota_ppp,
       coalesce(replace(ve.oficial, ',', '.'), i.datos_profesionales ->> 'nota_enam') as nota_enam,
       coalesce(replace(vs.oficial, ',', '.'), i.datos_profesionales ->> 'nota_evaluacion_serums')
         as nota_evaluacion_serums,
       i.datos_profesionales ->> 'nota_adjudicacion' as eleccion,
       coalesce((i.datos_personales ->> 'discapacidad')::boolean, false) as discapacidad,
       coalesce((i.datos_personales ->> 'licenciado_ffaa')::boolean, false) as ffaa,
       k.clave
  from inscripciones i
  join usuarios u on u.id = i.usuario_id
  left join diresas d on d.codigo = i.diresa_codigo
  left join sorteos s on s.convocatoria_id = i.convocatoria_id and s.modalidad = i.modalidad
                     and s.profesion_codigo = i.profesion_codigo and s.estado = 'SORTEADO'
  left join sorteo_claves k on k.sorteo_id = s.id and k.inscripcion_id = i.id
  left join validaciones vp on vp.inscripcion_id = i.id and vp.fuente = 'PPP'
  left join validaciones ve on ve.inscripcion_id = i.id and ve.fuente = 'ENAM'
  left join validaciones vs on vs.inscripcion_id = i.id and vs.fuente = 'EVALUACION_SERUMS'
 where i.convocatoria_id = $1::bigint and i.estado in ('APTO', 'ADJUDICADO')
   and i.modalidad is not null and i.profesion_codigo is not null
   and ($2::text is null or i.profesion_codigo = $2) and ($3::text is null or i.modalidad = $3)
 order by i.modalidad desc, i.profesion_codigo, i.id

-- name: sesion_servicio
select to_char(f.inicia at time zone 'America/Lima', 'YYYY-MM-DD') as inicio,
       to_char(f.termina at time zone 'America/Lima', 'YYYY-MM-DD') as fin
  from convocatoria_fases f
 where f.convocatoria_id = $1::bigint and f.fase = 'SERVICIO'

-- name: sesion_insertar
insert into adjudicacion_sesiones (convocatoria_id, modalidad, profesion_codigo, fase, modo, segundos_turno, bloque,
                                   reintentos, creado_at)
values ($1::bigint, $2, $3, $4, $5, $6::int, $7::int, $8::int, $9::timestamptz)
returning id

-- name: sesion_orden_publicado
-- The merit order a session of convocatoria $1, modalidad $2 × profesión $3 takes its
-- turns from: the group's rows in the latest published ORDEN_MERITO version, by
-- N° adjudicación, without whoever holds a vigente adjudicación (any modalidad: a
-- remunerated plaza leaves equivalente) or is no longer APTO (an annulled inscription).
-- publicados = 0: the group's order was never published.
with v as (select p.json::json -> 'items' as items
             from publicaciones p
            where p.convocatoria_id = $1::bigint and p.tipo = 'ORDEN_MERITO'
            order by p.version desc
            limit 1),
     o as (select (x ->> 'inscripcion_id')::bigint as i, (x ->> 'n_adjudicacion')::int as n
             from v, json_array_elements(v.items) x
            where x ->> 'modalidad' = $2 and x ->> 'profesion' = $3)
select (select count(*) from o) as publicados, count(*) as n,
       string_agg(o.i::text, ',' order by o.n) as ids, string_agg(o.n::text, ',' order by o.n) as ns
  from o
  join inscripciones ins on ins.id = o.i and ins.estado in ('APTO', 'ADJUDICADO')
 where not exists (select 1 from adjudicaciones a where a.inscripcion_id = o.i and a.estado = 'VIGENTE')

-- name: sesion_turnos_insertar
insert into adjudicacion_turnos (sesion_id, posicion, inscripcion_id, n_adjudicacion)
select $1::bigint, p, i, n from unnest($2::int[], $3::bigint[], $4::int[]) as t(p, i, n)

-- name: sesion_unidades_insertar
-- the free units of the group: every unit of each offer row without a vigente
-- adjudicación; CAUTIVAS offers only cautive plazas; a REOFERTA offers only units freed by a nullity
insert into adjudicacion_unidades (sesion_id, plaza_id, unidad)
select $1::bigint, p.id, g
  from plazas p, generate_series(1, p.cantidad) g
 where p.convocatoria_id = $2::bigint and p.modalidad = $3 and p.profesion_codigo = $4
   and not exists (select 1 from adjudicaciones a where a.plaza_id = p.id and a.unidad = g and a.estado = 'VIGENTE')
   and ($5 <> 'CAUTIVAS' or p.cautiva)
   and ($5 <> 'REOFERTA' or exists (select 1 from adjudicaciones a
                                     where a.plaza_id = p.id and a.unidad = g and a.estado = 'ANULADA'))

-- name: sesion_bloquear
-- the session row, locked, with the service period its adjudicaciones get
select s.*, c.codigo as convocatoria,
       (select to_char(f.inicia at time zone 'America/Lima', 'YYYY-MM-DD') from convocatoria_fases f
         where f.convocatoria_id = s.convocatoria_id and f.fase = 'SERVICIO') as servicio_inicio,
       (select to_char(f.termina at time zone 'America/Lima', 'YYYY-MM-DD') from convocatoria_fases f
         where f.convocatoria_id = s.convocatoria_id and f.fase = 'SERVICIO') as servicio_fin,
       to_char(s.turno_vence at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as vence_txt,
       extract(epoch from s.turno_vence)::bigint as vence_epoch
  from adjudicacion_sesiones s join convocatorias c on c.id = s.convocatoria_id
 where s.id = $1::bigint
   for update of s

-- name: sesion_leer
select s.id, s.estado, s.modo, extract(epoch from s.turno_vence)::bigint as vence_epoch, c.codigo as convocatoria
  from adjudicacion_sesiones s join convocatorias c on c.id = s.convocatoria_id
 where s.id = $1::bigint

-- name: sesion_turnos
select string_agg(inscripcion_id::text, ',' order by posicion) as ids,
       string_agg(n_adjudicacion::text, ',' order by posicion) as ns,
       string_agg(estado, ',' order by posicion) as estados,
       string_agg(llamadas::text, ',' order by posicion) as llamadas,
       count(*) as n
  from adjudicacion_turnos where sesion_id = $1::bigint

-- name: sesion_unidades
select string_agg(plaza_id::text || ':' || unidad::text, ',' order by plaza_id, unidad) as unidades, count(*) as n
  from adjudicacion_unidades where sesion_id = $1::bigint

-- name: sesion_preferencias
select inscripcion_id, string_agg(plaza_id::text, ',' order by orden) as plazas
  from adjudicacion_preferencias where sesion_id = $1::bigint
 group by inscripcion_id

-- name: sesion_eventos
-- the log after seq $2 (0: all of it), to replay
select inscripcion_id, accion, plaza_id, prev_hash, hash from adjudicacion_eventos
 where sesion_id = $1::bigint and seq > $2::int order by seq

-- name: sesion_guardar
-- everything one transaction over a session changed, in one statement (one round trip): the new
-- chained events, the adjudicaciones (their inscriptions become ADJUDICADO), the turns whose state
-- changed, the session row; empty arrays write nothing. The database constraints stay the last
-- guard: one vigente adjudicación per unit and per inscription.
with ev as (
  insert into adjudicacion_eventos (sesion_id, seq, prev_hash, hash, turno, inscripcion_id, accion, plaza_id, resultado,
                                    unidad, actor, actor_usuario_id, at)
  select $1::bigint, s, ph, h, t, i, a, nullif(p, 0), r, nullif(u, 0), ac, uid, at
    from unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::bigint[], $9::text[],
                $10::int[], $11::text[], $12::bigint[], $13::text[]) as t(s, ph, h, t, i, a, p, r, u, ac, uid, at)),
adj as (
  insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at, sesion_id, fase, via)
  select i, p, u, $17::date, $18::date, at::timestamptz, $1::bigint, $19, v
    from unnest($14::bigint[], $15::bigint[], $16::int[], $20::text[], $21::text[]) as t(i, p, u, at, v)
  returning inscripcion_id),
ins as (update inscripciones set estado = 'ADJUDICADO' where id in (select inscripcion_id from adj)),
tur as (
  update adjudicacion_turnos t set estado = x.e, llamadas = x.l
    from unnest($22::bigint[], $23::text[], $24::int[]) as x(i, e, l)
   where t.sesion_id = $1::bigint and t.inscripcion_id = x.i)
update adjudicacion_sesiones
   set estado = $25, turno = $26::int, turno_inscripcion_id = $27::bigint, turno_vence = $28::timestamptz,
       eventos = $29::int, ultimo_hash = $30, iniciado_at = coalesce(iniciado_at, $31::timestamptz),
       cerrado_at = case when $25 = 'CERRADA' then $31::timestamptz end
 where id = $1::bigint

-- name: sesion_estado_json
-- the public state: what estado.json and GET /v1/adjudicaciones/{sesion} show; 'plazas' (units
-- not yet adjudicated in this session) and 'siguientes' come from the caller's machine ($2, $3)
-- inside a session's transaction, from the tables otherwise
select json_build_object(
  'id', s.id, 'convocatoria_id', s.convocatoria_id, 'modalidad', s.modalidad, 'profesion', s.profesion_codigo,
  'fase', s.fase, 'modo', s.modo, 'segundos_turno', s.segundos_turno, 'bloque', s.bloque, 'reintentos', s.reintentos,
  'estado', s.estado, 'eventos', s.eventos, 'ultimo_hash', s.ultimo_hash,
  'turno', case when s.turno_inscripcion_id is not null and s.estado <> 'CERRADA' then json_build_object(
      'numero', s.turno, 'inscripcion_id', s.turno_inscripcion_id,
      'n_adjudicacion', (select n_adjudicacion from adjudicacion_turnos t where t.sesion_id = s.id and t.inscripcion_id = s.turno_inscripcion_id),
      'vence', to_char(s.turno_vence at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
  'siguientes', coalesce($3::json, (select json_agg(json_build_object('inscripcion_id', x.inscripcion_id, 'n_adjudicacion', x.n_adjudicacion) order by x.posicion)
      from (select * from adjudicacion_turnos t where t.sesion_id = s.id and t.estado = 'PENDIENTE' order by posicion limit 10) x), '[]'::json),
  'plazas', coalesce($2::json, (select json_agg(json_build_object('plaza_id', y.plaza_id, 'libres', y.libres) order by y.plaza_id)
      from (select u.plaza_id, count(*) filter (where a.id is null) as libres
              from adjudicacion_unidades u
              left join adjudicaciones a on a.plaza_id = u.plaza_id and a.unidad = u.unidad and a.sesion_id = s.id
             where u.sesion_id = s.id group by u.plaza_id) y), '[]'::json),
  'ultimas', coalesce((select json_agg(json_build_object('seq', e.seq, 'turno', e.turno, 'inscripcion_id', e.inscripcion_id,
      'accion', e.accion, 'resultado', e.resultado, 'plaza_id', e.plaza_id, 'unidad', e.unidad, 'at', e.at) order by e.seq desc)
      from (select * from adjudicacion_eventos e where e.sesion_id = s.id order by seq desc limit 10) e), '[]'::json)
  )::text as estado
  from adjudicacion_sesiones s where s.id = $1::bigint

-- name: sesion_log_json
-- the published log: everything a third party needs to replay the session
select json_build_object(
  'sesion', json_build_object('id', s.id, 'convocatoria', c.codigo, 'convocatoria_id', s.convocatoria_id,
      'modalidad', s.modalidad, 'profesion', s.profesion_codigo, 'fase', s.fase, 'modo', s.modo, 'bloque', s.bloque,
      'reintentos', s.reintentos, 'estado', s.estado),
  'orden', coalesce((select json_agg(json_build_object('inscripcion_id', t.inscripcion_id, 'n_adjudicacion', t.n_adjudicacion,
      'institucion', t.institucion, 'vinculo', t.vinculo)
      order by t.posicion) from adjudicacion_turnos t where t.sesion_id = s.id), '[]'::json),
  'plazas', coalesce((select json_agg(json_build_object('plaza_id', p.id, 'institucion', p.institucion_codigo, 'cautiva', p.cautiva)
      order by p.id) from plazas p where p.id in (select plaza_id from adjudicacion_unidades u where u.sesion_id = s.id)), '[]'::json),
  'unidades', coalesce((select json_agg(json_build_object('plaza_id', u.plaza_id, 'unidad', u.unidad) order by u.plaza_id, u.unidad)
      from adjudicacion_unidades u where u.sesion_id = s.id), '[]'::json),
  'preferencias', case when s.estado = 'CERRADA' then coalesce((select json_object_agg(x.inscripcion_id, x.plazas)
      from (select inscripcion_id, json_agg(plaza_id order by orden) as plazas from adjudicacion_preferencias p
             where p.sesion_id = s.id group by inscripcion_id) x), '{}'::json) else '{}'::json end,
  'eventos', coalesce((select json_agg(json_build_object('seq', e.seq, 'prev_hash', e.prev_hash, 'hash', e.hash, 'turno', e.turno,
      'inscripcion_id', e.inscripcion_id, 'accion', e.accion, 'plaza_id', e.plaza_id, 'resultado', e.resultado,
      'unidad', e.unidad, 'actor', e.actor, 'at', e.at) order by e.seq) from adjudicacion_eventos e where e.sesion_id = s.id), '[]'::json)
  )::text as log
  from adjudicacion_sesiones s join convocatorias c on c.id = s.convocatoria_id
 where s.id = $1::bigint

-- name: sesion_turno_de_usuario
select t.inscripcion_id from adjudicacion_turnos t join inscripciones i on i.id = t.inscripcion_id
 where t.sesion_id = $1::bigint and i.usuario_id = $2::bigint

-- name: preferencias_borrar
delete from adjudicacion_preferencias where sesion_id = $1::bigint and inscripcion_id = $2::bigint

-- name: preferencias_insertar
insert into adjudicacion_preferencias (sesion_id, inscripcion_id, orden, plaza_id)
select $1::bigint, $2::bigint, o, p from unnest($3::bigint[]) with ordinality as t(p, o)

-- name: preferencias_get
select coalesce(json_agg(plaza_id order by orden), '[]'::json)::text as plazas
  from adjudicacion_preferencias where sesion_id = $1::bigint and inscripcion_id = $2::bigint

-- name: preferencias_plazas_validas
select coalesce(array_agg(distinct plaza_id), '{}')::text as plazas
  from adjudicacion_unidades where sesion_id = $1::bigint and plaza_id = any($2::bigint[])

-- name: sesion_turnos_pagina
select json_build_object(
  'items', coalesce((select json_agg(json_build_object('posicion', t.posicion, 'inscripcion_id', t.inscripcion_id,
      'n_adjudicacion', t.n_adjudicacion, 'estado', t.estado, 'llamadas', t.llamadas) order by t.posicion)
      from (select * from adjudicacion_turnos where sesion_id = $1::bigint and posicion > coalesce($2::int, 0)
             order by posicion limit $3::int) t), '[]'::json),
  'next_cursor', (select case when count(*) > $3::int then (array_agg(posicion order by posicion))[$3::int]::text end
      from (select posicion from adjudicacion_turnos where sesion_id = $1::bigint and posicion > coalesce($2::int, 0)
             order by posicion limit $3::int + 1) p),
  'total', (select count(*) from adjudicacion_turnos where sesion_id = $1::bigint))::text as pagina

-- name: anulacion_bloquear
select a.id, a.estado, a.inscripcion_id, a.plaza_id, a.unidad, a.sesion_id, i.convocatoria_id, p.modalidad
  from adjudicaciones a join inscripciones i on i.id = a.inscripcion_id join plazas p on p.id = a.plaza_id
 where a.id = $1::bigint
   for update of a

-- name: anulacion_insertar
with a as (update adjudicaciones set estado = 'ANULADA' where id = $1::bigint and estado = 'VIGENTE' returning inscripcion_id),
     i as (update inscripciones set estado = case when $5::boolean then 'ANULADO' else 'APTO' end
            where id = (select inscripcion_id from a) returning id)
insert into anulaciones (adjudicacion_id, resolucion, motivo, evidencia_sha256, anula_inscripcion, usuario_id, anulado_at)
select $1::bigint, $2, $3, $4, $5::boolean, $6::bigint, $7::timestamptz from i
returning json_build_object('id', id, 'adjudicacion_id', adjudicacion_id, 'resolucion', resolucion,
                            'evidencia_sha256', evidencia_sha256, 'anula_inscripcion', anula_inscripcion,
                            'anulado_at', to_char(anulado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text as anulacion
