-- 0800: statements of sql/*.sql read these instead of repeating them: one spelling
-- of an instant in API answers (RFC 3339 in UTC, seconds), and the inscription as shown.
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
