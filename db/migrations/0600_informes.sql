-- 0600: the informe final (design/informe-final.md, issue 12). One informe per
-- VIGENTE adjudicación (0390), created on the serumista's first write; the
-- convocatoria and the DIRESA of the plaza are copied in at creation (a plaza
-- never changes DIRESA) so the DIRESA's list is one index range. Anexo 6 rows
-- are keyed by (anio, mes), Anexo 7 rows by (anio, mes, rubro, actividad):
-- writing the same key again replaces the row. The observación of the last
-- review shows while OBSERVADO; every review is kept in informe_revisiones.
-- The SHA-256 printed on the report (domain/informe_huella.c) is stored when
-- the informe is approved: from then on its content cannot change.
create table informes (
    id                 bigserial primary key,
    adjudicacion_id    bigint not null unique references adjudicaciones,
    inscripcion_id     bigint not null references inscripciones,
    convocatoria_id    bigint not null references convocatorias,
    diresa_codigo      text not null references diresas,
    estado             text not null default 'REGISTRADO'
                       check (estado in ('REGISTRADO', 'ENVIADO', 'OBSERVADO', 'APROBADO', 'RESOLUCION')),
    conclusiones       text check (char_length(conclusiones) <= 4000),
    recomendaciones    text check (char_length(recomendaciones) <= 4000),
    observacion        text check (char_length(observacion) <= 4000),
    sha256             char(64),
    resolucion_numero  text check (char_length(resolucion_numero) between 3 and 60),
    resolucion_fecha   date,
    creado_at          timestamptz not null,
    actualizado_at     timestamptz not null,
    enviado_at         timestamptz,
    revisado_at        timestamptz,
    check ((estado = 'OBSERVADO') = (observacion is not null)),
    check ((estado in ('APROBADO', 'RESOLUCION')) = (sha256 is not null)),
    check ((estado = 'RESOLUCION') = (resolucion_numero is not null and resolucion_fecha is not null))
);
create index informes_diresa on informes (convocatoria_id, diresa_codigo, id);
create index informes_diresa_estado on informes (convocatoria_id, diresa_codigo, estado, id);
create index informes_inscripcion on informes (inscripcion_id);

create table informe_atenciones (
    informe_id      bigint not null references informes on delete cascade,
    anio            int not null check (anio between 1900 and 9999),
    mes             int not null check (mes between 1 and 12),
    programadas     int not null check (programadas between 0 and 100000),
    ejecutadas      int not null check (ejecutadas between 0 and 100000),
    actualizado_at  timestamptz not null,
    primary key (informe_id, anio, mes)
);

create table informe_actividades (
    id              bigserial primary key,
    informe_id      bigint not null references informes on delete cascade,
    anio            int not null check (anio between 1900 and 9999),
    mes             int not null check (mes between 1 and 12),
    rubro           text not null check (rubro in ('PREVENTIVO_PROMOCIONAL', 'ATENCION', 'CAPACITACION', 'GESTION',
                                                   'INVESTIGACION', 'TRABAJO_COMUNITARIO')),
    actividad       text not null check (char_length(actividad) between 3 and 300),
    programadas     int not null check (programadas between 0 and 100000),
    ejecutadas      int not null check (ejecutadas between 0 and 100000),
    actualizado_at  timestamptz not null,
    unique (informe_id, anio, mes, rubro, actividad)
);

create table informe_revisiones (
    id            bigserial primary key,
    informe_id    bigint not null references informes on delete cascade,
    estado        text not null check (estado in ('APROBADO', 'OBSERVADO')),
    observacion   text check (char_length(observacion) <= 4000),
    revisor_id    bigint not null references usuarios,
    revisado_at   timestamptz not null,
    check ((estado = 'OBSERVADO') = (observacion is not null))
);
create index informe_revisiones_informe on informe_revisiones (informe_id, id);

-- The DIRESA's lists are kept in each worker's response cache (api/publico.c)
-- under the version of the listed data: any change to an informe the lists
-- show (anything but REGISTRADO) bumps the version of its convocatoria and
-- DIRESA in the same transaction, so the next page read is built again.
create table informe_versiones (
    convocatoria_id  bigint not null references convocatorias,
    diresa_codigo    text not null references diresas,
    version          bigint not null,
    primary key (convocatoria_id, diresa_codigo)
);

create function informe_version() returns trigger language plpgsql as $$
begin
    if new.estado <> 'REGISTRADO' or (tg_op = 'UPDATE' and old.estado <> 'REGISTRADO') then
        insert into informe_versiones (convocatoria_id, diresa_codigo, version)
        values (new.convocatoria_id, new.diresa_codigo, 1)
        on conflict (convocatoria_id, diresa_codigo) do update set version = informe_versiones.version + 1;
    end if;
    return null;
end $$;
create trigger informe_version after insert or update on informes
    for each row execute function informe_version();

-- The adjudicación of inscription $1 as the participation lists show it
-- (GET /v1/me/inscripciones, sql/inscripciones.sql): the plaza, the service
-- period and the informe's state and path; null unless ADJUDICADO.
create function informe_adjudicacion(p_inscripcion bigint) returns json language sql stable as $$
    select json_build_object(
               'plaza', json_build_object('id', p.id, 'renipress', p.renipress, 'establecimiento', p.establecimiento_nombre,
                                          'diresa', p.diresa_codigo, 'modalidad', p.modalidad,
                                          'profesion', p.profesion_codigo),
               'periodo', json_build_object('inicio', a.servicio_inicio, 'fin', a.servicio_fin),
               'informe', json_build_object('estado', coalesce(f.estado, 'REGISTRADO'),
                                            'url', '/v1/inscripciones/' || a.inscripcion_id || '/informe'))
      from adjudicaciones a
      join inscripciones i on i.id = a.inscripcion_id and i.estado = 'ADJUDICADO'
      join plazas p on p.id = a.plaza_id
      left join informes f on f.adjudicacion_id = a.id
     where a.inscripcion_id = p_inscripcion and a.estado = 'VIGENTE'
$$;
