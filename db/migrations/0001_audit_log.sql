-- 0001: the append-only audit log and the one function every state change uses.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       bigint,                 -- users.id, null for the system or anonymous
    action      text not null,          -- e.g. inscripcion.finalizar
    entity      text not null,          -- e.g. inscripcion
    entity_id   text,
    before      jsonb,
    after       jsonb,
    request_id  text
);
create index audit_log_entity on audit_log (entity, entity_id);
create index audit_log_actor on audit_log (actor, at);

create function audit_log_forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only' using errcode = '42501';
end $$;
create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_forbid_change();

create function audit_record(p_actor bigint, p_action text, p_entity text, p_entity_id text,
                             p_before jsonb, p_after jsonb, p_request_id text)
returns bigint language sql as $$
    insert into audit_log (actor, action, entity, entity_id, before, after, request_id)
    values (p_actor, p_action, p_entity, p_entity_id, p_before, p_after, p_request_id)
    returning id
$$;
