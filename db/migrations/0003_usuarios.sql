-- 0003: people who sign in. Accounts (issue: accounts and sessions) extend
-- this with codes, sessions and password history in their own migrations.
create table usuarios (
    id                       bigserial primary key,
    email                    text not null unique,          -- normalized: trimmed, lower-case
    password_hash            text not null,                 -- argon2id (libsodium crypto_pwhash_str)
    rol                      text not null check (rol in ('postulante', 'diresa', 'admin')),
    diresa_codigo            text,                          -- diresa users only (FK below)
    tipo_documento           text check (tipo_documento in ('DNI', 'CE')),
    numero_documento         text,
    numero_documento_sunedu  text,
    fecha_nacimiento         date,
    fecha_emision            date,
    nombres                  text,
    apellido_paterno         text,
    apellido_materno         text,
    activo                   boolean not null default true,
    creado_at                timestamptz not null default now(),
    actualizado_at           timestamptz not null default now(),
    unique (tipo_documento, numero_documento),
    check ((rol = 'diresa') = (diresa_codigo is not null))
);
