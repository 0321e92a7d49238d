-- 0750: revoked sessions reach every worker within a second (issue 9, probe 7).
-- Access tokens carry their session family (JWT claim `sid`); when a family is
-- revoked (logout, reuse, password change or reset, deactivation) this NOTIFYs
-- `sesion_revocada` with it, and each worker keeps it in memory while an
-- access token can still live (src/revocation.c). Workers that start or
-- reconnect load the recent ones (sql/sesion_revocacion.sql) by this index.

create function sesion_revocada_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('sesion_revocada', new.familia);
    return null;
end $$;

create trigger sesiones_revocada after update of revocado_at on sesiones for each row
    when (old.revocado_at is null and new.revocado_at is not null)
    execute function sesion_revocada_notify();

create index sesiones_revocadas on sesiones (revocado_at) where revocado_at is not null;

-- A deactivated account loses every session at once, whoever deactivates it.
create function usuario_desactivado_revoca() returns trigger language plpgsql as $$
begin
    update sesiones set revocado_at = now() where usuario_id = new.id and revocado_at is null;
    return null;
end $$;

create trigger usuarios_desactivado after update of activo on usuarios for each row
    when (old.activo and not new.activo)
    execute function usuario_desactivado_revoca();
