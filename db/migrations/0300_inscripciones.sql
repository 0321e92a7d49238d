-- 0300: inscriptions (issue 5). One draft per person and convocatoria; each
-- of the four wizard sections is stored as validated JSON in canonical field
-- order (json, not jsonb, keeps that order) and each PUT replaces one whole;
-- documents are PDFs in bytea with their SHA-256.
-- Finalizing freezes an exact JSON snapshot (datos_finalizados) whose
-- SHA-256 and a verification code print on the constancia.

-- The offer engineer's plazas table (branch oferta, 02xx) is the real one;
-- this minimal compatible shape only exists where that migration has not
-- run yet, for the caso especial check (at least 5 remunerated plazas).
create table if not exists plazas (
    convocatoria_id     bigint not null,
    modalidad           text not null,
    profesion_codigo    text not null,
    diresa_codigo       text not null,
    institucion_codigo  text not null,
    renipress           char(8) not null,
    cantidad            int not null
);

create table inscripciones (
    id                   bigserial primary key,
    convocatoria_id      bigint not null references convocatorias,
    usuario_id           bigint not null references usuarios,
    estado               text not null default 'BORRADOR' check (estado in ('BORRADOR', 'INSCRITO')),
    datos_personales     json,
    datos_profesionales  json,
    datos_postulacion    json,
    declaracion_jurada   json,
    -- what reviewers filter by, derived from the sections
    diresa_codigo        text generated always as (datos_postulacion ->> 'diresa') stored,
    profesion_codigo     text generated always as (datos_profesionales ->> 'profesion') stored,
    creado_at            timestamptz not null,
    actualizado_at       timestamptz not null,
    finalizado_at        timestamptz,
    codigo_verificacion  text unique,
    sha256_datos         char(64),
    datos_finalizados    json,            -- json (not jsonb): the exact text sha256_datos hashes
    unique (convocatoria_id, usuario_id),
    check ((finalizado_at is null) = (datos_finalizados is null)),
    check ((finalizado_at is null) = (sha256_datos is null)),
    check ((finalizado_at is null) = (codigo_verificacion is null))
);
create index inscripciones_usuario on inscripciones (usuario_id, id);
create index inscripciones_diresa on inscripciones (convocatoria_id, diresa_codigo);

-- Once written, the finalized snapshot never changes.
create function inscripcion_finalizada_inmutable() returns trigger language plpgsql as $$
begin
    if old.finalizado_at is not null and (
           new.finalizado_at is distinct from old.finalizado_at
        or new.sha256_datos is distinct from old.sha256_datos
        or new.codigo_verificacion is distinct from old.codigo_verificacion
        or new.datos_finalizados::text is distinct from old.datos_finalizados::text) then
        raise exception 'la inscripción % ya fue finalizada', old.id using errcode = '55000';
    end if;
    return new;
end $$;
create trigger inscripcion_finalizada_inmutable before update on inscripciones
    for each row execute function inscripcion_finalizada_inmutable();

create table inscripcion_documentos (
    inscripcion_id  bigint not null references inscripciones on delete cascade,
    tipo            text not null check (tipo in ('PPP', 'ENAM', 'FFAA', 'DISCAPACIDAD', 'RENUNCIA', 'COMPROBANTE')),
    contenido       bytea not null,
    tamano          int not null check (tamano between 1 and 1048576 and tamano = octet_length(contenido)),
    sha256          char(64) not null,
    subido_at       timestamptz not null,
    primary key (inscripcion_id, tipo)
);
-- PDFs are compressed already: store out of line without trying pglz on them
alter table inscripcion_documentos alter column contenido set storage external;
