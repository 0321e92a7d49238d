-- 0890 (after 0800, whose JSON functions it replaces; numbered by h9b): a convocatoria answers its phases with Spanish labels, the server's
-- `ahora` and the actions the caller's role may take now (issue 9, section 4;
-- rules in fase_acciones, 0754). Replaces the JSON functions of 0800.
create or replace function cronograma_json(cid bigint, ahora timestamptz) returns json language sql stable as $$
    select coalesce(json_agg(json_build_object('fase', f.fase, 'etiqueta', e.etiqueta, 'inicia', utc_texto(f.inicia),
                                               'termina', utc_texto(f.termina),
                                               'vigente', f.inicia <= ahora and ahora < f.termina)
                             order by fase_orden(f.fase)), '[]'::json)
      from convocatoria_fases f join fase_etiquetas e on e.fase = f.fase where f.convocatoria_id = cid
$$;

-- The actions role `rol` ('publico' for anonymous callers) may take now in c.
create function convocatoria_acciones(c convocatorias, ahora timestamptz, rol text) returns json language sql stable as $$
    select coalesce(json_agg(json_build_object('accion', a.accion, 'etiqueta', a.etiqueta) order by a.accion), '[]'::json)
      from fase_acciones a
     where a.rol = convocatoria_acciones.rol
       and (a.fase is null or exists (select 1 from convocatoria_fases f where f.convocatoria_id = c.id
                                        and f.fase = a.fase and f.inicia <= ahora and ahora < f.termina))
       and (a.antes_de is null or not exists (select 1 from convocatoria_fases f where f.convocatoria_id = c.id
                                                and f.fase = a.antes_de and f.inicia <= ahora))
$$;

create function convocatoria_json(c convocatorias, ahora timestamptz, rol text) returns json language sql stable as $$
    with actual as (select f.fase, e.etiqueta from convocatoria_fases f join fase_etiquetas e on e.fase = f.fase
                     where f.convocatoria_id = c.id and f.inicia <= ahora and ahora < f.termina
                     order by fase_orden(f.fase) limit 1)
    select json_build_object('id', c.id, 'codigo', c.codigo, 'anio', c.anio, 'periodo', c.periodo, 'tipo', c.tipo,
        'fase_actual', (select fase from actual),
        'fase_actual_etiqueta', (select etiqueta from actual),
        'ahora', utc_texto(ahora),
        'cronograma', cronograma_json(c.id, ahora),
        'acciones', convocatoria_acciones(c, ahora, rol),
        'creado_at', utc_texto(c.creado_at), 'actualizado_at', utc_texto(c.actualizado_at))
$$;

-- callers of the two-argument form see what an anonymous caller sees
create or replace function convocatoria_json(c convocatorias, ahora timestamptz) returns json language sql stable as $$
    select convocatoria_json(c, ahora, 'publico')
$$;
