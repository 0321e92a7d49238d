-- 0801: the one filter over a convocatoria's plazas (DESIGN §4) that the
-- search, the CSV export and the summary share (sql/plazas.sql). A place
-- filter is an INEI code or a name: a name is compared with normaliza(),
-- and a plaza whose place the file gave without a code also by that text.
-- Parameters are f_<filter> (a name would lose to a column of plazas);
-- f_patron is a LIKE pattern over the establishment's search key.
create function plazas_filtradas(
    f_convocatoria bigint, f_modalidad text, f_profesion text, f_diresa text, f_institucion text,
    f_departamento text, f_departamento_nombre text, f_provincia text, f_provincia_nombre text,
    f_distrito text, f_distrito_nombre text, f_grado int, f_zaf boolean, f_ze boolean, f_patron text)
returns setof plazas language sql stable as $$
    with lug as materialized (
        select array(select codigo::text from departamentos
                      where normaliza(nombre) = normaliza(f_departamento_nombre)) as dep,
               array(select codigo::text from provincias where normaliza(nombre) = normaliza(f_provincia_nombre)) as pro,
               array(select codigo::text from distritos where normaliza(nombre) = normaliza(f_distrito_nombre)) as dis,
               normaliza(f_departamento_nombre) as ndep, normaliza(f_provincia_nombre) as npro,
               normaliza(f_distrito_nombre) as ndis
    )
    select p.*
      from plazas p, lug
     where p.convocatoria_id = f_convocatoria
       and (f_modalidad is null or p.modalidad = f_modalidad)
       and (f_profesion is null or p.profesion_codigo = upper(f_profesion))
       and (f_diresa is null or p.diresa_codigo = upper(f_diresa))
       and (f_institucion is null or p.institucion_codigo = upper(f_institucion))
       and (f_departamento is null or p.departamento_codigo = f_departamento::bpchar)
       and (f_departamento_nombre is null or p.departamento_codigo::text = any(lug.dep)
            or (p.departamento_codigo is null and normaliza(p.departamento_texto) = lug.ndep))
       and (f_provincia is null or p.provincia_codigo = f_provincia::bpchar)
       and (f_provincia_nombre is null or p.provincia_codigo::text = any(lug.pro)
            or (p.provincia_codigo is null and normaliza(p.provincia_texto) = lug.npro))
       and (f_distrito is null or p.distrito_codigo = f_distrito::bpchar)
       and (f_distrito_nombre is null or p.distrito_codigo::text = any(lug.dis)
            or (p.distrito_codigo is null and normaliza(p.distrito_texto) = lug.ndis))
       and (f_grado is null or p.grado_dificultad = f_grado)
       and (f_zaf is null or p.zaf = f_zaf)
       and (f_ze is null or p.ze = f_ze)
       and (f_patron is null or p.establecimiento_clave like f_patron)
$$;

-- A plaza's sort key as text, so that one keyset condition serves every order.
create function plaza_clave_orden(p plazas, orden text) returns text language sql immutable as $$
    select case orden
        when 'establecimiento' then p.establecimiento_clave
        when 'profesion' then p.profesion_codigo
        when 'diresa' then p.diresa_codigo
        when 'departamento' then coalesce(p.departamento_codigo, '99') || coalesce(p.provincia_codigo, '99')
                                 || coalesce(p.distrito_codigo, '99')
        when 'grado_dificultad' then p.grado_dificultad::text
        when '-grado_dificultad' then (9 - p.grado_dificultad)::text
        when 'cantidad' then lpad(p.cantidad::text, 5, '0')
        when '-cantidad' then lpad((99999 - p.cantidad)::text, 5, '0')
        else '' end
$$;
