-- inscripciones.sql - the inscription wizard (api/inscripciones.c,
-- api/inscripcion_datos.c, api/inscripcion_final.c). Rows come from the view
-- inscripcion_vista (db/migrations/0800_vistas.sql) and are read by name;
-- `adjudicacion` is the plaza, period and informe of an adjudicated one
-- (informe_adjudicacion(), db/migrations/0600_informes.sql).

-- name: insc_lectura
-- The inscription $1 if the caller (user $2 with role $3 and scope $4) may read it.
select v.*, informe_adjudicacion(v.id)::text as adjudicacion from inscripcion_vista v
 where id = $1::bigint
   and (usuario_id = $2::bigint or $3::text = 'admin'
        -- reviewers see an inscription once finalized (issue 9, probe 12), never a draft
        or ($3::text = 'diresa' and diresa_codigo = $4::text and estado <> 'BORRADOR'))

-- name: insc_escritura
-- The caller's ($2) own inscription $1, its row locked for the transaction.
select v.*, informe_adjudicacion(v.id)::text as adjudicacion from inscripcion_vista v
 where id = (select id from inscripciones where id = $1::bigint and usuario_id = $2::bigint for update)

-- name: insc_mias
-- A page of the caller's inscriptions, newest first, after cursor $2 (an id).
select v.*, informe_adjudicacion(v.id)::text as adjudicacion from inscripcion_vista v
 where usuario_id = $1::bigint and ($2::bigint is null or id < $2::bigint)
 order by id desc
 limit $3::int

-- name: insc_mias_total
select count(*) as total from inscripciones where usuario_id = $1::bigint

-- name: insc_crear
insert into inscripciones (convocatoria_id, usuario_id, creado_at, actualizado_at)
values ($1::bigint, $2::bigint, $3::timestamptz, $3::timestamptz)
returning id

-- name: insc_guardar_seccion
-- Replaces section $2 (datos_personales, datos_profesionales, datos_postulacion
-- or declaracion_jurada) of inscription $1 with the JSON $3.
update inscripciones
   set datos_personales = case when $2::text = 'datos_personales' then $3::json else datos_personales end,
       datos_profesionales = case when $2::text = 'datos_profesionales' then $3::json else datos_profesionales end,
       datos_postulacion = case when $2::text = 'datos_postulacion' then $3::json else datos_postulacion end,
       declaracion_jurada = case when $2::text = 'declaracion_jurada' then $3::json else declaracion_jurada end,
       actualizado_at = $4::timestamptz
 where id = $1::bigint

-- name: insc_cat_profesion
select grupo, requiere_ppp from profesiones where codigo = $1

-- name: insc_cat_diresa
select exonera_comprobante from diresas where codigo = $1

-- name: insc_cat_distrito
select 1 from distritos where codigo = $1

-- name: insc_cat_institucion
select 1 from instituciones where codigo = $1

-- name: insc_cat_plazas
-- Remunerated places of a profession, institution and DIRESA in convocatoria $1.
select coalesce(sum(cantidad), 0) as cantidad
  from plazas
 where convocatoria_id = $1::bigint and modalidad = 'REMUNERADA'
   and profesion_codigo = $2 and institucion_codigo = $3 and diresa_codigo = $4

-- name: insc_final_nombres
select p.nombre as profesion, d.nombre as diresa
  from profesiones p left join diresas d on d.codigo = $2
 where p.codigo = $1

-- name: insc_finalizar
update inscripciones
   set estado = 'INSCRITO', finalizado_at = $2::timestamptz, actualizado_at = $2::timestamptz,
       codigo_verificacion = $3, sha256_datos = $4, datos_finalizados = $5::json
 where id = $1::bigint and estado = 'BORRADOR'

-- name: insc_final_correo
select outbox_enqueue($1, $2, $3, null, $4, 'application/pdf', $5::bytea)
