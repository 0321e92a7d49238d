-- convocatorias.sql - convocatorias and their cronograma (api/convocatorias.c).
-- The JSON of a convocatoria is convocatoria_json() (db/migrations/0800_vistas.sql).

-- name: convocatoria_get
-- Convocatoria $1 as seen at instant $2 by role $3 ('publico' when anonymous).
select convocatoria_json(c, $2::timestamptz, $3)::text as convocatoria from convocatorias c where c.id = $1::bigint

-- name: convocatoria_list
-- A page {items, next_cursor, total}, newest first, after cursor $1 (an id), $2 items, seen at $3 by role $4.
with p as (
  select * from convocatorias where $1::bigint is null or id < $1::bigint order by id desc limit $2::int + 1
),
shown as (select * from p order by id desc limit $2::int)
select json_build_object(
         'items', coalesce((select json_agg(convocatoria_json(x, $3::timestamptz, $4) order by x.id desc) from shown x),
                           '[]'::json),
         'next_cursor', case when (select count(*) from p) > $2::int then (select min(id)::text from shown) end,
         'total', (select count(*) from convocatorias))::text as pagina

-- name: convocatoria_insert
insert into convocatorias (codigo, anio, periodo, tipo) values ($1, $2::int, $3, $4) returning id

-- name: convocatoria_lock
select id from convocatorias where id = $1::bigint for update

-- name: convocatoria_fases
select fase, extract(epoch from inicia)::bigint as inicia, extract(epoch from termina)::bigint as termina
  from convocatoria_fases
 where convocatoria_id = $1::bigint

-- name: convocatoria_cronograma
select cronograma_json($1::bigint, $2::timestamptz)::text as cronograma

-- name: convocatoria_upsert_fase
insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
values ($1::bigint, $2, $3::timestamptz, $4::timestamptz)
on conflict (convocatoria_id, fase) do update set inicia = excluded.inicia, termina = excluded.termina

-- name: convocatoria_touch
update convocatorias set actualizado_at = now() where id = $1::bigint

