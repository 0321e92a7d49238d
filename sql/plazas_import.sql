-- plazas_import.sql - loading a MINSA offer file (api/plazas_import.c).

-- name: plazas_refs
-- The catalogs the file's names are matched against: P profesiones, D diresas, I instituciones.
select 'P' as tipo, codigo, nombre, nombre_oferta from profesiones
union all
select 'D', codigo, nombre, nombre_oferta from diresas
union all
select 'I', codigo, nombre, nombre_oferta from instituciones

-- name: plazas_lugares
-- The ubigeo tree: nivel 1 departamentos, 2 provincias, 3 distritos (with centroids).
select 1 as nivel, codigo::text as codigo, '' as padre, nombre, null::float8 as latitud, null::float8 as longitud
  from departamentos
union all
select 2, codigo::text, departamento_codigo::text, nombre, null, null from provincias
union all
select 3, codigo::text, provincia_codigo::text, nombre, latitud, longitud from distritos

-- name: plazas_alias
select nivel, padre, nombre, codigo::text as codigo from ubigeo_alias

-- name: plazas_lock
select id from convocatorias where id = $1::bigint for update

-- name: plazas_anterior
-- The offer being replaced, for the audit record.
select json_build_object('importacion_id', max(importacion_id), 'filas', count(*),
                         'plazas', coalesce(sum(cantidad), 0))::text as anterior
  from plazas
 where convocatoria_id = $1::bigint and modalidad = $2

-- name: plazas_borra
delete from plazas where convocatoria_id = $1::bigint and modalidad = $2

-- name: plazas_importacion
insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256, usuario_id)
values ($1::bigint, $2, $3::int, $4::int, $5::int, $6, $7::bigint)
returning id

-- name: plazas_carga
-- Establishments first (one row per RENIPRESS, preferring a row with
-- coordinates), then the plazas, from the JSON array $4 of valid rows; the
-- foreign keys are checked at the end of the statement, when both are in.
with src as (
  select * from json_to_recordset($4::json) as t(
    linea int, profesion text, diresa text, institucion text, ofertante text, sede text, categoria text,
    presupuesto text, direccion text, nombre text, clave text, renipress text, cantidad int, grado int,
    zaf boolean, ze boolean, cautiva boolean, departamento text, provincia text, distrito text, departamento_texto text,
    provincia_texto text, distrito_texto text, latitud float8, longitud float8)
),
est as (
  insert into establecimientos as e (renipress, nombre, categoria, direccion, latitud, longitud)
  select distinct on (renipress) renipress, nombre, categoria, direccion, latitud, longitud
    from src
   order by renipress, latitud is null, linea
  on conflict (renipress) do update
     set nombre = excluded.nombre, categoria = coalesce(excluded.categoria, e.categoria),
         direccion = coalesce(excluded.direccion, e.direccion), latitud = coalesce(excluded.latitud, e.latitud),
         longitud = coalesce(excluded.longitud, e.longitud), actualizado_at = now()
  returning 1
),
ins as (
  insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                      establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze,
                      departamento_codigo, provincia_codigo, distrito_codigo, departamento_texto, provincia_texto,
                      distrito_texto, sede, presupuesto, institucion_ofertante, importacion_id, linea, cautiva)
  select $1::bigint, $2, profesion, diresa, institucion, renipress, nombre, clave, cantidad, grado, zaf, ze,
         departamento, provincia, distrito, departamento_texto, provincia_texto, distrito_texto, sede, presupuesto,
         ofertante, $3::bigint, linea, coalesce(cautiva, false)
    from src
   order by linea
  returning cantidad
)
select (select count(*) from est) as establecimientos, count(*) as filas, coalesce(sum(cantidad), 0) as plazas
  from ins

-- name: plazas_avisa
-- A word to every worker's cache of public answers (delivered at commit).
select pg_notify('oferta', $1)

-- name: plazas_analiza
-- Fresh statistics for the searches after an import.
analyze plazas

-- name: plazas_ultima_importacion
select sha256 = $3 as igual
  from plaza_importaciones
 where convocatoria_id = $1::bigint and modalidad = $2
 order by id desc
 limit 1
