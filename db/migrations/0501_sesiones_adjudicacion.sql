-- 0501: adjudication sessions (design/orden-adjudicacion.md), built on the
-- core table adjudicaciones of 0390. A session is one convocatoria ×
-- modalidad × profesión × fase; its turns are the merit (or sorteo) order;
-- its units are the plaza units on offer; preference lists are filed before
-- it starts; every pick appends one event to a hash-chained log
-- (domain/evento_cadena.h). Double allocation stays impossible: one vigente
-- adjudicación per unit and per inscription (0390), and one turn per
-- inscription and session.
alter table plazas add column cautiva boolean not null default false;   -- reserved for the institution's staff

create table adjudicacion_sesiones (
    id               bigserial primary key,
    convocatoria_id  bigint not null references convocatorias,
    modalidad        text not null check (modalidad in ('REMUNERADA', 'EQUIVALENTE')),
    profesion_codigo text not null references profesiones,
    fase             text not null check (fase in ('UNICA', 'CAUTIVAS', 'VINCULO_LABORAL', 'REGULARES', 'REOFERTA')),
    modo             text not null check (modo in ('VIVO', 'LISTAS')),
    segundos_turno   int not null check (segundos_turno between 10 and 3600),
    bloque           int not null check (bloque between 1 and 1000),
    reintentos       int not null check (reintentos between 0 and 10),
    estado           text not null default 'CREADA' check (estado in ('CREADA', 'EN_CURSO', 'PAUSADA', 'CERRADA')),
    turno            int not null default 0,        -- calls made so far
    turno_inscripcion_id bigint references inscripciones,   -- the called turn
    turno_vence      timestamptz,                   -- its deadline (live mode)
    eventos          int not null default 0,
    ultimo_hash      char(64) not null default '0000000000000000000000000000000000000000000000000000000000000000',
    creado_at        timestamptz not null,
    iniciado_at      timestamptz,
    cerrado_at       timestamptz
);
create index adjudicacion_sesiones_convocatoria on adjudicacion_sesiones (convocatoria_id, modalidad, profesion_codigo);

create table adjudicacion_turnos (
    sesion_id       bigint not null references adjudicacion_sesiones,
    posicion        int not null check (posicion >= 1),          -- order in the session
    inscripcion_id  bigint not null references inscripciones,
    n_adjudicacion  int not null,                                 -- in the published order
    estado          text not null default 'PENDIENTE' check (estado in
                        ('PENDIENTE', 'LLAMADO', 'ADJUDICADO', 'DESISTE', 'AUSENTE', 'NO_ADJUDICO')),
    llamadas        int not null default 0,
    primary key (sesion_id, posicion),
    unique (sesion_id, inscripcion_id)
);

create table adjudicacion_unidades (
    sesion_id  bigint not null references adjudicacion_sesiones,
    plaza_id   bigint not null references plazas,
    unidad     int not null check (unidad >= 1),
    primary key (sesion_id, plaza_id, unidad)
);

create table adjudicacion_preferencias (
    sesion_id       bigint not null references adjudicacion_sesiones,
    inscripcion_id  bigint not null references inscripciones,
    orden           int not null check (orden >= 1),
    plaza_id        bigint not null references plazas,
    primary key (sesion_id, inscripcion_id, orden),
    unique (sesion_id, inscripcion_id, plaza_id)
);

create table adjudicacion_eventos (
    sesion_id       bigint not null references adjudicacion_sesiones,
    seq             int not null check (seq >= 1),
    prev_hash       char(64) not null,
    hash            char(64) not null unique,
    turno           int not null,
    inscripcion_id  bigint not null references inscripciones,
    accion          text not null check (accion in ('ELIGE', 'DESISTE', 'VENCE')),
    plaza_id        bigint references plazas,
    resultado       text not null check (resultado in ('ADJUDICADO', 'DESISTE', 'AUSENTE', 'NO_ADJUDICO')),
    unidad          int,
    actor           text not null check (actor in ('POSTULANTE', 'OPERADOR', 'SISTEMA')),
    actor_usuario_id bigint references usuarios,
    at              text not null,                  -- RFC 3339 UTC, exactly as hashed
    primary key (sesion_id, seq)
);

-- The log is append-only.
create function adjudicacion_evento_inmutable() returns trigger language plpgsql as $$
begin
    raise exception 'el registro de eventos es de solo anexión' using errcode = '55000';
end $$;
create trigger adjudicacion_evento_inmutable before update or delete on adjudicacion_eventos
    for each row execute function adjudicacion_evento_inmutable();

alter table adjudicaciones
    add column sesion_id bigint references adjudicacion_sesiones,
    add column fase text check (fase in ('UNICA', 'CAUTIVAS', 'VINCULO_LABORAL', 'REGULARES', 'REOFERTA')),
    add column via text check (via in ('ELECCION', 'AUTO'));

create table anulaciones (
    id                 bigserial primary key,
    adjudicacion_id    bigint not null unique references adjudicaciones,
    resolucion         text not null,
    motivo             text not null,                 -- never published
    evidencia_sha256   char(64) not null check (evidencia_sha256 ~ '^[0-9a-f]{64}$'),
    anula_inscripcion  boolean not null,
    usuario_id         bigint references usuarios,
    anulado_at         timestamptz not null
);

-- Sessions of one profession never run side by side (they would share units).
create unique index adjudicacion_sesiones_abierta on adjudicacion_sesiones (convocatoria_id, modalidad, profesion_codigo)
    where estado <> 'CERRADA';
