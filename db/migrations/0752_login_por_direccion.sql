-- 0752: wrong passwords lock one email from one client address (issue 9,
-- probes 4 and 5): five failures from anywhere no longer lock the real owner
-- out. Every failure is kept for the captcha rule (domain/sesion_politica.h:
-- failures for one email from many addresses make every sign-in for it ask
-- for a captcha). Sign-in and PUT /v1/me/password count alike.
create table login_fallos (
    id          bigserial primary key,
    email       text not null,
    ip          text not null,
    creado_at   timestamptz not null
);
create index login_fallos_email on login_fallos (email, creado_at);

alter table login_bloqueos add column ip text not null default '';
alter table login_bloqueos drop constraint login_bloqueos_pkey;
alter table login_bloqueos add primary key (email, ip);

drop function login_registrar_fallo(text, timestamptz);

-- One failed sign-in (or current-password check) for an email from an
-- address at p_now: recorded, counted for that pair (failures older than 15
-- minutes start over) and, at the 5th, the pair is locked 15 minutes.
-- Returns the end of the lock, or null.
create function login_registrar_fallo(p_email text, p_ip text, p_now timestamptz) returns timestamptz
language plpgsql as $$
declare
    n      int;
    hasta  timestamptz;
begin
    insert into login_fallos (email, ip, creado_at) values (p_email, coalesce(p_ip, ''), p_now);
    insert into login_bloqueos as b (email, ip, fallos, actualizado_at) values (p_email, coalesce(p_ip, ''), 1, p_now)
    on conflict (email, ip) do update set
        fallos = case when b.actualizado_at < p_now - interval '15 minutes' then 1 else b.fallos + 1 end,
        bloqueado_hasta = null,
        actualizado_at = p_now
    returning fallos into n;
    if n >= 5 then
        hasta := p_now + interval '15 minutes';
        update login_bloqueos set fallos = 0, bloqueado_hasta = hasta where email = p_email and ip = coalesce(p_ip, '');
    end if;
    return hasta;
end $$;
