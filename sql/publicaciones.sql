-- sql/publicaciones.sql - published lists: the rows of each tipo, the
-- numbering of versions, storing a version, and reading the index, the
-- latest version or one version (design/revision-publicacion.md).

-- name: publicacion_preparar
-- Locks convocatoria $1 against concurrent publications (until commit) and
-- gives its code and the next version number of tipo $2. No row: no such
-- convocatoria.
select c.codigo,
       (select coalesce(max(p.version), 0) + 1 from publicaciones p where p.convocatoria_id = c.id and p.tipo = $2)
           as version
from convocatorias c
where c.id = $1::bigint
for no key update;

-- name: publicacion_filas_aptos
-- The rows of an aptos list of convocatoria $1 with the estados $2 (a text
-- array literal, e.g. {APTO,NO_APTO}), in the columns of
-- domain/publicacion_tipos.c. documento is masked by the renderer. Ordered by
-- profession, modalidad and name.
select row_number() over w as n,
       concat_ws(' ', u.apellido_paterno, u.apellido_materno) || ', ' || u.nombres as apellidos_nombres,
       u.numero_documento as documento,
       coalesce(p.nombre, i.profesion_codigo) as profesion,
       i.modalidad,
       d.nombre as diresa_procedencia,
       i.estado,
       case when i.caso_especial then 'CASO_ESPECIAL' end as observacion_publica
from inscripciones i
join usuarios u on u.id = i.usuario_id
left join profesiones p on p.codigo = i.profesion_codigo
left join diresas d on d.codigo = i.diresa_codigo
where i.convocatoria_id = $1::bigint and i.estado = any ($2::text[])
window w as (order by coalesce(p.nombre, i.profesion_codigo), i.modalidad, u.apellido_paterno, u.apellido_materno,
             u.nombres, i.id)
order by n;

-- name: publicacion_insertar
-- Stores version $3 of tipo $2 of convocatoria $1 ($4 now, $5 admin, $6
-- rows, $7 CSV SHA-256, $8 JSON SHA-256, $9 CSV, $10 JSON).
insert into publicaciones (convocatoria_id, tipo, version, publicado_at, publicado_por, filas, sha256, sha256_json,
                           csv, json)
values ($1::bigint, $2, $3::int, $4::timestamptz, $5::bigint, $6::int, $7, $8, $9, $10)
returning id;

-- name: publicacion_indice
-- Every version of every tipo of convocatoria $1, newest first per tipo, as
-- {items: [...]}, with the API URLs and the static mirror's (served by nginx
-- from var/publicaciones/). existe: whether the convocatoria exists.
select exists (select 1 from convocatorias c where c.id = $1::bigint) as existe,
       json_build_object('items', coalesce(json_agg(json_build_object(
           'tipo', p.tipo, 'version', p.version, 'publicado_at', p.publicado_at, 'filas', p.filas,
           'sha256', p.sha256, 'sha256_json', p.sha256_json,
           'urls', json_build_object(
               'json', '/v1/convocatorias/' || p.convocatoria_id || '/publicaciones/' || p.tipo || '/versiones/'
                       || p.version || '.json',
               'csv', '/v1/convocatorias/' || p.convocatoria_id || '/publicaciones/' || p.tipo || '/versiones/'
                      || p.version || '.csv'),
           'espejo', json_build_object(
               'json', '/publicaciones/' || p.convocatoria_id || '/' || p.tipo || '/v' || p.version || '.json',
               'csv', '/publicaciones/' || p.convocatoria_id || '/' || p.tipo || '/v' || p.version || '.csv'))
         order by p.tipo, p.version desc), '[]'::json)) as indice
from publicaciones p
where p.convocatoria_id = $1::bigint;

-- name: publicacion_pendientes
-- Inscriptions of convocatoria $1 still waiting for a review (INSCRITO) or a
-- re-review (SUBSANADO): the final list waits for them.
select count(*) filter (where estado = 'INSCRITO') as inscritos,
       count(*) filter (where estado = 'SUBSANADO') as subsanados
from inscripciones
where convocatoria_id = $1::bigint and estado in ('INSCRITO', 'SUBSANADO');

-- name: publicacion_leer
-- Version $3 (NULL: the latest) of tipo $2 of convocatoria $1 in format $4
-- (csv | json): the exact bytes and both hashes. No row: never published.
select p.version, p.sha256, p.sha256_json, p.publicado_at,
       case when $4 = 'csv' then p.csv else p.json end as contenido
from publicaciones p
where p.convocatoria_id = $1::bigint and p.tipo = $2 and ($3::int is null or p.version = $3::int)
order by p.version desc
limit 1;

-- name: publicacion_todas
-- Every stored version (for rewriting the static files under var/publicaciones/).
select p.convocatoria_id, p.tipo, p.version, p.csv, p.json,
       p.version = max(p.version) over (partition by p.convocatoria_id, p.tipo) as ultima
from publicaciones p
order by p.convocatoria_id, p.tipo, p.version;
