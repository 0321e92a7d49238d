-- 0960: one page of the public plaza search as a function whose plan is
-- built once per connection (issue 9: a cache miss must cost well under a
-- millisecond of database time). Measured before: PostgreSQL re-planned the
-- search for each new `q` (a custom plan of the inlined plazas_filtradas(),
-- 1-2 ms of planning per request), and built the 50 items with one query per
-- row (plaza_ficha_completa). Now:
--  * plan_cache_mode = force_generic_plan for the function's statement: the
--    `q` branch stands alone behind a one-time filter, so its generic plan
--    reads the trigram index of 0701 (the other branch is skipped at run time);
--  * the items come from one join of the page with plazas and establecimientos;
--  * p_total, when known (carried in the cursor of later pages), skips the
--    count: the page then reads only the rows it returns and sorts.
create function plaza_ficha_publica(p plazas, e establecimientos) returns jsonb language sql stable as $$
    select p.ficha || jsonb_build_object('establecimiento', jsonb_build_object(
               'renipress', e.renipress, 'nombre', p.establecimiento_nombre, 'categoria', e.categoria,
               'latitud', e.latitud, 'longitud', e.longitud))
$$;

-- The one definition of what the search shows of a plaza (0701's function, by id).
create or replace function plaza_ficha_completa(p_id bigint) returns jsonb language sql stable as $$
    select plaza_ficha_publica(p, e) from plazas p join establecimientos e on e.renipress = p.renipress
     where p.id = p_id
$$;

-- f_*: the filter of plazas_filtradas() (0801), f_patron the LIKE pattern of
-- `q` or null; p_orden the order (plaza_clave_orden), p_clave/p_id the last
-- key and id of the previous page (null on the first), p_limite the page
-- size, p_total the total carried by the cursor (null: count it).
create function plazas_pagina(
    f_convocatoria bigint, f_modalidad text, f_profesion text, f_diresa text, f_institucion text,
    f_departamento text, f_departamento_nombre text, f_provincia text, f_provincia_nombre text,
    f_distrito text, f_distrito_nombre text, f_grado int, f_zaf boolean, f_ze boolean, f_patron text,
    p_orden text, p_clave text, p_id bigint, p_limite int, p_total bigint)
returns table (existe boolean, total bigint, items text, hay_mas boolean, ultima_clave text, ultimo_id bigint)
language plpgsql stable set plan_cache_mode = force_generic_plan as $fn$
begin
    return query
    with f as (
        select p.id, plaza_clave_orden(p, p_orden) as sk
          from plazas_filtradas(f_convocatoria, f_modalidad, f_profesion, f_diresa, f_institucion, f_departamento,
                                f_departamento_nombre, f_provincia, f_provincia_nombre, f_distrito,
                                f_distrito_nombre, f_grado, f_zaf, f_ze, null) p
         where f_patron is null
        union all
        select p.id, plaza_clave_orden(p, p_orden)
          from plazas_filtradas(f_convocatoria, f_modalidad, f_profesion, f_diresa, f_institucion, f_departamento,
                                f_departamento_nombre, f_provincia, f_provincia_nombre, f_distrito,
                                f_distrito_nombre, f_grado, f_zaf, f_ze, null) p
         where f_patron is not null and p.establecimiento_clave like f_patron
    ),
    pg as (
        select f.sk, f.id from f
         where p_clave is null or (f.sk, f.id) > (p_clave, p_id)
         order by f.sk, f.id limit p_limite + 1
    ),
    pagina as (select pg.sk, pg.id from pg order by pg.sk, pg.id limit p_limite),
    ultima as (select pagina.sk, pagina.id from pagina order by pagina.sk desc, pagina.id desc limit 1)
    select exists (select 1 from convocatorias c where c.id = f_convocatoria),
           coalesce(p_total, (select count(*) from f)),
           (select coalesce(json_agg(plaza_ficha_publica(p, e) order by x.sk, x.id), '[]'::json)::text
              from pagina x join plazas p on p.id = x.id join establecimientos e on e.renipress = p.renipress),
           (select count(*) from pg) > p_limite,
           (select u.sk from ultima u),
           (select u.id from ultima u);
end $fn$;
