-- 0400: review of finalized inscriptions (issue 10, design/revision-publicacion.md).
--  * inscripciones.version: the row version, bumped by a trigger on every
--    update; GET answers it (ETag), a review sends it back (If-Match), and the
--    review's UPDATE ... WHERE version = $n refuses a stale one (409).
--  * inscripcion_versiones: every snapshot. Version 1 is the finalized one: the
--    0300 columns (datos_finalizados, sha256_datos, codigo_verificacion) keep it
--    immutable on the row and a trigger copies it here when it is written; each
--    subsanación adds version 2, 3... here, and inscripciones.datos_version
--    points at the one in force. Snapshots and reviews are never rewritten.
--  * inscripcion_documentos_historial: a document replaced or deleted after
--    finalization (subsanación) keeps its earlier bytes, so every snapshot's
--    documents stay readable by their SHA-256.
--  * revisiones: one row per review or Comité Médico evaluation, with the
--    reviewer, the time, the row version and snapshot reviewed, and the
--    SHA-256 of every document as it was reviewed.

alter table inscripciones
    add column version       int not null default 1,
    add column datos_version int not null default 0,     -- 0 while BORRADOR
    add column revisado_at   timestamptz,
    add column modalidad     text generated always as (datos_postulacion ->> 'modalidad') stored,
    add column caso_especial boolean generated always as
        (coalesce((datos_postulacion ->> 'caso_especial')::boolean, false)) stored,
    -- the DIRESA as a range key ('' = none: state workers): the reviewers' list
    -- filters it with a parameter range that stays indexable in generic plans
    add column diresa_clave  text generated always as (coalesce(datos_postulacion ->> 'diresa', '')) stored;
create index inscripciones_revision on inscripciones (convocatoria_id, diresa_clave, id)
    include (estado, caso_especial, profesion_codigo, modalidad, usuario_id) where estado <> 'BORRADOR';
create index inscripciones_finalizadas on inscripciones (convocatoria_id, id) where estado <> 'BORRADOR';

-- VINCULO_LABORAL: the equivalente postulante's proof of a labour bond.
alter table inscripcion_documentos drop constraint inscripcion_documentos_tipo_check;
alter table inscripcion_documentos add constraint inscripcion_documentos_tipo_check check (tipo in (
    'PPP', 'ENAM', 'FFAA', 'DISCAPACIDAD', 'RENUNCIA', 'COMPROBANTE', 'VINCULO_LABORAL'));

create table inscripcion_versiones (
    inscripcion_id       bigint not null references inscripciones,
    version              int not null check (version >= 1),
    datos                json not null,        -- json: the exact text sha256_datos hashes
    sha256_datos         char(64) not null,
    codigo_verificacion  text not null unique,
    documentos           jsonb not null,       -- [{tipo, sha256, tamano}] at snapshot time
    creado_at            timestamptz not null,
    primary key (inscripcion_id, version)
);

create table inscripcion_documentos_historial (
    inscripcion_id  bigint not null references inscripciones,
    tipo            text not null,
    sha256          char(64) not null,
    contenido       bytea not null,
    tamano          int not null,
    subido_at       timestamptz not null,
    reemplazado_at  timestamptz not null,
    primary key (inscripcion_id, tipo, sha256)
);
alter table inscripcion_documentos_historial alter column contenido set storage external;

create table revisiones (
    id                   bigserial primary key,
    inscripcion_id       bigint not null references inscripciones,
    instancia            text not null default 'REVISION' check (instancia in ('REVISION', 'COMITE_1', 'COMITE_2')),
    resultado            text not null check (resultado in ('APTO', 'OBSERVADO', 'NO_APTO')),
    observacion          text,
    requisitos           jsonb not null default '[]',   -- [{requisito, estado, comentario}]
    observados           text[] not null default '{}',  -- what SUBSANACION may change
    revisor_id           bigint not null references usuarios,
    revisado_at          timestamptz not null,
    inscripcion_version  int not null,                   -- the row version the reviewer read
    datos_version        int not null,
    sha256_datos         char(64) not null,
    documentos           jsonb not null,                 -- [{tipo, sha256}] as reviewed
    estado_anterior      text not null,
    estado_nuevo         text not null,
    foreign key (inscripcion_id, datos_version) references inscripcion_versiones,
    check (resultado <> 'OBSERVADO' or (cardinality(observados) > 0 and observacion is not null)),
    check (resultado <> 'NO_APTO' or observacion is not null),
    check (instancia = 'REVISION' or resultado <> 'OBSERVADO')
);
create index revisiones_inscripcion on revisiones (inscripcion_id, id);

-- Every update of an inscription is a new row version.
create function inscripcion_version_sube() returns trigger language plpgsql as $$
begin
    new.version := old.version + 1;
    return new;
end $$;
create trigger inscripcion_version_sube before update on inscripciones
    for each row execute function inscripcion_version_sube();

-- The current documents of an inscription as [{tipo, sha256, tamano}].
create function inscripcion_documentos_hashes(p_id bigint) returns jsonb language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object('tipo', tipo, 'sha256', sha256, 'tamano', tamano) order by tipo),
                    '[]'::jsonb)
    from inscripcion_documentos where inscripcion_id = p_id
$$;

-- Finalizing writes snapshot version 1.
create function inscripcion_version_1() returns trigger language plpgsql as $$
begin
    if old.finalizado_at is null and new.finalizado_at is not null then
        insert into inscripcion_versiones (inscripcion_id, version, datos, sha256_datos, codigo_verificacion,
                                           documentos, creado_at)
        values (new.id, 1, new.datos_finalizados, new.sha256_datos, new.codigo_verificacion,
                inscripcion_documentos_hashes(new.id), new.finalizado_at);
        new.datos_version := 1;
    end if;
    return new;
end $$;
create trigger inscripcion_version_1 before update on inscripciones
    for each row execute function inscripcion_version_1();

insert into inscripcion_versiones (inscripcion_id, version, datos, sha256_datos, codigo_verificacion, documentos,
                                   creado_at)
select id, 1, datos_finalizados, sha256_datos, codigo_verificacion, inscripcion_documentos_hashes(id), finalizado_at
from inscripciones where finalizado_at is not null;
update inscripciones set datos_version = 1 where finalizado_at is not null;

-- A finalized inscription's replaced document keeps its bytes.
create function inscripcion_documento_historial() returns trigger language plpgsql as $$
begin
    if exists (select 1 from inscripciones where id = old.inscripcion_id and finalizado_at is not null)
       and (tg_op = 'DELETE' or new.sha256 is distinct from old.sha256) then
        insert into inscripcion_documentos_historial
            (inscripcion_id, tipo, sha256, contenido, tamano, subido_at, reemplazado_at)
        values (old.inscripcion_id, old.tipo, old.sha256, old.contenido, old.tamano, old.subido_at, now())
        on conflict do nothing;
    end if;
    return case tg_op when 'DELETE' then old else new end;
end $$;
create trigger inscripcion_documento_historial before update or delete on inscripcion_documentos
    for each row execute function inscripcion_documento_historial();

-- Snapshots and reviews are history.
create function historia_inmutable() returns trigger language plpgsql as $$
begin
    raise exception '% es un registro histórico: no se modifica', tg_table_name using errcode = '55000';
end $$;
create trigger inscripcion_versiones_inmutable before update or delete on inscripcion_versiones
    for each row execute function historia_inmutable();
create trigger revisiones_inmutable before update or delete on revisiones
    for each row execute function historia_inmutable();
