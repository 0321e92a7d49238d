-- orden.sql - score policies (api/politicas.c) and sorteos (api/sorteos.c).

-- name: politica_profesion
select modo_adjudicacion from profesiones where codigo = $1

-- name: politica_get
select politica::text as politica
  from politicas_puntaje
 where convocatoria_id = $1::bigint and profesion_codigo = $2

-- name: politica_guardar
insert into politicas_puntaje (convocatoria_id, profesion_codigo, modo_adjudicacion, politica, actualizado_at)
values ($1::bigint, $2, $3, $4::json, $5::timestamptz)
on conflict (convocatoria_id, profesion_codigo) do update
   set modo_adjudicacion = excluded.modo_adjudicacion, politica = excluded.politica,
       actualizado_at = excluded.actualizado_at

-- name: sorteo_convocatoria
select codigo from convocatorias where id = $1::bigint

-- name: sorteo_pool
select string_agg(id::text, ',' order by id) as ids, count(*) as n
  from inscripciones
 where convocatoria_id = $1::bigint and estado = 'APTO' and profesion_codigo = $2
   and datos_postulacion ->> 'modalidad' = $3

-- name: sorteo_insertar
insert into sorteos (convocatoria_id, modalidad, profesion_codigo, estado, pool, pool_n, h_pool, compromiso,
                     beacon_fuente, beacon_ronda, congelado_at)
values ($1::bigint, $2, $3, 'CONGELADO', $4, $5::int, $6, $7, $8, $9, $10::timestamptz)
returning id

-- name: sorteo_bloquear
select s.id, s.estado, s.pool, s.h_pool, s.compromiso, s.modalidad, s.profesion_codigo, c.codigo as convocatoria
  from sorteos s join convocatorias c on c.id = s.convocatoria_id
 where s.id = $1::bigint
   for update of s

-- name: sorteo_revelar
update sorteos set estado = 'SORTEADO', beacon_valor = $2, secreto = $3, seed_input = $4, seed = $5,
                   sorteado_at = $6::timestamptz
 where id = $1::bigint and estado = 'CONGELADO'

-- name: sorteo_claves_insertar
insert into sorteo_claves (sorteo_id, inscripcion_id, clave, posicion)
select $1::bigint, i, k, p
  from unnest($2::bigint[], $3::text[], $4::int[]) as t(i, k, p)

-- name: sorteo_json
-- the sorteo as published; its items ($2) come from the draw that just stored them, else from sorteo_claves
select json_build_object(
         'id', s.id, 'convocatoria_id', s.convocatoria_id, 'convocatoria', c.codigo,
         'modalidad', s.modalidad, 'profesion', s.profesion_codigo, 'estado', s.estado,
         'pool', s.pool, 'pool_n', s.pool_n, 'h_pool', s.h_pool, 'compromiso', s.compromiso,
         'beacon', json_build_object('fuente', s.beacon_fuente, 'ronda', s.beacon_ronda, 'valor', s.beacon_valor),
         'secreto', s.secreto, 'seed_input', s.seed_input, 'seed', s.seed,
         'congelado_at', to_char(s.congelado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'sorteado_at', to_char(s.sorteado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'items', coalesce($2::json, (select json_agg(json_build_object('posicion', k.posicion, 'inscripcion_id', k.inscripcion_id,
                                                             'clave', k.clave) order by k.posicion)
                              from sorteo_claves k where k.sorteo_id = s.id), '[]'::json))::text as sorteo
  from sorteos s join convocatorias c on c.id = s.convocatoria_id
 where s.id = $1::bigint
