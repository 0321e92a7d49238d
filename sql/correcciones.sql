-- sql/correcciones.sql - the admin's correction of APTO / NO_APTO after
-- PUBLICACION_FINAL begins (api/correcciones.c, migration 0405).

-- name: correccion_aplicar
-- Sets inscription $1 from APTO to NO_APTO or back ($2 the new estado) with
-- reason $3 by admin $4 at $5; no row when it is not the other of the two.
with antes as (
    select id, estado from inscripciones
    where id = $1::bigint and estado in ('APTO', 'NO_APTO') and estado <> $2
    for update
), u as (
    update inscripciones i set estado = $2, revisado_at = $5::timestamptz, actualizado_at = $5::timestamptz
    from antes where i.id = antes.id
    returning i.id, i.version
), c as (
    insert into correcciones (inscripcion_id, estado_anterior, estado_nuevo, motivo, admin_id, corregido_at)
    select antes.id, antes.estado, $2, $3, $4::bigint, $5::timestamptz from antes
    returning id
)
select c.id::text as correccion_id, antes.estado as estado_anterior, u.version::text as version
from antes, u, c;
