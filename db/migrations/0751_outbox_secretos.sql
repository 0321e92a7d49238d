-- 0751: the outbox forgets the secrets it carried (issue 9, probe 8). A
-- message that holds a code or a link token lists them in `secretos`; once
-- delivered (or after a day undelivered, when every such secret has long
-- expired) the mailer replaces each one in texto and html by "[retirado]" and
-- clears the list, so the table never keeps a usable secret.
alter table outbox add column secretos text[];

create index outbox_con_secretos on outbox (creado_at) where secretos is not null;

create function outbox_enqueue_secretos(p_to text, p_subject text, p_text text, p_html text, p_secretos text[])
returns bigint language sql as $$
    insert into outbox (destinatario, asunto, texto, html, secretos)
    values (p_to, p_subject, p_text, p_html, p_secretos)
    returning id
$$;

-- t with every element of s replaced by [retirado] (null stays null).
create function outbox_tachar(t text, s text[]) returns text language plpgsql immutable as $$
declare
    x text;
begin
    if t is null or s is null then return t; end if;
    foreach x in array s loop
        if x is not null and x <> '' then t := replace(t, x, '[retirado]'); end if;
    end loop;
    return t;
end $$;
