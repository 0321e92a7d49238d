-- 0005: convocatorias and their cronograma. A phase is a window
-- [inicia, termina) judged server-side; phase names follow DESIGN §2.
create table convocatorias (
    id          bigserial primary key,
    codigo      text not null unique,                 -- e.g. 2026-I
    anio        int not null check (anio between 2000 and 2100),
    periodo     text not null check (periodo in ('I', 'II')),
    tipo        text not null check (tipo in ('ORDINARIO', 'EXTRAORDINARIO')),
    creado_at   timestamptz not null default now(),
    actualizado_at timestamptz not null default now()
);

create table convocatoria_fases (
    convocatoria_id  bigint not null references convocatorias on delete cascade,
    fase             text not null check (fase in (
        'INSCRIPCION', 'REVISION', 'PUBLICACION_APTOS', 'SUBSANACION', 'PUBLICACION_FINAL',
        'CASOS_ESPECIALES', 'DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA', 'ADJUDICACION_EQUIVALENTE',
        'SERVICIO', 'INFORME_FINAL')),
    inicia           timestamptz not null,
    termina          timestamptz not null,
    primary key (convocatoria_id, fase),
    check (inicia < termina)
);
