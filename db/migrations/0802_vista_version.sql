-- 0802 (issue 10; numbered after 0800, which creates the view, since an 04xx
-- migration runs before it): inscripcion_vista also carries the row version,
-- so GET /v1/inscripciones/{id} answers its ETag and `version` without a
-- second query. Dropped and created again: 0800's columns plus version.
drop view inscripcion_vista;
create view inscripcion_vista as
select i.id, i.convocatoria_id, c.codigo as convocatoria_codigo, c.tipo as convocatoria_tipo, i.estado,
       i.diresa_codigo, u.id as usuario_id, u.email, u.tipo_documento, u.numero_documento,
       u.fecha_nacimiento::text as fecha_nacimiento, u.nombres, u.apellido_paterno, u.apellido_materno,
       i.datos_personales::text as datos_personales, i.datos_profesionales::text as datos_profesionales,
       i.datos_postulacion::text as datos_postulacion, i.declaracion_jurada::text as declaracion_jurada,
       utc_texto(i.creado_at) as creado_at, utc_texto(i.actualizado_at) as actualizado_at,
       utc_texto(i.finalizado_at) as finalizado_at, i.codigo_verificacion, i.sha256_datos,
       i.datos_finalizados::text as datos_finalizados, i.version::text as version,
       (select coalesce(json_agg(json_build_object('tipo', d.tipo, 'tamano', d.tamano, 'sha256', d.sha256,
                                                   'subido_at', utc_texto(d.subido_at)) order by d.tipo),
                        '[]'::json)
          from inscripcion_documentos d where d.inscripcion_id = i.id)::text as documentos
  from inscripciones i
  join convocatorias c on c.id = i.convocatoria_id
  join usuarios u on u.id = i.usuario_id;
