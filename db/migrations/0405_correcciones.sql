-- 0405: the admin's audited correction of APTO / NO_APTO once
-- PUBLICACION_FINAL has begun (design/revision-publicacion.md: frozen then,
-- except an audited admin correction with a reason, and a new list version).
-- Each correction is kept with its reason; the update of the inscription
-- bumps revision_versiones (0403) in the same transaction.
create table correcciones (
    id               bigserial primary key,
    inscripcion_id   bigint not null references inscripciones,
    estado_anterior  text not null check (estado_anterior in ('APTO', 'NO_APTO')),
    estado_nuevo     text not null check (estado_nuevo in ('APTO', 'NO_APTO') and estado_nuevo <> estado_anterior),
    motivo           text not null check (char_length(motivo) between 10 and 2000),
    admin_id         bigint not null references usuarios,
    corregido_at     timestamptz not null
);
create index correcciones_inscripcion on correcciones (inscripcion_id, id);
