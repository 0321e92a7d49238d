-- seed.sql - development data loaded by `serumsd seed` (cmd/seed.c): the INEI
-- ubigeo tables from shared/data/ubigeo and the demo convocatoria 2026-I.
-- The ubigeo statements run as scripts (several statements, COPY), not prepared.

-- name: seed_ubigeo_temp
create temp table ub_dep (inei text, reniec text, departamento text, iso text, fips text, capital text,
  superficie text, densidad text, altitude text, latitude text, longitude text, ide text, iva text,
  idh text, pobreza text, pobreza_extrema text) on commit drop;
create temp table ub_prov (inei text, reniec text, departamento text, provincia text, region text,
  macro_inei text, macro_minsa text, iso text, fips text, capital text, superficie text, densidad text,
  altitude text, latitude text, longitude text, ide text, iva text, idh text, pobreza text,
  pobreza_extrema text) on commit drop;
create temp table ub_dist (inei text, reniec text, departamento text, provincia text, distrito text,
  region text, macro_inei text, macro_minsa text, iso text, fips text, capital text, superficie text,
  densidad text, altitude text, latitude text, longitude text, iva text, idh text, pobreza text,
  pobreza_extrema text) on commit drop;

-- name: seed_ubigeo_copy_dep
copy ub_dep from stdin with (format csv, header true)

-- name: seed_ubigeo_copy_prov
copy ub_prov from stdin with (format csv, header true)

-- name: seed_ubigeo_copy_dist
copy ub_dist from stdin with (format csv, header true)

-- name: seed_ubigeo_merge
-- Rows without an INEI code (one district created after the table) are skipped.
insert into departamentos (codigo, nombre)
select inei, departamento from ub_dep where inei ~ '^[0-9]{6}$'
on conflict (codigo) do update set nombre = excluded.nombre;
insert into provincias (codigo, departamento_codigo, nombre)
select inei, left(inei, 2) || '0000', provincia from ub_prov where inei ~ '^[0-9]{6}$'
on conflict (codigo) do update set nombre = excluded.nombre;
insert into distritos (codigo, provincia_codigo, nombre, latitud, longitud)
select inei, left(inei, 4) || '00', distrito, nullif(latitude, 'NA')::float8, nullif(longitude, 'NA')::float8
  from ub_dist where inei ~ '^[0-9]{6}$'
on conflict (codigo) do update set nombre = excluded.nombre, latitud = excluded.latitud, longitud = excluded.longitud;

-- name: seed_convocatoria
-- 2026-I, ordinario, with its phases (the table fases, by their order)
-- anchored on today in Lima ($1 is now) so that inscription is open: the id
-- and how many phases were created (0 when it already existed).
with c as (
  insert into convocatorias (codigo, anio, periodo, tipo) values ('2026-I', 2026, 'I', 'ORDINARIO')
  on conflict (codigo) do nothing
  returning id
),
d as (select date_trunc('day', $1::timestamptz at time zone 'America/Lima') as hoy),
f as (
  insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
  select c.id, fases.codigo, (d.hoy + x.ini) at time zone 'America/Lima', (d.hoy + x.fin) at time zone 'America/Lima'
    from c, d, fases
    join (values (1, interval '-7 days 9 hours', interval '14 days 18 hours'), (2, '15 days', '22 days'),
                 (3, '22 days', '24 days'), (4, '24 days', '29 days'), (5, '29 days', '31 days'),
                 (6, '31 days', '34 days'), (7, '34 days', '36 days'), (8, '36 days', '39 days'),
                 (9, '39 days', '42 days'), (10, '45 days', '410 days'), (11, '410 days', '440 days'))
         as x(orden, ini, fin) using (orden)
  returning 1
)
select coalesce((select id from c), (select id from convocatorias where codigo = '2026-I'))::text as id,
       (select count(*) from f) as fases_creadas
