-- documentos.sql - the inscription's PDFs (api/documentos.c).

-- name: doc_subir
-- Upsert, touching the inscription; answers the stored row and the previous
-- hash (null when the document is new), for the audit record.
with previo as (
  select sha256 from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = $2
),
toque as (update inscripciones set actualizado_at = $6::timestamptz where id = $1::bigint),
nuevo as (
  insert into inscripcion_documentos (inscripcion_id, tipo, contenido, tamano, sha256, subido_at)
  values ($1::bigint, $2, $3::bytea, $4::int, $5, $6::timestamptz)
  on conflict (inscripcion_id, tipo) do update
     set contenido = excluded.contenido, tamano = excluded.tamano,
         sha256 = excluded.sha256, subido_at = excluded.subido_at
  returning tamano, sha256, utc_texto(subido_at) as subido_at
)
select nuevo.tamano, nuevo.sha256, nuevo.subido_at, previo.sha256 as sha256_previo
  from nuevo left join previo on true

-- name: doc_leer
select contenido from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = $2

-- name: doc_borrar
with borrado as (
  delete from inscripcion_documentos where inscripcion_id = $1::bigint and tipo = $2
  returning sha256, tamano
),
toque as (
  update inscripciones set actualizado_at = $3::timestamptz
   where id = $1::bigint and exists (select 1 from borrado)
)
select sha256, tamano from borrado
