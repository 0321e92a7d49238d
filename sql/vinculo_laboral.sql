-- sql/vinculo_laboral.sql - the VINCULO_LABORAL document of an equivalente
-- postulante (api/vinculo_laboral.c, design/revision-publicacion.md).

-- name: vinculo_contexto
-- The owner's ($2) inscription $1, locked: its state, convocatoria, and
-- whether its postulación claims a vínculo laboral (equivalente, categoria
-- VINCULO_LABORAL). No row: not the owner's (404).
select i.id, i.convocatoria_id, i.estado,
       i.modalidad = 'EQUIVALENTE' and i.datos_postulacion ->> 'categoria' = 'VINCULO_LABORAL' as declara_vinculo
from inscripciones i
where i.id = $1::bigint and i.usuario_id = $2::bigint
for update of i;

-- name: vinculo_subir
-- Stores (or replaces: the 0400 trigger keeps the earlier bytes) the PDF $2
-- of inscription $1 ($3 size, $4 SHA-256, $5 now); the previous hash, if any.
with previo as (
    select sha256 from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = 'VINCULO_LABORAL'
), nuevo as (
    insert into inscripcion_documentos (inscripcion_id, tipo, contenido, tamano, sha256, subido_at)
    values ($1::bigint, 'VINCULO_LABORAL', $2::bytea, $3::int, $4, $5::timestamptz)
    on conflict (inscripcion_id, tipo) do update set contenido = excluded.contenido, tamano = excluded.tamano,
        sha256 = excluded.sha256, subido_at = excluded.subido_at
    returning tamano, sha256, subido_at
)
select nuevo.tamano, nuevo.sha256, nuevo.subido_at, previo.sha256 as previo from nuevo left join previo on true;

-- name: vinculo_leer
-- The VINCULO_LABORAL PDF of inscription $1.
select contenido, sha256 from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = 'VINCULO_LABORAL';
