-- 0390: the whole life of an inscription (DESIGN §2, design/revision-publicacion.md)
-- and the core of an adjudicación, shared by the review, adjudication and
-- informe stages: each later stage adds its own columns and tables.
alter table inscripciones drop constraint inscripciones_estado_check;
alter table inscripciones add constraint inscripciones_estado_check check (estado in (
    'BORRADOR', 'INSCRITO', 'APTO', 'OBSERVADO', 'SUBSANADO', 'NO_APTO', 'ADJUDICADO', 'ANULADO'));
create index inscripciones_estado on inscripciones (convocatoria_id, estado);

-- One plaza unit given to one inscription. An offer row (plazas) with
-- cantidad N has units 1..N. At most one VIGENTE adjudicación per unit and
-- per inscription: a double allocation is impossible by construction.
-- The service period [servicio_inicio, servicio_fin) comes from SERVICIO.
create table adjudicaciones (
    id               bigserial primary key,
    inscripcion_id   bigint not null references inscripciones,
    plaza_id         bigint not null references plazas,
    unidad           int not null check (unidad >= 1),
    estado           text not null default 'VIGENTE' check (estado in ('VIGENTE', 'ANULADA')),
    servicio_inicio  date not null,
    servicio_fin     date not null,
    adjudicado_at    timestamptz not null,
    check (servicio_inicio < servicio_fin)
);
create unique index adjudicaciones_unidad_vigente on adjudicaciones (plaza_id, unidad) where estado = 'VIGENTE';
create unique index adjudicaciones_inscripcion_vigente on adjudicaciones (inscripcion_id) where estado = 'VIGENTE';
