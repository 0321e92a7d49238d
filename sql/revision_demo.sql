-- sql/revision_demo.sql - the demo data of the review stage, loaded by
-- `serumsd seed` (cmd/seed_revision.c; development and test stacks only):
-- finalized inscriptions of 2026-I across DIRESAs with real 2024 grades, a
-- share of them reviewed, so that the reviewers' list and a published list
-- are not empty.

-- name: revision_demo_existe
-- Whether the demo inscriptions are there already (the seed is idempotent),
-- 2026-I's id and whether it has a published list.
select c.id as convocatoria_id,
       exists (select 1 from usuarios where email = 'demo.postulante001@serums.test') as cargado,
       exists (select 1 from publicaciones p where p.convocatoria_id = c.id) as publicada
from convocatorias c
where c.codigo = '2026-I';

-- name: revision_demo_cargar
-- $1 convocatoria, $2 a JSON array of {profesion, nota} (one per demo
-- postulante, grades from notas-2024), $3 now: the drafts. Postulantes share the demo
-- password (the admin's hash); half apply to Cusco or Amazonas (the DIRESAs
-- with demo reviewers), the rest to every other DIRESA.
with datos as (
    select k, x ->> 'profesion' as profesion, x ->> 'nota' as nota
    from json_array_elements($2::json) with ordinality as t(x, k)
), dir as (
    select codigo, row_number() over (order by codigo) - 1 as j, count(*) over () as n from diresas
), u as (
    insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, fecha_nacimiento, nombres,
                          apellido_paterno, apellido_materno)
    select 'demo.postulante' || lpad(k::text, 3, '0') || '@serums.test',
           (select password_hash from usuarios where email = 'admin@serums.test'), 'postulante', 'DNI',
           (41000000 + k * 7919 % 999983)::text, date '1996-01-01' + (k * 37 % 2000)::int,
           (array['ROSA','JUAN','MARÍA','LUIS','ANA','JORGE','CARMEN','PEDRO','LUCÍA','CÉSAR'])[1 + k % 10],
           (array['QUISPE','MAMANI','HUAMÁN','FLORES','TORRES','CHÁVEZ','RAMOS','ROJAS','MENDOZA','CCAHUANA'])[1 + k % 10],
           (array['CONDORI','LÓPEZ','GARCÍA','SÁNCHEZ','DÍAZ','VARGAS','CASTILLO','PUMA'])[1 + (k / 10) % 8]
    from datos
    returning id, email
), i as (
    insert into inscripciones (convocatoria_id, usuario_id, creado_at, actualizado_at, datos_profesionales,
                               datos_postulacion, declaracion_jurada)
    select $1::bigint, u.id, $3::timestamptz, $3::timestamptz,
           json_build_object('pais_universidad', 'PE', 'universidad', 'Universidad Nacional Mayor de San Marcos',
                             'profesion', d.profesion, 'numero_colegiatura', (20000 + d.k)::text,
                             'fecha_titulacion', '2025-12-15', 'nota_ppp', d.nota::numeric),
           json_build_object('diresa', case when d.k % 4 = 0 then 'CUSCO' when d.k % 4 = 1 then 'AMAZONAS'
                                            else (select codigo from dir where dir.j = d.k % dir.n) end,
                             'modalidad', case when d.k % 5 = 0 then 'EQUIVALENTE' else 'REMUNERADA' end),
           '{"acepta":true}'::json
    from u join datos d on u.email = 'demo.postulante' || lpad(d.k::text, 3, '0') || '@serums.test'
    returning id
)
select count(*) as inscripciones from i;

-- name: revision_demo_finalizar
-- Finalizes the demo drafts of convocatoria $1 at $2: the snapshot (version 1
-- by the 0400 trigger), its SHA-256 and a DEMO- verification code.
with s as (
    select i.id, json_build_object('inscripcion_id', i.id, 'datos_profesionales', i.datos_profesionales,
                                   'datos_postulacion', i.datos_postulacion)::text as datos
    from inscripciones i join usuarios u on u.id = i.usuario_id
    where i.convocatoria_id = $1::bigint and i.estado = 'BORRADOR' and u.email like 'demo.postulante%'
)
update inscripciones i set estado = 'INSCRITO', finalizado_at = $2::timestamptz, datos_finalizados = s.datos::json,
       sha256_datos = encode(sha256(convert_to(s.datos, 'UTF8')), 'hex'),
       codigo_verificacion = 'DEMO-' || lpad(i.id::text, 9, '0')
from s where i.id = s.id
returning i.id;

-- name: revision_demo_revisar
-- Reviews a share of the demo inscriptions of $1 as their DIRESA's demo
-- reviewer would (admin for the others): 3 in 5 APTO, 1 in 10 OBSERVADO
-- (PPP), 1 in 20 NO_APTO; the rest stay INSCRITO. $2 now.
with objetivo as (
    select i.id, i.version, i.datos_version, v.sha256_datos,
           case when i.id % 20 = 0 then 'NO_APTO' when i.id % 10 = 1 then 'OBSERVADO'
                when i.id % 5 < 3 then 'APTO' end as resultado,
           coalesce((select u.id from usuarios u where u.rol = 'diresa' and u.diresa_codigo = i.diresa_codigo limit 1),
                    (select u.id from usuarios u where u.email = 'admin@serums.test')) as revisor
    from inscripciones i join usuarios p on p.id = i.usuario_id
    join inscripcion_versiones v on v.inscripcion_id = i.id and v.version = i.datos_version
    where i.convocatoria_id = $1::bigint and i.estado = 'INSCRITO' and p.email like 'demo.postulante%'
), r as (
    insert into revisiones (inscripcion_id, instancia, resultado, observacion, requisitos, observados, revisor_id,
                            revisado_at, inscripcion_version, datos_version, sha256_datos, documentos,
                            estado_anterior, estado_nuevo)
    select o.id, 'REVISION', o.resultado,
           case o.resultado when 'OBSERVADO' then 'El PDF del promedio ponderado es ilegible; súbalo de nuevo.'
                            when 'NO_APTO' then 'El título no figura en el registro de SUNEDU.' end,
           case o.resultado when 'OBSERVADO' then '[{"requisito":"NOTA_PPP","estado":"OBSERVADO"}]'::jsonb
                            else '[{"requisito":"COLEGIATURA","estado":"CONFORME"}]'::jsonb end,
           case o.resultado when 'OBSERVADO' then '{NOTA_PPP}'::text[] else '{}'::text[] end,
           o.revisor, $2::timestamptz, o.version, o.datos_version, o.sha256_datos, inscripcion_documentos_hashes(o.id),
           'INSCRITO', o.resultado
    from objetivo o where o.resultado is not null
    returning inscripcion_id, estado_nuevo
)
update inscripciones s set estado = r.estado_nuevo, revisado_at = $2::timestamptz
from r where s.id = r.inscripcion_id
returning s.id;

-- name: revision_demo_admin
-- The demo admin, who publishes the demo list.
select id from usuarios where email = 'admin@serums.test';
