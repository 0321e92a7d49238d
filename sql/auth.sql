-- auth.sql - the accounts module (api/auth*.c): profiles, passwords and their
-- history, sessions, email codes, resets, the admin list of users.

-- name: auth_profile
select id, email, rol, diresa_codigo as diresa, tipo_documento, numero_documento, numero_documento_sunedu,
  fecha_nacimiento, nombres, apellido_paterno, apellido_materno, extract(epoch from creado_at)::bigint as creado_epoch
from usuarios where id = $1 and activo

-- name: auth_password_history
select password_hash from password_historial where usuario_id = $1 order by id desc limit $2

-- name: auth_set_password
with u as (update usuarios set password_hash = $2, actualizado_at = $3::timestamptz where id = $1
returning id)
insert into password_historial (usuario_id, password_hash, creado_at)
select id, $2, $3::timestamptz from u

-- name: auth_unlock_user
delete from login_bloqueos where email = (select email from usuarios where id = $1)

-- name: auth_revoke_all
update sesiones set revocado_at = $2::timestamptz where usuario_id = $1 and revocado_at is null

-- name: auth_outbox_enqueue
-- $5: the secrets in the message (text[] literal, may be null), scrubbed once delivered (0751)
select outbox_enqueue_secretos($1, $2, $3, $4, $5::text[])

-- name: auth_me_for_update
select email, password_hash, numero_documento from usuarios where id = $1 and activo for update

-- name: auth_reset_target
select u.id, (select count(*) from password_resets p where p.usuario_id = u.id
  and p.creado_at > $2::timestamptz - interval '1 hour' and p.creado_at <= $2::timestamptz) >= 5
  or exists (select 1 from password_resets p where p.usuario_id = u.id
  and p.creado_at > $2::timestamptz - interval '1 minute' and p.creado_at <= $2::timestamptz) as limitado
from usuarios u where u.email = $1 and u.activo for update

-- name: auth_reset_insert
insert into password_resets (usuario_id, token_hash, creado_at, expira_at)
values ($1, $2, $3::timestamptz, $3::timestamptz + make_interval(mins => $4::int)) returning id

-- name: auth_reset_find
select p.id, p.usuario_id, p.expira_at <= $2::timestamptz as expirado, p.usado_at is not null as usado, u.email,
  u.numero_documento, u.activo
from password_resets p join usuarios u on u.id = p.usuario_id where p.token_hash = $1 for update of p

-- name: auth_reset_used
update password_resets set usado_at = $2::timestamptz where usuario_id = $1 and usado_at is null

-- name: auth_codes_lock
select pg_advisory_xact_lock(hashtextextended($1, 3))

-- name: auth_codes_wait
with e as (select count(*) n, max(creado_at) ultimo, min(creado_at) primero from email_codigos
where email = $1 and creado_at > $3::timestamptz - interval '1 hour' and creado_at <= $3::timestamptz),
  i as (select count(*) n, min(creado_at) primero from email_codigos
where ip = $2 and creado_at > $3::timestamptz - interval '1 hour' and creado_at <= $3::timestamptz)
select greatest(0,
  case when e.ultimo > $3::timestamptz - interval '1 minute'
  then ceil(extract(epoch from e.ultimo + interval '1 minute' - $3::timestamptz)) else 0 end,
  case when e.n >= 5 then ceil(extract(epoch from e.primero + interval '1 hour' - $3::timestamptz)) else 0 end,
  case when $2 is not null and i.n >= $4::int
  then ceil(extract(epoch from i.primero + interval '1 hour' - $3::timestamptz)) else 0 end)::int as espera
from e, i

-- name: auth_codes_insert
insert into email_codigos (email, codigo_hash, ip, creado_at, expira_at)
values ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(mins => $5::int)) returning id,
  exists (select 1 from usuarios where email = $1) as cuenta_existe

-- name: auth_code_latest
select id, codigo_hash, expira_at <= $2::timestamptz as expirado, intentos, usado_at is not null as usado
from email_codigos where email = $1 order by id desc limit 1 for update

-- name: auth_code_wrong
update email_codigos set intentos = intentos + 1 where id = $1

-- name: auth_code_used
update email_codigos set usado_at = $2::timestamptz where id = $1

-- name: auth_user_by_documento
select id, email from usuarios where tipo_documento = $1 and numero_documento = $2

-- name: auth_registro_aparente
-- the 201 of a registration whose document already has an account (issue 9,
-- probe 2): shaped like a new account's profile, with an id never used
select nextval(pg_get_serial_sequence('usuarios', 'id')) as id

-- name: auth_user_insert
insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, numero_documento_sunedu,
  fecha_nacimiento, fecha_emision, nombres, apellido_paterno, apellido_materno, creado_at, actualizado_at)
values ($1, $2, 'postulante', $3, $4, $5, $6::date, $7::date, $8, $9, $10, $11::timestamptz, $11::timestamptz)
returning id

-- name: auth_history_add
insert into password_historial (usuario_id, password_hash, creado_at) values ($1, $2, $3::timestamptz)

-- name: auth_session_insert
-- $6: the role's idle limit in seconds; $9: the family's absolute end (0753)
insert into sesiones (usuario_id, familia, token_hash, cliente, creado_at, expira_at, familia_expira_at, ip, user_agent)
values ($1, $2, $3, $4, $5::timestamptz, least($5::timestamptz + make_interval(secs => $6::int), $9::timestamptz),
        $9::timestamptz, $7, left($8, 300))
returning id, ceil(extract(epoch from expira_at - creado_at))::int as segundos

-- name: auth_login_lock
-- a try-lock: a login never waits for another login of the same email (429 INICIO_EN_CURSO)
select pg_try_advisory_xact_lock(hashtextextended($1, 5)) as obtenido

-- name: auth_locked_for
-- the lock of this email from this address ($3), and the failures for the
-- email from everywhere in the last 15 minutes (the captcha rule)
select (select ceil(extract(epoch from bloqueado_hasta - $2::timestamptz))::int from login_bloqueos
         where email = $1 and ip = coalesce($3, '') and bloqueado_hasta > $2::timestamptz) as segundos,
       count(*)::int as fallos, count(distinct f.ip)::int as direcciones
  from login_fallos f
 where f.email = $1 and f.creado_at > $2::timestamptz - interval '15 minutes'

-- name: auth_user_by_email
select id, password_hash, rol, coalesce(diresa_codigo, '') as scope, activo from usuarios where email = $1

-- name: auth_login_failure
select ceil(extract(epoch from login_registrar_fallo($1, $3, $2::timestamptz) - $2::timestamptz))::int as segundos

-- name: auth_login_ok
delete from login_bloqueos where email = $1 and ip = coalesce($2, '')

-- name: auth_rehash
update usuarios set password_hash = $2 where id = $1

-- name: auth_session_find
-- en_gracia: rotated less than $3 seconds ago (a second tab with the same token)
select s.id, s.usuario_id, s.familia, s.cliente, s.expira_at <= $2::timestamptz as expirada,
  s.rotado_at is not null as rotada, s.revocado_at is not null as revocada, u.rol,
  coalesce(u.diresa_codigo, '') as scope, u.activo,
  s.rotado_at > $2::timestamptz - make_interval(secs => $3::int) as en_gracia,
  s.familia_expira_at, ceil(extract(epoch from s.expira_at - $2::timestamptz))::int as segundos
from sesiones s join usuarios u on u.id = s.usuario_id where s.token_hash = $1 for update of s

-- name: auth_session_rotated
update sesiones set rotado_at = $2::timestamptz where id = $1

-- name: auth_family_revoke
update sesiones set revocado_at = $2::timestamptz where familia = $1 and revocado_at is null

-- name: auth_usuarios_list
with f as (select * from usuarios where ($1::text is null or rol = $1)
  and ($2::text is null or diresa_codigo = $2) and ($3::text is null or strpos(email, $3) > 0)),
  page as (select * from f where ($4::bigint is null or id > $4) order by id limit $5::int + 1),
  shown as (select * from page order by id limit $5::int)
select json_build_object(
  'items', coalesce((select json_agg(json_build_object('id', id, 'email', email, 'rol', rol,
  'diresa', diresa_codigo, 'activo', activo, 'tipo_documento', tipo_documento,
  'numero_documento', numero_documento, 'nombres', nombres, 'apellido_paterno', apellido_paterno,
  'apellido_materno', apellido_materno,
  'creado_at', to_char(creado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by id)
from shown), '[]'::json),
  'next_cursor', case when (select count(*) from page) > $5::int then (select max(id) from shown)::text end,
  'total', (select count(*) from f))::text as pagina

-- name: auth_personal_crear
-- A staff account (admin or diresa) with its first password in the history,
-- audited as action $5 by the system; no row when the email already exists.
with u as (
  insert into usuarios (email, password_hash, rol, diresa_codigo) values ($1, $2, $3, $4)
  on conflict (email) do nothing
  returning id
),
h as (insert into password_historial (usuario_id, password_hash, creado_at) select id, $2, now() from u)
select id, audit_record(null, $5, 'usuario', id::text, null,
                        jsonb_build_object('email', $1::text, 'rol', $3::text, 'diresa', $4::text), null)
  from u

-- name: auth_usuario_existe
select 1 from usuarios where email = $1
