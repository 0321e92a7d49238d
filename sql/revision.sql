-- sql/revision.sql - the reviewers' list, the review of one inscription,
-- the review history, and the closing of OBSERVADO inscriptions that did not
-- subsanar (design/revision-publicacion.md). Reads build their JSON here.

-- name: revision_lista
-- One page of the reviewers' list with its total and the counts by estado, in
-- one query whatever the page size. $1 convocatoria, $2 the caller's DIRESA
-- scope (NULL: admin, everything; a DIRESA never sees casos especiales, which
-- the national team reviews), $3 estado, $4 profesion, $5 modalidad,
-- $6 diresa, $7 q (names or document number), $8 cursor (last id seen), $9 limit.
-- existe: whether the convocatoria exists (404 otherwise).
with f as (
    -- only indexed columns: an index-only scan of inscripciones_revision
    select i.id, i.estado, i.usuario_id
    from inscripciones i
    where i.convocatoria_id = $1::bigint and i.estado <> 'BORRADOR'
      -- scope and diresa filter as one indexable range (see diresa_clave, migration 0400)
      and i.diresa_clave between coalesce($2::text, $6::text, '') and coalesce($2::text, $6::text, '~')
      and ($2::text is null or $6::text is null or $2::text = $6::text)
      and ($2::text is null or not i.caso_especial)
      and ($4::text is null or i.profesion_codigo = $4)
      and ($5::text is null or i.modalidad = $5)
      and ($7::text is null or exists (
            select 1 from usuarios u where u.id = i.usuario_id
               and (u.numero_documento = $7
                    or upper(concat_ws(' ', u.apellido_paterno, u.apellido_materno, u.nombres)) like '%' || upper($7) || '%')))
), sel as (
    select * from f where $3::text is null or estado = $3
), pagina as (
    select * from sel where id > coalesce($8::bigint, 0) order by id limit $9::int + 1
), items as (
    select p.id, json_build_object(
        'id', p.id, 'estado', p.estado,
        'postulante', json_build_object('tipo_documento', u.tipo_documento, 'numero_documento', u.numero_documento,
            'apellidos_nombres', concat_ws(' ', u.apellido_paterno, u.apellido_materno) || ', ' || u.nombres),
        'profesion', p.profesion_codigo, 'modalidad', p.modalidad, 'diresa', p.diresa_codigo,
        'finalizado_at', p.finalizado_at, 'revisado_at', p.revisado_at,
        'validaciones', coalesce((select json_object_agg(v.fuente, v.resultado order by v.fuente)
                                  from validaciones v where v.inscripcion_id = p.id), '{}'::json)) as item
    from (select i.* from (select id from pagina order by id limit $9::int) pg join inscripciones i on i.id = pg.id) p
    join usuarios u on u.id = p.usuario_id
)
select exists (select 1 from convocatorias c where c.id = $1::bigint) as existe, json_build_object(
    'items', coalesce((select json_agg(item order by id) from items), '[]'::json),
    'next_cursor', case when (select count(*) from pagina) > $9::int then (select max(id) from items)::text end,
    'total', (select count(*) from sel),
    'resumen', (select json_build_object(
        'INSCRITO', count(*) filter (where estado = 'INSCRITO'),
        'APTO', count(*) filter (where estado = 'APTO'),
        'OBSERVADO', count(*) filter (where estado = 'OBSERVADO'),
        'SUBSANADO', count(*) filter (where estado = 'SUBSANADO'),
        'NO_APTO', count(*) filter (where estado = 'NO_APTO'),
        'ADJUDICADO', count(*) filter (where estado = 'ADJUDICADO'),
        'ANULADO', count(*) filter (where estado = 'ANULADO')) from f)
) as pagina;

-- name: revision_lista_csv
-- The same list, every row, for the reviewer's office (parameters $1..$7 as above).
select i.id, i.estado, u.tipo_documento, u.numero_documento,
       concat_ws(' ', u.apellido_paterno, u.apellido_materno) || ', ' || u.nombres as apellidos_nombres,
       i.profesion_codigo as profesion, i.modalidad, i.diresa_codigo as diresa,
       to_char(i.finalizado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as finalizado_at,
       to_char(i.revisado_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as revisado_at
from inscripciones i join usuarios u on u.id = i.usuario_id
where i.convocatoria_id = $1::bigint and i.estado <> 'BORRADOR'
  and i.diresa_clave between coalesce($2::text, $6::text, '') and coalesce($2::text, $6::text, '~')
  and ($2::text is null or $6::text is null or $2::text = $6::text)
  and ($2::text is null or not i.caso_especial)
  and ($3::text is null or i.estado = $3)
  and ($4::text is null or i.profesion_codigo = $4)
  and ($5::text is null or i.modalidad = $5)
  and ($7::text is null or u.numero_documento = $7
       or upper(concat_ws(' ', u.apellido_paterno, u.apellido_materno, u.nombres)) like '%' || upper($7) || '%')
order by i.id;

-- name: revision_contexto
-- What a review of inscription $1 needs: who may see it, its state and
-- versions, whether the cronograma has SUBSANACION, the Comité's first
-- evaluation, and the requisitos with an open external discrepancy.
select i.id, i.convocatoria_id, i.estado, i.version, i.datos_version, i.diresa_codigo, i.caso_especial,
       i.datos_version >= 2 as subsanada,
       exists (select 1 from convocatoria_fases f where f.convocatoria_id = i.convocatoria_id
               and f.fase = 'SUBSANACION') as hay_subsanacion,
       exists (select 1 from revisiones r where r.inscripcion_id = i.id and r.instancia = 'COMITE_1') as comite_1_hecho,
       exists (select 1 from revisiones r where r.inscripcion_id = i.id) as revisada,
       coalesce((select string_agg(case v.fuente when 'COLEGIATURA' then 'COLEGIATURA' when 'ENAM' then 'NOTA_ENAM'
                                       when 'PPP' then 'NOTA_PPP' else 'NOTA_EVALUACION_SERUMS' end, ',')
                 from validaciones v where v.inscripcion_id = i.id and v.resultado = 'DISCREPANCIA'), '') as discrepancias
from inscripciones i
where i.id = $1::bigint;

-- name: revision_registrar
-- Records a review of inscription $1 read at row version $2 (NULL only for
-- its first review) and sets estado $3 (NULL: COMITE_1 only records), in one
-- statement: a stale version (a concurrent review) updates and inserts
-- nothing, and the caller answers 409. $4 instancia, $5 resultado,
-- $6 observacion, $7 requisitos (JSON), $8 observados (text[]), $9 reviewer, $10 now.
with antes as (
    select id, estado, version from inscripciones where id = $1::bigint
), u as (
    update inscripciones i set estado = coalesce($3::text, i.estado), revisado_at = $10::timestamptz,
                               actualizado_at = $10::timestamptz
    from antes a
    where i.id = a.id and i.estado <> 'BORRADOR'
      and (i.version = $2::int or ($2::int is null and not exists (select 1 from revisiones r where r.inscripcion_id = i.id)))
    returning i.id, i.datos_version, i.estado, i.version, a.version as version_leida, a.estado as estado_anterior
), r as (
    insert into revisiones (inscripcion_id, instancia, resultado, observacion, requisitos, observados, revisor_id,
                            revisado_at, inscripcion_version, datos_version, sha256_datos, documentos,
                            estado_anterior, estado_nuevo)
    select u.id, $4, $5, $6, $7::jsonb, $8::text[], $9::bigint, $10::timestamptz, u.version_leida, u.datos_version,
           v.sha256_datos, inscripcion_documentos_hashes(u.id), u.estado_anterior, u.estado
    from u join inscripcion_versiones v on v.inscripcion_id = u.id and v.version = u.datos_version
    returning id, estado_anterior, estado_nuevo
)
select r.id as revision_id, r.estado_anterior, r.estado_nuevo, u.version from r, u;

-- name: revision_historial
-- The reviews of inscription $1 as a JSON array; $2 = true adds what only
-- reviewers see (the reviewer, the checklist comments, the document hashes).
select coalesce(json_agg(json_build_object(
           'id', r.id, 'instancia', r.instancia, 'resultado', r.resultado, 'observacion', r.observacion,
           'requisitos_observados', r.observados, 'revisado_at', r.revisado_at, 'datos_version', r.datos_version)::jsonb
         || case when $2::boolean then jsonb_build_object(
           'revisor', jsonb_build_object('id', us.id, 'email', us.email, 'diresa', us.diresa_codigo),
           'requisitos', r.requisitos, 'inscripcion_version', r.inscripcion_version,
           'sha256_datos', r.sha256_datos, 'documentos', r.documentos) else '{}'::jsonb end
         order by r.id), '[]'::json) as revisiones
from revisiones r join usuarios us on us.id = r.revisor_id
where r.inscripcion_id = $1::bigint;

-- name: revision_observados
-- The requisitos observed by the latest OBSERVADO review of inscription $1
-- (what SUBSANACION may change), comma-separated.
select array_to_string(r.observados, ',') as observados
from revisiones r
where r.inscripcion_id = $1::bigint and r.resultado = 'OBSERVADO'
order by r.id desc
limit 1;

-- name: revision_versiones
-- Every snapshot of inscription $1: version, SHA-256, verification code,
-- documents, time.
select coalesce(json_agg(json_build_object('version', version, 'sha256_datos', sha256_datos,
                                           'codigo_verificacion', codigo_verificacion, 'documentos', documentos,
                                           'creado_at', creado_at) order by version), '[]'::json) as versiones
from inscripcion_versiones
where inscripcion_id = $1::bigint;

-- name: revision_cierre_no_subsanados
-- OBSERVADO at the end of SUBSANACION becomes NO_APTO (motivo: no subsanó),
-- recorded as a review by $2 at $3 (the admin whose final publication closes
-- it). Returns the inscriptions changed, for the audit log.
with u as (
    update inscripciones set estado = 'NO_APTO', revisado_at = $3::timestamptz, actualizado_at = $3::timestamptz
    where convocatoria_id = $1::bigint and estado = 'OBSERVADO'
    returning id, datos_version, version - 1 as version_leida
), r as (
    insert into revisiones (inscripcion_id, instancia, resultado, observacion, requisitos, observados, revisor_id,
                            revisado_at, inscripcion_version, datos_version, sha256_datos, documentos,
                            estado_anterior, estado_nuevo)
    select u.id, 'REVISION', 'NO_APTO', 'No subsanó dentro del plazo de subsanación.', '[]', '{}', $2::bigint,
           $3::timestamptz, u.version_leida, u.datos_version, v.sha256_datos, inscripcion_documentos_hashes(u.id),
           'OBSERVADO', 'NO_APTO'
    from u join inscripcion_versiones v on v.inscripcion_id = u.id and v.version = u.datos_version
    returning inscripcion_id
)
select coalesce(json_agg(inscripcion_id order by inscripcion_id), '[]'::json) as inscripciones from r;

-- name: revision_version
-- The row version of inscription $1 (GET's ETag), while inscripcion_vista
-- (migration 0800) does not carry it.
select version from inscripciones where id = $1::bigint;
