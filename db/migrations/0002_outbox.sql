-- 0002: transactional email outbox. Rows are inserted in the same transaction
-- as the change that causes them; the mailer delivers and never deletes.
create table outbox (
    id               bigserial primary key,
    destinatario     text not null,
    asunto           text not null,
    texto            text not null,
    html             text,
    adjunto_nombre   text,
    adjunto_tipo     text,
    adjunto          bytea,
    creado_at        timestamptz not null default now(),
    proximo_intento  timestamptz not null default now(),
    intentos         int not null default 0,
    ultimo_error     text,
    enviado_at       timestamptz
);
create index outbox_pending on outbox (proximo_intento) where enviado_at is null;

create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', new.id::text);
    return new;
end $$;
create trigger outbox_notify after insert on outbox for each row execute function outbox_notify();

-- enqueue helper for SQL callers
create function outbox_enqueue(p_to text, p_subject text, p_text text, p_html text,
                               p_att_name text default null, p_att_type text default null,
                               p_att bytea default null)
returns bigint language sql as $$
    insert into outbox (destinatario, asunto, texto, html, adjunto_nombre, adjunto_tipo, adjunto)
    values (p_to, p_subject, p_text, p_html, p_att_name, p_att_type, p_att)
    returning id
$$;
