-- informe_seed.sql - the development demo of the informe final
-- (api/informes_seed.c): a past convocatoria 2025-I in its INFORME_FINAL
-- phase, a few CUSCO plazas copied from the 2026-I offer, and adjudicated
-- serumistas whose informes are then written through sql/informe.sql.

-- $1 now. The convocatoria, its two last phases around now, and five
-- plazas; its id and the service period [inicio, fin) of its serumistas.
-- name: informe_seed_convocatoria
with d as (select date_trunc('day', $1::timestamptz at time zone 'America/Lima') as hoy),
     c as (insert into convocatorias (codigo, anio, periodo, tipo) values ('2025-I', 2025, 'I', 'ORDINARIO')
           on conflict (codigo) do nothing returning id),
     f as (insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
           select c.id, x.fase, (d.hoy + x.ini) at time zone 'America/Lima', (d.hoy + x.fin) at time zone 'America/Lima'
             from c, d, (values ('SERVICIO', interval '-400 days', interval '-35 days'),
                                ('INFORME_FINAL', interval '-35 days', interval '60 days')) as x(fase, ini, fin)),
     i as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256)
           select c.id, 'REMUNERADA', 5, 5, 0, 'demo-informe-final' from c returning id, convocatoria_id),
     p as (insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                               establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze,
                               departamento_codigo, provincia_codigo, distrito_codigo, departamento_texto,
                               provincia_texto, distrito_texto, sede, presupuesto, institucion_ofertante,
                               importacion_id, linea)
           select i.convocatoria_id, 'REMUNERADA', o.profesion_codigo, o.diresa_codigo, o.institucion_codigo, o.renipress,
                  o.establecimiento_nombre, o.establecimiento_clave, 1, o.grado_dificultad, o.zaf, o.ze,
                  o.departamento_codigo, o.provincia_codigo, o.distrito_codigo, o.departamento_texto,
                  o.provincia_texto, o.distrito_texto, o.sede, o.presupuesto, o.institucion_ofertante, i.id,
                  row_number() over (order by o.id)
             from i, (select * from plazas
                       where convocatoria_id = (select id from convocatorias where codigo = '2026-I')
                         and diresa_codigo = 'CUSCO' and modalidad = 'REMUNERADA' order by id limit 5) o)
select coalesce((select id from c), (select id from convocatorias where codigo = '2025-I'))::text as convocatoria_id,
       (select count(*) from c) as creada,
       to_char(date_trunc('month', (select hoy from d) - interval '13 months'), 'YYYY-MM-DD') as inicio,
       to_char(date_trunc('month', (select hoy from d) - interval '1 month'), 'YYYY-MM-DD') as fin

-- A serumista ($1 email, $2 password hash, $3 DNI, $4 nombres, $5 and $6
-- apellidos) adjudicated the $7-th plaza of convocatoria $8 for [$9, $10).
-- No row when the account exists already.
-- name: informe_seed_serumista
with u as (insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, nombres,
                                 apellido_paterno, apellido_materno)
           values ($1, $2, 'postulante', 'DNI', $3, $4, $5, $6) on conflict do nothing returning id),
     h as (insert into password_historial (usuario_id, password_hash, creado_at) select id, $2, now() from u),
     p as (select id, profesion_codigo, diresa_codigo from plazas
            where convocatoria_id = $8::bigint order by id offset $7::int limit 1),
     i as (insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion,
                                      creado_at, actualizado_at)
           select $8::bigint, u.id, 'ADJUDICADO',
                  replace('{"pais_universidad":"PE","universidad":"Universidad Nacional de San Antonio Abad del Cusco","profesion":"@P","numero_colegiatura":"12345","institucion_revalida":null,"fecha_titulacion":"2024-12-15","nota_ppp":15.2,"nota_enam":null,"nota_evaluacion_serums":null,"nota_adjudicacion":"EXAMEN_NACIONAL"}', '@P', p.profesion_codigo)::json,
                  replace('{"convalida_servicer":false,"pensionista_estado":false,"trabajador_estado":false,"tipo_planilla":null,"entidad":null,"institucion_laboral":null,"docente":false,"diresa":"@D","modalidad":"REMUNERADA","categoria":"REGULAR","regimen_pensionario":"ONP","comprobante_numero":null,"comprobante_fecha":null,"caso_especial":false,"institucion":null}', '@D', p.diresa_codigo)::json, now(), now()
             from u, p returning id),
     a as (insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at)
           select i.id, p.id, 1, $9::date, $10::date, now() from i, p returning id, inscripcion_id)
select a.id as adjudicacion_id, a.inscripcion_id, audit_record(null, 'informe.seed', 'inscripcion',
       a.inscripcion_id::text, null, jsonb_build_object('email', $1::text), 'seed') as audit
  from a

-- name: informe_seed_revisor
select id from usuarios where email = 'diresa.cusco@serums.test'

-- name: informe_seed_auditar
select audit_record(null, $2, 'informe', $1, null, $3::jsonb, 'seed')
