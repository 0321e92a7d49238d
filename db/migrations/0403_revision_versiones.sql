-- 0403: the version of what the reviewers' list of a convocatoria shows
-- (api/revision_lista.c keeps its pages in the worker's cache under it, as
-- the informe lists do with informe_versiones). Every change the list shows
-- bumps it in the writer's own transaction: any insert or update of a
-- finalized inscription (review, subsanar, finalize, correction, closing of
-- OBSERVADO) and every validation load. Statement-level, so a bulk update
-- bumps once.
create table revision_versiones (
    convocatoria_id  bigint primary key references convocatorias,
    version          bigint not null
);

create function revision_version_subir(p_convocatoria bigint) returns void language sql as $$
    insert into revision_versiones (convocatoria_id, version) values (p_convocatoria, 1)
    on conflict (convocatoria_id) do update set version = revision_versiones.version + 1
$$;

create function revision_version_insertadas() returns trigger language plpgsql as $$
begin
    perform revision_version_subir(c) from (select distinct convocatoria_id c from nuevas where estado <> 'BORRADOR') x;
    return null;
end $$;
create trigger revision_version_insertadas after insert on inscripciones
    referencing new table as nuevas for each statement execute function revision_version_insertadas();

create function revision_version_cambiadas() returns trigger language plpgsql as $$
begin
    perform revision_version_subir(c)
       from (select distinct n.convocatoria_id c from nuevas n join viejas o on o.id = n.id
              where n.estado <> 'BORRADOR' or o.estado <> 'BORRADOR') x;
    return null;
end $$;
create trigger revision_version_cambiadas after update on inscripciones
    referencing old table as viejas new table as nuevas for each statement execute function revision_version_cambiadas();

create function revision_version_carga() returns trigger language plpgsql as $$
begin
    perform revision_version_subir(new.convocatoria_id);
    return null;
end $$;
create trigger revision_version_carga after insert on validacion_cargas
    for each row execute function revision_version_carga();
