-- adjudicacion_fases.sql - the equivalente fases of adjudication sessions
-- (api/adjudicacion_fases.c): order of fases, who takes part, the fase data
-- each turn keeps, the per-session eligibility data.

-- name: fases_bloqueo
-- For a new session of convocatoria $1, modalidad $2, profesión $3: whether the
-- previous fase $4 (NULL: none) has a CERRADA session, and which later fases
-- ($5) already have a session.
select ($4::text is null or exists (select 1 from adjudicacion_sesiones s
            where s.convocatoria_id = $1::bigint and s.modalidad = $2 and s.profesion_codigo = $3
              and s.fase = $4 and s.estado = 'CERRADA')) as anterior_cerrada,
       (select string_agg(distinct s.fase, ', ') from adjudicacion_sesiones s
         where s.convocatoria_id = $1::bigint and s.modalidad = $2 and s.profesion_codigo = $3
           and s.fase = any($5::text[])) as posteriores

-- name: fases_postulantes
-- The fase data of inscriptions $1 (in that order): the employer institution of
-- a state worker claiming categoria CAUTIVA, the vínculo laboral of the latest
-- review that judged it, and whether the same person holds a vigente
-- remunerated adjudicación.
select x.id,
       case when i.datos_postulacion ->> 'categoria' = 'CAUTIVA'
                 and coalesce((i.datos_postulacion ->> 'trabajador_estado')::boolean, false)
            then institucion_de_entidad(i.datos_postulacion ->> 'entidad') end as institucion,
       coalesce((select r.requisitos @> '[{"requisito": "VINCULO_LABORAL", "estado": "CONFORME"}]'
                   from revisiones r
                  where r.inscripcion_id = i.id and r.requisitos @> '[{"requisito": "VINCULO_LABORAL"}]'
                  order by r.id desc limit 1), false) as vinculo,
       exists (select 1 from inscripciones j
                 join adjudicaciones a on a.inscripcion_id = j.id and a.estado = 'VIGENTE'
                 join plazas p on p.id = a.plaza_id and p.modalidad = 'REMUNERADA'
                where j.usuario_id = i.usuario_id) as remunerada
  from unnest($1::bigint[]) with ordinality as x(id, o)
  join inscripciones i on i.id = x.id
 order by x.o

-- name: fases_turnos_marcar
-- Keeps on the turns of session $1 the fase data they were admitted with.
update adjudicacion_turnos t set institucion = x.inst, vinculo = x.v
  from unnest($2::bigint[], $3::text[], $4::boolean[]) as x(i, inst, v)
 where t.sesion_id = $1::bigint and t.inscripcion_id = x.i

-- name: fases_sesion_datos
-- Session $1's fase data for the allocation: per turn in order, institution
-- ('' none) and vínculo (1/0); per plaza of its units in id order,
-- id:institution:cautiva(1/0). Codes are A-Z and _ only.
select (select count(*) from adjudicacion_turnos where sesion_id = $1::bigint) as n,
       (select string_agg(coalesce(institucion, ''), ',' order by posicion)
          from adjudicacion_turnos where sesion_id = $1::bigint) as instituciones,
       (select string_agg(case when vinculo then '1' else '0' end, ',' order by posicion)
          from adjudicacion_turnos where sesion_id = $1::bigint) as vinculos,
       (select count(*) from plazas p
         where p.id in (select plaza_id from adjudicacion_unidades where sesion_id = $1::bigint)) as nplazas,
       (select string_agg(p.id || ':' || p.institucion_codigo || ':' || case when p.cautiva then '1' else '0' end,
                          ',' order by p.id)
          from plazas p where p.id in (select plaza_id from adjudicacion_unidades where sesion_id = $1::bigint)) as plazas
