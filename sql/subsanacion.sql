-- sql/subsanacion.sql - the snapshot a subsanación takes and the document
-- versions readable afterwards (design/revision-publicacion.md).

-- name: subsanacion_contexto
-- The owner's ($2) inscription $1: state, convocatoria, snapshot in force,
-- and the requisitos observed by its latest OBSERVADO review. No row: not
-- the owner's (404).
select i.id, i.convocatoria_id, i.estado, i.datos_version, i.modalidad,
       coalesce((select array_to_string(r.observados, ',') from revisiones r
                 where r.inscripcion_id = i.id and r.resultado = 'OBSERVADO' order by r.id desc limit 1), '')
           as observados
from inscripciones i
where i.id = $1::bigint and i.usuario_id = $2::bigint
for update of i;

-- name: subsanacion_registrar
-- Takes the next snapshot of the owner's ($6) OBSERVADO inscription $1:
-- $2 the snapshot JSON (exact text), $3 its SHA-256, $4 a new verification
-- code, $5 now. Sets SUBSANADO. No row: it is no longer OBSERVADO (409).
with i as (
    select id, datos_version from inscripciones
    where id = $1::bigint and usuario_id = $6::bigint and estado = 'OBSERVADO'
    for update
), v as (
    insert into inscripcion_versiones (inscripcion_id, version, datos, sha256_datos, codigo_verificacion,
                                       documentos, creado_at)
    select i.id, i.datos_version + 1, $2::json, $3, $4, inscripcion_documentos_hashes(i.id), $5::timestamptz from i
    returning inscripcion_id, version
), u as (
    update inscripciones s set estado = 'SUBSANADO', datos_version = v.version, actualizado_at = $5::timestamptz
    from v where s.id = v.inscripcion_id
    returning s.version
)
select v.version as datos_version, u.version from v, u;

-- name: subsanacion_documento_version
-- A document of inscription $1 by tipo $2 and SHA-256 $3, current or
-- replaced: what an earlier snapshot referred to.
select contenido from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = $2 and sha256 = $3
union all
select contenido from inscripcion_documentos_historial where inscripcion_id = $1::bigint and tipo = $2 and sha256 = $3
limit 1;
