-- adjudicacion_reloj.sql - the adjudication clock (api/adjudicacion_reloj.c).

-- name: reloj_vencida
-- One live session in course whose called turn's deadline is at or before $1,
-- not among $2 (failed in this pass), locked without waiting: a session being
-- picked right now is skipped and taken on the next tick.
select s.id from adjudicacion_sesiones s
 where s.estado = 'EN_CURSO' and s.modo = 'VIVO' and s.turno_vence <= $1::timestamptz
   and s.id <> all($2::bigint[])
 order by s.turno_vence, s.id
 limit 1
   for update skip locked
