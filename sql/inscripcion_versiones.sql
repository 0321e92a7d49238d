-- sql/inscripcion_versiones.sql - the snapshots of an inscription
-- (inscripcion_versiones, migration 0400): version 1 at finalization, 2...
-- after each subsanación; read by the owner and reviewers.

-- name: insc_version_leer
-- Snapshot $2 of inscription $1 ($2 null: the one in force, datos_version).
select v.version::text as version, v.datos::text as datos, v.sha256_datos, v.codigo_verificacion,
       v.documentos::text as documentos, utc_texto(v.creado_at) as creado_at,
       (v.version = i.datos_version) as vigente
from inscripciones i
join inscripcion_versiones v on v.inscripcion_id = i.id and v.version = coalesce($2::bigint, i.datos_version)
where i.id = $1::bigint;
