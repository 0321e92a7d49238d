-- 0500: score policies and verifiable sorteos (design/orden-adjudicacion.md).
-- A policy per convocatoria × profesión (the admin's JSON in canonical form:
-- domain/politica.c) with the adjudication mode; a sorteo per convocatoria ×
-- modalidad × profesión: frozen (pool, H_pool, commitment C, announced beacon)
-- then drawn once (beacon value, revealed secret, seed) with every key kept.
create table politicas_puntaje (
    convocatoria_id    bigint not null references convocatorias,
    profesion_codigo   text not null references profesiones,
    modo_adjudicacion  text not null check (modo_adjudicacion in ('MERITO', 'SORTEO')),
    politica           json not null,          -- canonical text (json keeps it as written)
    actualizado_at     timestamptz not null,
    primary key (convocatoria_id, profesion_codigo)
);

create table sorteos (
    id                bigserial primary key,
    convocatoria_id   bigint not null references convocatorias,
    modalidad         text not null check (modalidad in ('REMUNERADA', 'EQUIVALENTE')),
    profesion_codigo  text not null references profesiones,
    estado            text not null check (estado in ('CONGELADO', 'SORTEADO')),
    pool              text not null,           -- ids sorted, one per line, LF after each
    pool_n            int not null check (pool_n >= 0),
    h_pool            char(64) not null,
    compromiso        char(64) not null check (compromiso ~ '^[0-9a-f]{64}$'),
    beacon_fuente     text not null check (beacon_fuente in ('DRAND_QUICKNET', 'NIST', 'DADOS')),
    beacon_ronda      text not null,
    beacon_valor      text check (beacon_valor ~ '^[0-9a-f]+$'),
    secreto           char(64),
    seed_input        text,
    seed              char(64),
    congelado_at      timestamptz not null,
    sorteado_at       timestamptz,
    unique (convocatoria_id, modalidad, profesion_codigo),
    check ((estado = 'SORTEADO') = (secreto is not null and seed is not null and beacon_valor is not null
                                    and seed_input is not null and sorteado_at is not null))
);

create table sorteo_claves (
    sorteo_id       bigint not null references sorteos,
    inscripcion_id  bigint not null references inscripciones,
    clave           char(64) not null,
    posicion        int not null check (posicion >= 1),
    primary key (sorteo_id, inscripcion_id),
    unique (sorteo_id, posicion)
);

-- A drawn sorteo never changes.
create function sorteo_inmutable() returns trigger language plpgsql as $$
begin
    if old.estado = 'SORTEADO' then
        raise exception 'el sorteo % ya fue realizado', old.id using errcode = '55000';
    end if;
    return new;
end $$;
create trigger sorteo_inmutable before update or delete on sorteos
    for each row execute function sorteo_inmutable();
