-- fase.sql - the one phase check (api/fase.c): the window of phase $2 of
-- convocatoria $1 judged at instant $3, shown in America/Lima.

-- name: fase_en_curso
select c.id,
       f.inicia <= $3::timestamptz and $3::timestamptz < f.termina as vigente,
       f.inicia <= $3::timestamptz as iniciada,
       to_char(f.inicia at time zone 'America/Lima', 'YYYY-MM-DD HH24:MI') as inicia_lima,
       to_char(f.termina at time zone 'America/Lima', 'YYYY-MM-DD HH24:MI') as termina_lima
  from convocatorias c
  left join convocatoria_fases f on f.convocatoria_id = c.id and f.fase = $2
 where c.id = $1::bigint
