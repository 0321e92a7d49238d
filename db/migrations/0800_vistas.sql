-- 0800: what statements of sql/*.sql share instead of repeating it: one spelling
-- of an instant in API answers, the inscription and the convocatoria as shown,
-- and the one list of phases.
create function utc_texto(t timestamptz) returns text language sql stable parallel safe as $$
    select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

-- One inscription as the API shows it (api/inscripcion_datos.c reads it by
-- column name): the row, its convocatoria, its applicant and its documents
-- (without their content) as a JSON array ordered by tipo.
create view inscripcion_vista as
select i.id, i.convocatoria_id, c.codigo as convocatoria_codigo, c.tipo as convocatoria_tipo, i.estado,
       i.diresa_codigo, u.id as usuario_id, u.email, u.tipo_documento, u.numero_documento,
       u.fecha_nacimiento::text as fecha_nacimiento, u.nombres, u.apellido_paterno, u.apellido_materno,
       i.datos_personales::text as datos_personales, i.datos_profesionales::text as datos_profesionales,
       i.datos_postulacion::text as datos_postulacion, i.declaracion_jurada::text as declaracion_jurada,
       utc_texto(i.creado_at) as creado_at, utc_texto(i.actualizado_at) as actualizado_at,
       utc_texto(i.finalizado_at) as finalizado_at, i.codigo_verificacion, i.sha256_datos,
       i.datos_finalizados::text as datos_finalizados,
       (select coalesce(json_agg(json_build_object('tipo', d.tipo, 'tamano', d.tamano, 'sha256', d.sha256,
                                                   'subido_at', utc_texto(d.subido_at)) order by d.tipo),
                        '[]'::json)
          from inscripcion_documentos d where d.inscripcion_id = i.id)::text as documentos
  from inscripciones i
  join convocatorias c on c.id = i.convocatoria_id
  join usuarios u on u.id = i.usuario_id;

-- The one list of phases in the database (DESIGN §2), in order; the C side
-- validates against domain/cronograma.c's CRONOGRAMA_FASES, and
-- tests/integration/test_convocatorias.c checks that both agree.
create table fases (
    codigo  text primary key,
    orden   int not null unique
);
insert into fases (codigo, orden)
select codigo, orden from unnest(array['INSCRIPCION', 'REVISION', 'PUBLICACION_APTOS', 'SUBSANACION',
    'PUBLICACION_FINAL', 'CASOS_ESPECIALES', 'DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA',
    'ADJUDICACION_EQUIVALENTE', 'SERVICIO', 'INFORME_FINAL']) with ordinality as x(codigo, orden);
alter table convocatoria_fases drop constraint convocatoria_fases_fase_check;
alter table convocatoria_fases add constraint convocatoria_fases_fase_fkey foreign key (fase) references fases;
-- the table never changes after this migration, so the function stays immutable
create or replace function fase_orden(f text) returns int language sql immutable parallel safe as $$
    select orden from fases where codigo = f
$$;

-- A convocatoria's cronograma at instant `ahora`, and the convocatoria as the API shows it.
create function cronograma_json(cid bigint, ahora timestamptz) returns json language sql stable as $$
    select coalesce(json_agg(json_build_object('fase', f.fase, 'inicia', utc_texto(f.inicia),
                                               'termina', utc_texto(f.termina),
                                               'vigente', f.inicia <= ahora and ahora < f.termina)
                             order by fase_orden(f.fase)), '[]'::json)
      from convocatoria_fases f where f.convocatoria_id = cid
$$;
create function convocatoria_json(c convocatorias, ahora timestamptz) returns json language sql stable as $$
    select json_build_object('id', c.id, 'codigo', c.codigo, 'anio', c.anio, 'periodo', c.periodo, 'tipo', c.tipo,
        'fase_actual', (select f.fase from convocatoria_fases f
                         where f.convocatoria_id = c.id and f.inicia <= ahora and ahora < f.termina
                         order by fase_orden(f.fase) limit 1),
        'cronograma', cronograma_json(c.id, ahora),
        'creado_at', utc_texto(c.creado_at), 'actualizado_at', utc_texto(c.actualizado_at))
$$;
