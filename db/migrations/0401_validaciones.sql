-- 0401: external validations (issue 10): each official file the national team
-- loads for a fuente (with its SHA-256 and counts), and per inscription and
-- fuente the latest result CONFORME / DISCREPANCIA / NO_ENCONTRADO with both
-- values. Re-loading a fuente replaces its results (the load itself stays).
create table validacion_cargas (
    id               bigserial primary key,
    convocatoria_id  bigint not null references convocatorias,
    fuente           text not null check (fuente in ('COLEGIATURA', 'ENAM', 'EVALUACION_SERUMS', 'PPP')),
    sha256           char(64) not null,
    filas            int not null,
    conformes        int not null,
    discrepancias    int not null,
    no_encontrados   int not null,
    sin_inscripcion  int not null,     -- rows of the file that match no inscription
    cargado_por      bigint not null references usuarios,
    cargado_at       timestamptz not null
);
create index validacion_cargas_fuente on validacion_cargas (convocatoria_id, fuente, id);

create table validaciones (
    inscripcion_id  bigint not null references inscripciones,
    fuente          text not null check (fuente in ('COLEGIATURA', 'ENAM', 'EVALUACION_SERUMS', 'PPP')),
    carga_id        bigint not null references validacion_cargas,
    resultado       text not null check (resultado in ('CONFORME', 'DISCREPANCIA', 'NO_ENCONTRADO')),
    declarado       text,
    oficial         text,
    primary key (inscripcion_id, fuente)
);
create index validaciones_carga on validaciones (carga_id);
