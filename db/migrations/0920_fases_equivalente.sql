-- 0920: the equivalente fases (issue 11; design/orden-adjudicacion.md). Each turn of
-- a session keeps the fase data it was admitted with, so the replay and the
-- published log never depend on data that changes later: the employer institution
-- of a state worker who claims categoria CAUTIVA, and the vínculo laboral
-- accredited in review (requisito VINCULO_LABORAL CONFORME). The offer side is
-- plazas.institucion_codigo and plazas.cautiva (0501); no MINSA offer file has a
-- cautiva column, so the import leaves it false and an institution's cautive
-- plazas are marked in the database.
alter table adjudicacion_turnos
    add column institucion text references instituciones,
    add column vinculo boolean not null default false;

-- A name compared on A-Z0-9 only, accents folded.
create function institucion_clave(t text) returns text language sql immutable as $$
    select regexp_replace(upper(translate(t, 'áéíóúüñÁÉÍÓÚÜÑ', 'aeiouunAEIOUUN')), '[^A-Z0-9]', '', 'g')
$$;

-- The catalog institution a declared employer (free text: "EsSalud", "Gobierno
-- Regional de Puno", "Ministerio de Salud") begins with: its code, name or offer
-- name; the longest such match; NULL when none.
create function institucion_de_entidad(entidad text) returns text language sql stable as $$
    select i.codigo
      from instituciones i, unnest(array[i.codigo, i.nombre, i.nombre_oferta]) as n(nombre)
     where institucion_clave(n.nombre) <> '' and institucion_clave(entidad) like institucion_clave(n.nombre) || '%'
     order by length(institucion_clave(n.nombre)) desc, i.codigo
     limit 1
$$;
