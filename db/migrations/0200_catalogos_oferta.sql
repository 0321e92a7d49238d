-- 0200: what the MINSA offer files need from the catalogs. Two professions
-- and two institutions that the 2025-I and 2026-I offers list; district
-- centroids (for reading the offer's coordinates); place-name aliases the
-- files use that no spelling rule can derive; the order of the phases.

insert into profesiones (codigo, nombre, grupo, modo_adjudicacion, requiere_ppp, requiere_enam, orden, nombre_oferta) values
    ('TM_OPTOMETRIA', 'Tecnología Médica - Optometría', 'OTRAS', 'SORTEO', false, false, 16, 'TM - OPTOMETRIA'),
    ('TM_TERAPIA_OCUPACIONAL', 'Tecnología Médica - Terapia Ocupacional', 'OTRAS', 'SORTEO', false, false, 17, 'TM - TERAPIA OCUPACIONAL');

insert into instituciones (codigo, nombre, nombre_oferta) values
    ('PRIVADO', 'Establecimiento privado', 'PRIVADO'),
    ('VIDAWASI', 'Vidawasi', 'VIDAWASI');

-- loaded by `serumsd seed` with the rest of the ubigeo
alter table distritos add column latitud double precision, add column longitud double precision;

-- How the offer files name a place the INEI catalog names otherwise.
-- nivel: 1 departamento, 2 provincia, 3 distrito; padre: the parent's code
-- ('' for departamentos); nombre as written (compared without accents, case,
-- spaces or punctuation).
create table ubigeo_alias (
    nivel    smallint not null check (nivel between 1 and 3),
    padre    text not null default '',
    nombre   text not null,
    codigo   char(6) not null,
    primary key (nivel, padre, nombre)
);
insert into ubigeo_alias (nivel, padre, nombre, codigo) values
    (2, '070000', 'PROV. CONST. DEL CALLAO', '070100'),
    (2, '070000', 'PROVINCIA CONSTITUCIONAL DEL CALLAO', '070100'),
    (3, '030700', 'MARISCAL GAMARRA', '030703'),             -- Gamarra (Grau), by its capital's name
    (3, '150700', 'SAN JOSE DE LOS CHORRILLOS', '150706');   -- Cuenca (Huarochirí), by its capital's name

-- position of a phase in a convocatoria's life (DESIGN §2)
create function fase_orden(f text) returns int language sql immutable parallel safe as $$
    select array_position(array['INSCRIPCION', 'REVISION', 'PUBLICACION_APTOS', 'SUBSANACION', 'PUBLICACION_FINAL',
        'CASOS_ESPECIALES', 'DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA', 'ADJUDICACION_EQUIVALENTE', 'SERVICIO',
        'INFORME_FINAL'], f)
$$;
