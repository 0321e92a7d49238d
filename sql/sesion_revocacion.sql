-- sesion_revocacion.sql - what a worker whose database session is new must
-- know (src/revocation.c): the session families revoked since $1. Live
-- revocations arrive by NOTIFY sesion_revocada (migration 0750).

-- name: sesion_revocadas_desde
select distinct familia as sid
  from sesiones
 where revocado_at >= $1::timestamptz
