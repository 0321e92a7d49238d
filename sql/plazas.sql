-- plazas.sql - the plaza offer of a convocatoria (api/plazas.c): search,
-- CSV export and summary. Parameters $1..$15 of each are the filter of
-- plazas_filtradas() (db/migrations/0801_plazas_filtradas.sql), in its order:
-- convocatoria, modalidad, profesion, diresa, institucion, departamento code /
-- name, provincia code / name, distrito code / name, grado, zaf, ze, patron.

-- name: plazas_busca
-- One page (plazas_pagina(), migration 0960, with `q` or without): $16 the
-- order, $17/$18 the cursor's key and id, $19 the limit, $20 the total the
-- cursor carries (null on the first page: counted). Whether the convocatoria
-- exists, the total, the items, whether more follow, and the last key and id.
select existe, total, items, hay_mas, ultima_clave, ultimo_id
  from plazas_pagina($1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
                     $9::text, $10::text, $11::text, $12::int, $13::boolean, $14::boolean, $15::text,
                     $16::text, $17::text, $18::bigint, $19::int, $20::bigint)

-- name: plazas_exporta
-- Every matching row as the CSV columns, in order $16.
select d.id, d.modalidad, d.profesion_codigo, d.profesion, d.diresa_codigo, d.diresa, d.institucion_codigo,
       d.institucion, d.institucion_ofertante, d.renipress, d.establecimiento, d.categoria, d.departamento_codigo,
       d.departamento, d.provincia_codigo, d.provincia, d.distrito_codigo, d.distrito,
       'GD-' || d.grado_dificultad as grado_dificultad, case when d.zaf then 'SI' else 'NO' end as zaf,
       case when d.ze then 'SI' else 'NO' end as ze, d.cantidad, d.sede, d.presupuesto
  from plazas_filtradas($1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
                        $9::text, $10::text, $11::text, $12::int, $13::boolean, $14::boolean, $15::text) p
  join plaza_detalle d on d.id = p.id
 order by plaza_clave_orden(p, $16::text), p.id

-- name: plazas_resumen
-- Rows and places grouped by $16: profesion, diresa or departamento.
with g as (
  select case $16::text when 'profesion' then p.profesion_codigo when 'diresa' then p.diresa_codigo
                        else p.departamento_codigo::text end as codigo,
         count(*) as filas, sum(p.cantidad) as plazas
    from plazas_filtradas($1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
                          $9::text, $10::text, $11::text, $12::int, $13::boolean, $14::boolean, $15::text) p
   group by 1
),
n as (
  select g.*,
         case $16::text when 'profesion' then (select nombre from profesiones where codigo = g.codigo)
                        when 'diresa' then (select nombre from diresas where codigo = g.codigo)
                        else (select nombre from departamentos where codigo = g.codigo) end as nombre,
         case $16::text when 'profesion' then (select orden from profesiones where codigo = g.codigo)
                        else 0 end as orden
    from g
)
select exists (select 1 from convocatorias where id = $1::bigint) as existe,
       json_build_object('convocatoria_id', $1::bigint, 'por', $16::text,
                         'items', coalesce((select json_agg(json_build_object('codigo', codigo, 'nombre', nombre,
                                                                              'filas', filas, 'plazas', plazas)
                                                            order by orden, codigo nulls last) from n), '[]'::json),
                         'filas', (select coalesce(sum(filas), 0) from n),
                         'plazas', (select coalesce(sum(plazas), 0) from n))::text as resumen

-- name: plazas_convocatoria_existe
select 1 from convocatorias where id = $1::bigint

-- name: plazas_convocatoria_por_codigo
select id::text as id from convocatorias where codigo = $1
