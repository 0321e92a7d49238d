#!/usr/bin/env bash
# scripts/demo-adjudicacion.sh - development only: gives the running stack a
# convocatoria 2026-II-DEMO with a finished sorteo (BIOLOGIA) and an open live
# adjudication session (MEDICINA) a newcomer can watch and take part in. The
# APTO inscriptions and their offer rows are written with psql (the review
# that makes people APTO is another module); everything else goes through the
# API like any client: policies, sorteo freeze and reveal, the published merit
# order (ORDEN_MERITO), session, start.
# Idempotent: does nothing when 2026-II-DEMO exists. run.sh calls it.
# Env: as set by lib.sh's stack_env (SERUMS_HTTP_PORT, SERUMS_DATABASE_URL).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
stack_env
URL="http://127.0.0.1:$SERUMS_HTTP_PORT"
PSQL=("$PG_BIN/psql" "$SERUMS_DATABASE_URL" -v ON_ERROR_STOP=1 -qAt)
json_field() { sed -nE "s/.*\"$1\" *: *\"?([^\",}]*)\"?.*/\1/p" | head -1; }
[ "$("${PSQL[@]}" -c "select count(*) from convocatorias where codigo = '2026-II-DEMO'")" = 0 ] || exit 0

conv=$("${PSQL[@]}" <<'SQL'
insert into convocatorias (codigo, anio, periodo, tipo) values ('2026-II-DEMO', 2026, 'II', 'ORDINARIO') returning id;
SQL
)
"${PSQL[@]}" <<SQL >/dev/null
insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values
  ($conv, 'DESEMPATE_SORTEO', now() - interval '1 hour', now() + interval '1 hour'),
  ($conv, 'ADJUDICACION_REMUNERADA', now() + interval '1 hour', now() + interval '30 days'),
  ($conv, 'SERVICIO', now() + interval '31 days', now() + interval '396 days');
with u as (
  insert into usuarios (email, password_hash, rol, nombres, apellido_paterno, apellido_materno, numero_documento)
  select 'demo.apto' || g || '@serums.test', (select password_hash from usuarios where email = 'admin@serums.test'),
         'postulante', 'Demo ' || g, 'Apto', 'Serums', lpad((40000000 + g)::text, 8, '0')
    from generate_series(1, 14) g
  on conflict (email) do update set email = excluded.email returning id, email)
insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, creado_at, actualizado_at)
select $conv, u.id, 'APTO',
       json_build_object('profesion', case when g <= 10 then 'MEDICINA' else 'BIOLOGIA' end,
                         'nota_evaluacion_serums', 11 + g * 0.35, 'nota_ppp', 13 + (g % 3)),
       json_build_object('modalidad', 'REMUNERADA'), now(), now()
  from u, generate_series(1, 14) g where u.email = 'demo.apto' || g || '@serums.test';
insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                    establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea)
select $conv, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress, establecimiento_nombre,
       establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea
  from (select p.*, row_number() over (partition by p.profesion_codigo order by p.id) as k
          from plazas p join convocatorias c on c.id = p.convocatoria_id
         where c.codigo = '2026-I' and p.modalidad = 'REMUNERADA' and p.profesion_codigo in ('MEDICINA', 'BIOLOGIA')) x
 where k <= 6;
SQL

token=$(curl -fsS "$URL/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@serums.test","password":"serums-dev-2026","client":"mobile"}' | json_field access_token)
[ -n "$token" ] || die "demo: admin login failed"
AUTH=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
POL='{"componentes":[{"fuente":"EVALUACION_SERUMS","peso":"0.70"},{"fuente":"PPP","peso":"0.30"}],"eleccion_nota":"NINGUNA","bonos":[{"condicion":"DISCAPACIDAD","factor":"1.15"}],"desempate":["NOTA_EVALUACION_SERUMS desc","NOTA_PPP desc"],"escala":6}'
# policies are set before DESEMPATE_SORTEO begins: open that window a moment later
"${PSQL[@]}" -c "update convocatoria_fases set inicia = now() + interval '1 minute' where convocatoria_id = $conv and fase = 'DESEMPATE_SORTEO'"
for p in MEDICINA BIOLOGIA; do
  curl -fsS -o /dev/null -X PUT "$URL/v1/convocatorias/$conv/politicas/$p" "${AUTH[@]}" -d "$POL" || die "demo: policy $p"
done
"${PSQL[@]}" -c "update convocatoria_fases set inicia = now() - interval '1 hour' where convocatoria_id = $conv and fase = 'DESEMPATE_SORTEO'"
S=$(openssl rand -hex 32)
C=$(printf %s "$S" | xxd -r -p | openssl dgst -sha256 | sed 's/.*= //')
sid=$(curl -fsS "$URL/v1/convocatorias/$conv/sorteos" "${AUTH[@]}" \
  -d "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"BIOLOGIA\",\"compromiso\":\"$C\",\"beacon\":{\"fuente\":\"DADOS\",\"ronda\":\"demo\"}}" | json_field id)
curl -fsS -o /dev/null "$URL/v1/sorteos/$sid/revelacion" "${AUTH[@]}" \
  -d "{\"beacon_valor\":\"$(openssl rand -hex 16)\",\"secreto\":\"$S\"}" || die "demo: sorteo"
# the merit order is published; sessions take their turns from it
curl -fsS -o /dev/null "$URL/v1/convocatorias/$conv/publicaciones" "${AUTH[@]}" -d '{"tipo":"ORDEN_MERITO"}' \
  || die "demo: ORDEN_MERITO"
# adjudication now: the session, started
"${PSQL[@]}" -c "update convocatoria_fases set termina = now() - interval '1 second' where convocatoria_id = $conv and fase = 'DESEMPATE_SORTEO';
                 update convocatoria_fases set inicia = now() - interval '1 second' where convocatoria_id = $conv and fase = 'ADJUDICACION_REMUNERADA'"
ses=$(curl -fsS "$URL/v1/convocatorias/$conv/adjudicaciones" "${AUTH[@]}" \
  -d '{"modalidad":"REMUNERADA","profesion":"MEDICINA","fase":"UNICA","modo":"VIVO","segundos_turno":3600}' | json_field id)
curl -fsS -o /dev/null -X POST "$URL/v1/adjudicaciones/$ses/iniciar" -H "Authorization: Bearer $token" || die "demo: start"
cat <<MSG
  Demo adjudication (convocatoria 2026-II-DEMO):
    finished sorteo      $URL/v1/sorteos/$sid
    merit order          $URL/publicaciones/$conv/ORDEN_MERITO.json   (turns come from it)
    live session         $URL/v1/adjudicaciones/$ses   (static: .../estado.json)
    watch it             python3 -m http.server 5173 -d frontend-contract/observador
                         then http://localhost:5173/?sesion=$ses&api=http://localhost:$SERUMS_HTTP_PORT
    pick as the called   demo.apto1..10@serums.test (password serums-dev-2026)
MSG
