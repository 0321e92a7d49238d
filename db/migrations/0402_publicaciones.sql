-- 0402: published lists (issue 10): each version of each tipo of list of a
-- convocatoria, frozen with its exact CSV and JSON bytes and their SHA-256
-- (sha256 is the CSV's: the version's identity, printed in the index). A
-- version never changes; the files under var/publicaciones/ are written
-- from these bytes and can always be rewritten from them.
create table publicaciones (
    id               bigserial primary key,
    convocatoria_id  bigint not null references convocatorias,
    tipo             text not null check (tipo in ('APTOS_PRELIMINAR', 'APTOS_FINAL', 'ORDEN_MERITO', 'SORTEO',
                                                   'ADJUDICADOS_REMUNERADA', 'ADJUDICADOS_EQUIVALENTE', 'ANULACIONES')),
    version          int not null check (version >= 1),
    publicado_at     timestamptz not null,
    publicado_por    bigint not null references usuarios,
    filas            int not null check (filas >= 0),
    sha256           char(64) not null,
    sha256_json      char(64) not null,
    csv              text not null,      -- exact bytes (UTF-8, BOM included)
    json             text not null,
    unique (convocatoria_id, tipo, version)
);
create trigger publicaciones_inmutable before update or delete on publicaciones
    for each row execute function historia_inmutable();
