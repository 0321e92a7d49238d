-- 0754: what the SPA shows of a cronograma without hard-coding its rules
-- (issue 9, section 4): each phase's Spanish label, and which actions each
-- role may take now: while a phase is in force (`fase`), until a phase starts
-- (`antes_de`), or always (both null). GET /v1/convocatorias[/{id}] answers them with the server's
-- `ahora`. The rows mirror the phase checks of the handlers (fase_exigir,
-- fase_antes_de); a module that adds a phase-bound action adds its row here
-- in its own migration.
create table fase_etiquetas (
    fase      text primary key,
    orden     int not null unique,
    etiqueta  text not null
);
insert into fase_etiquetas (fase, orden, etiqueta) values
    ('INSCRIPCION', 1, 'Inscripción'),
    ('REVISION', 2, 'Revisión de expedientes'),
    ('PUBLICACION_APTOS', 3, 'Publicación de aptos y observados'),
    ('SUBSANACION', 4, 'Subsanación de observaciones'),
    ('PUBLICACION_FINAL', 5, 'Publicación final de aptos'),
    ('CASOS_ESPECIALES', 6, 'Casos especiales'),
    ('DESEMPATE_SORTEO', 7, 'Desempate y sorteo'),
    ('ADJUDICACION_REMUNERADA', 8, 'Adjudicación de plazas remuneradas'),
    ('ADJUDICACION_EQUIVALENTE', 9, 'Adjudicación de plazas equivalentes'),
    ('SERVICIO', 10, 'Servicio SERUMS'),
    ('INFORME_FINAL', 11, 'Informe final');

create table fase_acciones (
    accion    text not null,
    rol       text not null check (rol in ('publico', 'postulante', 'diresa', 'admin')),
    fase      text references fase_etiquetas,     -- allowed while this phase is in force (fase_exigir)
    antes_de  text references fase_etiquetas,     -- allowed until this phase starts (fase_antes_de)
    etiqueta  text not null,
    unique (accion, rol)
);
insert into fase_acciones (accion, rol, fase, antes_de, etiqueta) values
    ('VER_PLAZAS', 'publico', null, null, 'Consultar la oferta de plazas'),
    ('VER_PLAZAS', 'postulante', null, null, 'Consultar la oferta de plazas'),
    ('VER_PLAZAS', 'diresa', null, null, 'Consultar la oferta de plazas'),
    ('VER_PLAZAS', 'admin', null, null, 'Consultar la oferta de plazas'),
    ('INSCRIBIRSE', 'postulante', 'INSCRIPCION', null, 'Inscribirse o completar la inscripción'),
    ('PROGRAMAR_CRONOGRAMA', 'admin', null, null, 'Programar o reprogramar el cronograma'),
    ('IMPORTAR_OFERTA', 'admin', null, 'ADJUDICACION_REMUNERADA', 'Importar la oferta de plazas');
