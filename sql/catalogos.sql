-- catalogos.sql - the reference catalogs (api/catalogos.c), public and cacheable.

-- name: catalogos_pagina
-- One page {items, next_cursor, total} of catalog $1 (profesiones, diresas,
-- instituciones, departamentos, provincias of departamento $2, distritos of
-- provincia $2), keyed by k: after cursor $3 (the last k seen, or null), $4
-- items. Null when the parent $2 of a child list does not exist.
with t as (
  select lpad(orden::text, 4, '0') as k,
         json_build_object('codigo', codigo, 'nombre', nombre, 'grupo', grupo,
                           'modo_adjudicacion', modo_adjudicacion, 'requiere_ppp', requiere_ppp,
                           'requiere_enam', requiere_enam,
                           'notas_adjudicacion', case grupo
                             when 'MEDICINA' then json_build_array('EVALUACION_SERUMS', 'ENAM')
                             when 'CIENCIAS_SALUD' then json_build_array('EXAMEN_NACIONAL', 'EVALUACION_SERUMS')
                             else '[]'::json end,
                           'nombre_oferta', nombre_oferta) as item
    from profesiones where $1::text = 'profesiones'
  union all
  select codigo, json_build_object('codigo', codigo, 'nombre', nombre, 'exonera_comprobante', exonera_comprobante)
    from diresas where $1::text = 'diresas'
  union all
  select codigo, json_build_object('codigo', codigo, 'nombre', nombre)
    from instituciones where $1::text = 'instituciones'
  union all
  select codigo::text, json_build_object('codigo', codigo, 'nombre', nombre)
    from departamentos where $1::text = 'departamentos'
  union all
  select codigo::text, json_build_object('codigo', codigo, 'nombre', nombre, 'departamento_codigo', departamento_codigo)
    from provincias where $1::text = 'provincias' and departamento_codigo = $2::text::bpchar
  union all
  select codigo::text, json_build_object('codigo', codigo, 'nombre', nombre, 'provincia_codigo', provincia_codigo)
    from distritos where $1::text = 'distritos' and provincia_codigo = $2::text::bpchar
),
p as (select k, item from t where $3::text is null or k > $3::text order by k limit $4::int + 1),
shown as (select k, item from p order by k limit $4::int)
select case when $2::text is null
              or exists (select 1 from departamentos where $1::text = 'provincias' and codigo = $2::text::bpchar)
              or exists (select 1 from provincias where $1::text = 'distritos' and codigo = $2::text::bpchar)
       then json_build_object(
              'items', coalesce((select json_agg(item order by k) from shown), '[]'::json),
              'next_cursor', case when (select count(*) from p) > $4::int then (select max(k) from shown) end,
              'total', (select count(*) from t))::text
       end as pagina
