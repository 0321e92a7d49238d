-- 0701: the public plaza search indexed so that a cache miss costs well under
-- a millisecond of database time (issue 9):
--  * `q` is a LIKE '%CLAVE%' over establecimiento_clave: a trigram index
--    (pg_trgm, shipped with postgresql-contrib, a trusted extension) finds the
--    few matching rows instead of reading the whole offer;
--  * a composite index for the DIRESA filter, led by the convocatoria
--    (profesion is already led by plazas_oferta_grupo; more indexes were
--    measured to slow the offer import more than they help searches that the
--    per-worker cache mostly answers);
--  * `ficha`: each plaza's display JSON with its catalog names, computed once
--    when the row is written instead of seven joins per row on every page.
--    The establishment's own fields (categoria, coordinates: shared across
--    convocatorias, updated by later imports) are joined at read time.
create extension if not exists pg_trgm;

create index plazas_clave_trgm on plazas using gin (establecimiento_clave gin_trgm_ops);
create index plazas_diresa on plazas (convocatoria_id, diresa_codigo);

alter table plazas add column ficha jsonb;

-- The display JSON of a plaza, without 'establecimiento' (see above).
create function plaza_ficha(p plazas) returns jsonb language sql stable as $$
    select jsonb_build_object(
        'id', p.id, 'modalidad', p.modalidad,
        'profesion', (select jsonb_build_object('codigo', codigo, 'nombre', nombre) from profesiones where codigo = p.profesion_codigo),
        'diresa', (select jsonb_build_object('codigo', codigo, 'nombre', nombre) from diresas where codigo = p.diresa_codigo),
        'institucion', (select jsonb_build_object('codigo', codigo, 'nombre', nombre) from instituciones where codigo = p.institucion_codigo),
        'institucion_ofertante', p.institucion_ofertante,
        'departamento', jsonb_build_object('codigo', p.departamento_codigo, 'nombre',
            coalesce((select nombre from departamentos where codigo = p.departamento_codigo), p.departamento_texto)),
        'provincia', jsonb_build_object('codigo', p.provincia_codigo, 'nombre',
            coalesce((select nombre from provincias where codigo = p.provincia_codigo), p.provincia_texto)),
        'distrito', jsonb_build_object('codigo', p.distrito_codigo, 'nombre',
            coalesce((select nombre from distritos where codigo = p.distrito_codigo), p.distrito_texto)),
        'grado_dificultad', p.grado_dificultad, 'zaf', p.zaf, 'ze', p.ze, 'cantidad', p.cantidad,
        'sede', p.sede, 'presupuesto', p.presupuesto)
$$;

create function plazas_ficha_calcular() returns trigger language plpgsql as $$
begin
    new.ficha := plaza_ficha(new);
    return new;
end $$;
create trigger plazas_ficha before insert or update on plazas
    for each row execute function plazas_ficha_calcular();

-- A renamed catalog entry rewrites the fichas that show it (rare: catalogs
-- are reference data).
create function plazas_ficha_catalogo() returns trigger language plpgsql as $$
begin
    if new.nombre is distinct from old.nombre then
        case tg_table_name
        when 'profesiones' then update plazas set ficha = null where profesion_codigo = new.codigo;
        when 'diresas' then update plazas set ficha = null where diresa_codigo = new.codigo;
        when 'instituciones' then update plazas set ficha = null where institucion_codigo = new.codigo;
        when 'departamentos' then update plazas set ficha = null where departamento_codigo = new.codigo;
        when 'provincias' then update plazas set ficha = null where provincia_codigo = new.codigo;
        when 'distritos' then update plazas set ficha = null where distrito_codigo = new.codigo;
        end case;
    end if;
    return null;
end $$;
create trigger plazas_ficha after update on profesiones for each row execute function plazas_ficha_catalogo();
create trigger plazas_ficha after update on diresas for each row execute function plazas_ficha_catalogo();
create trigger plazas_ficha after update on instituciones for each row execute function plazas_ficha_catalogo();
create trigger plazas_ficha after update on departamentos for each row execute function plazas_ficha_catalogo();
create trigger plazas_ficha after update on provincias for each row execute function plazas_ficha_catalogo();
create trigger plazas_ficha after update on distritos for each row execute function plazas_ficha_catalogo();

-- What the search shows of a plaza: its ficha and its establishment as it is now.
create function plaza_ficha_completa(p_id bigint) returns jsonb language sql stable as $$
    select p.ficha || jsonb_build_object('establecimiento', jsonb_build_object(
               'renipress', e.renipress, 'nombre', p.establecimiento_nombre, 'categoria', e.categoria,
               'latitud', e.latitud, 'longitud', e.longitud))
      from plazas p join establecimientos e on e.renipress = p.renipress
     where p.id = p_id
$$;

update plazas set ficha = null;   -- the trigger computes every existing row
alter table plazas alter column ficha set not null;
