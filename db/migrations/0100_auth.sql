-- 0100: accounts and sessions (issue 3). Codes and tokens are stored only as
-- keyed hashes (token.c); every time a rule depends on is passed in by the
-- application (config_now), so no default now() here decides anything.

-- Email verification codes: 6 digits, 10 minutes, 5 wrong tries; rows also
-- count requests for the per-email and per-IP limits.
create table email_codigos (
    id           bigserial primary key,
    email        text not null,
    codigo_hash  text not null,
    ip           text,
    creado_at    timestamptz not null,
    expira_at    timestamptz not null,
    intentos     int not null default 0,
    usado_at     timestamptz
);
create index email_codigos_email on email_codigos (email, id desc);
create index email_codigos_ip on email_codigos (ip, creado_at);

-- Refresh tokens: single use, rotated inside a family; reusing a rotated one
-- revokes the family.
create table sesiones (
    id           bigserial primary key,
    usuario_id   bigint not null references usuarios on delete cascade,
    familia      text not null,
    token_hash   text not null unique,
    cliente      text not null check (cliente in ('web', 'mobile')),
    creado_at    timestamptz not null,
    expira_at    timestamptz not null,
    rotado_at    timestamptz,
    revocado_at  timestamptz,
    ip           text,
    user_agent   text
);
create index sesiones_familia on sesiones (familia);
create index sesiones_usuario_vigentes on sesiones (usuario_id) where revocado_at is null;

-- Login failures per normalized email (known or not, so lockout reveals
-- nothing): 5 failures lock 15 minutes.
create table login_bloqueos (
    email            text primary key,
    fallos           int not null default 0,
    bloqueado_hasta  timestamptz,
    actualizado_at   timestamptz not null
);

-- The last passwords of each account (a reset may not reuse the last 5).
create table password_historial (
    id             bigserial primary key,
    usuario_id     bigint not null references usuarios on delete cascade,
    password_hash  text not null,
    creado_at      timestamptz not null
);
create index password_historial_usuario on password_historial (usuario_id, id desc);

-- Password reset links: single use, 30 minutes.
create table password_resets (
    id           bigserial primary key,
    usuario_id   bigint not null references usuarios on delete cascade,
    token_hash   text not null unique,
    creado_at    timestamptz not null,
    expira_at    timestamptz not null,
    usado_at     timestamptz
);
create index password_resets_usuario on password_resets (usuario_id, creado_at);

-- One failed login for an email at p_now: counts it (failures older than 15
-- minutes start over) and, at the 5th, locks 15 minutes. Returns the end of
-- the lock, or null.
create function login_registrar_fallo(p_email text, p_now timestamptz) returns timestamptz
language plpgsql as $$
declare
    n      int;
    hasta  timestamptz;
begin
    insert into login_bloqueos as b (email, fallos, actualizado_at) values (p_email, 1, p_now)
    on conflict (email) do update set
        fallos = case when b.actualizado_at < p_now - interval '15 minutes' then 1 else b.fallos + 1 end,
        bloqueado_hasta = null,
        actualizado_at = p_now
    returning fallos into n;
    if n >= 5 then
        hasta := p_now + interval '15 minutes';
        update login_bloqueos set fallos = 0, bloqueado_hasta = hasta where email = p_email;
    end if;
    return hasta;
end $$;
