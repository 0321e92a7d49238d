#!/usr/bin/env bash
# bench/adjudicacion.sh - a national remunerated adjudication through the real
# server: 13,476 APTO inscriptions built from shared/data/notas-2024 (six
# professions, PPP drawn at random, NA grades as 0) in the seeded 2026-I
# convocatoria with its real remunerated offer; per profession: the score
# policy, the sorteo (freeze + reveal over HTTP), the merit order (the GET
# preview per profession as the baseline, then ORDEN_MERITO published in one
# version: what the sessions take their turns from), a LISTAS session with random preference lists of 20-100 plazas (bulk SQL),
# and `iniciar` (the batch). Then every published log is replayed by
# tests/verify/verificar.py against the published merit order. Also runs the
# pure domain figures (build/bench-adjudicacion-dominio) for the baseline.
# Targets: batch < 10 s in total; merit order (published) and sorteo of 13,476
# < 1 s each. SERUMS_BENCH_HASTA=orden stops after publishing the merit order;
# SERUMS_BENCH_PERFIL=1 profiles that publication (EXPLAIN ANALYZE, perf).
# Starts its own stack under var/bench-adjudicacion/.
set -uo pipefail
source "$(dirname "$0")/stack.sh"
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000
bench_stack adjudicacion 39280 39633 39725
ms() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) * 1000))" "$1"; }

say "pure domain baseline"
"$B/bench-adjudicacion-dominio" "$SERUMS_DATA_DIR"

token=$(curl -fsS "$URL/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@serums.test","password":"serums-dev-2026","client":"mobile"}' | json_field access_token)
[ -n "$token" ] || die "admin login failed"
AUTH=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
conv=$(psql_q -c "select id from convocatorias where codigo = '2026-I'")
PROFS="MEDICINA ENFERMERIA OBSTETRICIA ODONTOLOGIA NUTRICION QUIMICO_FARMACEUTICO"
POL='{"componentes":[{"fuente":"EVALUACION_SERUMS","peso":"0.70"},{"fuente":"PPP","peso":"0.30"}],"eleccion_nota":"NINGUNA","bonos":[{"condicion":"DISCAPACIDAD","factor":"1.15"}],"desempate":["NOTA_EVALUACION_SERUMS desc","NOTA_PPP desc"],"escala":6}'
for p in $PROFS; do
  curl -fsS -o /dev/null -X PUT "$URL/v1/convocatorias/$conv/politicas/$p" "${AUTH[@]}" -d "$POL" || die "policy $p"
done

say "13,476 aptos from notas-2024"
psql_q <<SQL
-- the demo seed's few aptos of 2026-I are set aside: exactly the 13,476 take part
update inscripciones set estado = 'NO_APTO' where convocatoria_id = $conv and estado = 'APTO';
create temp table notas (carrera text, n int, region text, nota text);
\copy notas from program 'tail -q -n +2 $SERUMS_DATA_DIR/notas-2024/*.csv' with (format csv)
create temp table aptos as
  select row_number() over () as k, upper(replace(carrera, '-', '_')) as profesion,
         case when nota = 'NA' then 0 else nota::numeric end as eval,
         round((11 + random() * 6)::numeric, 2) as ppp
    from notas;
with u as (
  insert into usuarios (email, password_hash, rol, nombres, apellido_paterno, apellido_materno, numero_documento)
  select 'bench' || k || '@aptos.test', 'x', 'postulante', 'Nombre' || k, 'Paterno', 'Materno', lpad(k::text, 8, '0')
    from aptos order by k returning id, email)
insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, creado_at, actualizado_at)
select $conv, u.id, 'APTO', json_build_object('profesion', a.profesion, 'nota_evaluacion_serums', a.eval, 'nota_ppp', a.ppp),
       json_build_object('modalidad', 'REMUNERADA'), now(), now()
  from u join aptos a on u.email = 'bench' || a.k || '@aptos.test';
-- the bench needs DESEMPATE_SORTEO and ADJUDICACION_REMUNERADA in force now
update convocatoria_fases set inicia = now() - interval '1 hour', termina = now() + interval '1 day'
 where convocatoria_id = $conv and fase in ('DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA');
SQL
echo "aptos: $(psql_q -c "select count(*) from inscripciones where convocatoria_id = $conv and estado = 'APTO'")"

say "sorteos (freeze + reveal) and merit orders over HTTP"
S=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
C=$(printf %s $S | xxd -r -p | openssl dgst -sha256 | sed 's/.*= //')
mkdir -p "$SERUMS_VAR/verifica"
t_sorteo=0; t_orden=0
for p in $PROFS; do
  out=$(curl -sS -o "$SERUMS_VAR/s.json" -w '%{time_total}' "$URL/v1/convocatorias/$conv/sorteos" "${AUTH[@]}" \
    -d "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"$p\",\"compromiso\":\"$C\",\"beacon\":{\"fuente\":\"DRAND_QUICKNET\",\"ronda\":\"1\"}}")
  sid=$(json_field id < "$SERUMS_VAR/s.json")
  out2=$(curl -sS -o "$SERUMS_VAR/verifica/sorteo-$p.json" -w '%{time_total}' "$URL/v1/sorteos/$sid/revelacion" "${AUTH[@]}" \
    -d "{\"beacon_valor\":\"9f1e2d\",\"secreto\":\"$S\"}")
  out3=$(curl -sS -o "$SERUMS_VAR/orden-$p.json" -w '%{http_code} %{time_total}' \
    "$URL/v1/convocatorias/$conv/orden-merito?modalidad=REMUNERADA&profesion=$p" -H "Authorization: Bearer $token")
  t_sorteo=$(python3 -c "print($t_sorteo + $out + $out2)"); t_orden=$(python3 -c "print($t_orden + ${out3#* })")
  printf '  %-22s sorteo freeze %s ms + reveal %s ms, merit order HTTP %s in %s ms\n' "$p" "$(ms "$out")" "$(ms "$out2")" "${out3% *}" "$(ms "${out3#* }")"
done
printf 'sorteo of 13,476 (6 professions, HTTP, freeze + reveal): %s ms; merit order previews (6 GETs, baseline): %s ms\n' "$(ms "$t_sorteo")" "$(ms "$t_orden")"

say "publishing ORDEN_MERITO (every profession, one version; sessions take their turns from it)"
t_pub=$(curl -sS -o "$SERUMS_VAR/pub.json" -w '%{time_total}' "$URL/v1/convocatorias/$conv/publicaciones" "${AUTH[@]}" \
  -d '{"tipo":"ORDEN_MERITO"}')
v=$(json_field version < "$SERUMS_VAR/pub.json")
[ -n "$v" ] || { cat "$SERUMS_VAR/pub.json"; die "ORDEN_MERITO"; }
curl -fsS -o "$SERUMS_VAR/verifica/orden-merito.json" "$URL/publicaciones/$conv/ORDEN_MERITO/v$v.json"
printf 'merit order of %s rows published (HTTP, compute + render + store + files): %s ms, %s bytes of JSON (target < 1000 ms)\n' \
  "$(json_field filas < "$SERUMS_VAR/pub.json")" "$(ms "$t_pub")" "$(wc -c < "$SERUMS_VAR/verifica/orden-merito.json")"
if [ -n "${SERUMS_BENCH_PERFIL:-}" ]; then   # profile of the publication: the aptos query's plan, perf of the workers
  sql=$(sed -n '/^-- name: orden_aptos$/,/^-- name:/p' sql/adjudicacion.sql | grep -v '^--')
  sid=$(psql_q -c "select id from sorteos where convocatoria_id = $conv and profesion_codigo = 'MEDICINA'")
  psql_q <<SQL | grep -E 'Execution Time|Planning Time|Sort|Hash Join|Seq Scan|Index' | head -20
prepare q(bigint, text, text, bigint) as $sql;
explain (analyze, buffers) execute q($conv, 'MEDICINA', 'REMUNERADA', $sid);
SQL
  perf record -q -g -o "$SERUMS_VAR/perf.data" -p "$(pgrep -d, -f "$B/serumsd")" -- sleep 8 >/dev/null 2>&1 &
  perfpid=$!
  sleep 1
  t2=$(curl -sS -o /dev/null -w '%{time_total}' "$URL/v1/convocatorias/$conv/publicaciones" "${AUTH[@]}" -d '{"tipo":"ORDEN_MERITO"}')
  printf 'second publication (under perf): %s ms\n' "$(ms "$t2")"
  wait "$perfpid"
  perf report -i "$SERUMS_VAR/perf.data" --stdio --no-children -g none --sort dso 2>/dev/null | grep -E '^ +[0-9]' | head -6
  # the stored bytes' compression (pglz by default, lz4 when the migration sets it): A/B, interleaved
  pub() { ms "$(curl -sS -o /dev/null -w '%{time_total}' "$URL/v1/convocatorias/$conv/publicaciones" "${AUTH[@]}" -d '{"tipo":"ORDEN_MERITO"}')"; }
  for k in 1 2; do
    psql_q -c "alter table publicaciones alter column csv set compression pglz, alter column json set compression pglz"
    a=$(pub)
    psql_q -c "alter table publicaciones alter column csv set compression lz4, alter column json set compression lz4"
    b=$(pub)
    printf 'publication with pglz: %s ms, with lz4: %s ms\n' "$a" "$b"
  done
  psql_q -c "select tipo, version, pg_column_compression(json) as c, pg_column_size(json) as stored, octet_length(json) as bytes
               from publicaciones where tipo = 'ORDEN_MERITO' order by version"
fi
[ "${SERUMS_BENCH_HASTA:-}" = orden ] && exit 0

say "batch sessions with random preference lists of 20-100 plazas"
t_batch=0
# SERUMS_BENCH_SOLO_VIVO=1: no batch, the live step gets every apto
[ -n "${SERUMS_BENCH_SOLO_VIVO:-}" ] && BATCH_PROFS= || BATCH_PROFS=$PROFS
for p in $BATCH_PROFS; do
  curl -sS -o "$SERUMS_VAR/ses.json" "$URL/v1/convocatorias/$conv/adjudicaciones" "${AUTH[@]}" \
    -d "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"$p\",\"fase\":\"UNICA\",\"modo\":\"LISTAS\"}"
  ses=$(json_field id < "$SERUMS_VAR/ses.json")
  [ -n "$ses" ] || { cat "$SERUMS_VAR/ses.json"; die "session $p"; }
  psql_q <<SQL
with pl as (select array_agg(distinct plaza_id) as a from adjudicacion_unidades where sesion_id = $ses),
     t as (select inscripcion_id, 20 + (random() * 80)::int as k from adjudicacion_turnos where sesion_id = $ses),
     c as (select t.inscripcion_id, pl.a[1 + (random() * (cardinality(pl.a) - 1))::int] as plaza, g
             from t, pl, generate_series(1, t.k) g),
     d as (select distinct on (inscripcion_id, plaza) inscripcion_id, plaza, g from c order by inscripcion_id, plaza, g)
insert into adjudicacion_preferencias (sesion_id, inscripcion_id, orden, plaza_id)
select $ses, inscripcion_id, row_number() over (partition by inscripcion_id order by g), plaza from d;
SQL
  out=$(curl -sS -o "$SERUMS_VAR/ini.json" -w '%{http_code} %{time_total}' -X POST "$URL/v1/adjudicaciones/$ses/iniciar" -H "Authorization: Bearer $token")
  t_batch=$(python3 -c "print($t_batch + ${out#* })")
  n=$(psql_q -c "select count(*) from adjudicaciones where sesion_id = $ses")
  printf '  %-22s session %s: HTTP %s in %s ms, %s adjudicados, %s events\n' "$p" "$ses" "${out% *}" "$(ms "${out#* }")" "$n" \
    "$(json_field eventos < "$SERUMS_VAR/ini.json")"
  curl -fsS -o "$SERUMS_VAR/verifica/sesion-$p.json" "$URL/v1/adjudicaciones/$ses/eventos"
done
printf 'national batch adjudication (6 professions): %s ms (target < 10000 ms)\n' "$(ms "$t_batch")"

say "live mode: operators pick in parallel VIVO sessions (one per profession with aptos left) while watchers poll estado.json"
# the batch sessions are closed; their adjudicados leave the rest for a REOFERTA-free second round:
# new VIVO sessions over what is left would be empty, so annul nothing and use a fresh convocatoria copy
conv2=$(psql_q <<SQL
insert into convocatorias (codigo, anio, periodo, tipo) values ('2026-II-VIVO', 2026, 'II', 'ORDINARIO') returning id;
SQL
)
psql_q <<SQL
insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
  values ($conv2, 'DESEMPATE_SORTEO', now() - interval '2 hours', now() - interval '1 hour'),
         ($conv2, 'ADJUDICACION_REMUNERADA', now() - interval '1 hour', now() + interval '1 day'),
         ($conv2, 'SERVICIO', now() + interval '2 days', now() + interval '367 days');
insert into politicas_puntaje select $conv2, profesion_codigo, modo_adjudicacion, politica, now()
  from politicas_puntaje where convocatoria_id = $conv;
insert into sorteos (convocatoria_id, modalidad, profesion_codigo, estado, pool, pool_n, h_pool, compromiso, beacon_fuente,
                     beacon_ronda, beacon_valor, secreto, seed_input, seed, congelado_at, sorteado_at)
  select $conv2, modalidad, profesion_codigo, estado, pool, pool_n, h_pool, compromiso, beacon_fuente, beacon_ronda,
         beacon_valor, secreto, seed_input, seed, congelado_at, sorteado_at from sorteos where convocatoria_id = $conv;
update inscripciones set convocatoria_id = $conv2
  where convocatoria_id = $conv and estado = 'APTO' and id not in (select inscripcion_id from adjudicaciones);
insert into sorteo_claves select s2.id, k.inscripcion_id, k.clave, k.posicion
  from sorteo_claves k join sorteos s1 on s1.id = k.sorteo_id
  join sorteos s2 on s2.convocatoria_id = $conv2 and s2.profesion_codigo = s1.profesion_codigo
  where s1.convocatoria_id = $conv;
insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                    establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea)
  select $conv2, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress, establecimiento_nombre,
         establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea
    from plazas where convocatoria_id = $conv and modalidad = 'REMUNERADA';
SQL
curl -fsS -o /dev/null "$URL/v1/convocatorias/$conv2/publicaciones" "${AUTH[@]}" -d '{"tipo":"ORDEN_MERITO"}' \
  || die "ORDEN_MERITO of the live copy"
sesiones=()
for p in $PROFS; do
  # a profession whose aptos were all adjudicated in the batch has nobody left to call
  quedan=$(psql_q -c "select count(*) from inscripciones where convocatoria_id = $conv2 and estado = 'APTO'
                        and datos_profesionales ->> 'profesion' = '$p'")
  [ "$quedan" -gt 0 ] || { echo "  $p: no apto left after the batch, no live session"; continue; }
  curl -sS -o "$SERUMS_VAR/ses.json" "$URL/v1/convocatorias/$conv2/adjudicaciones" "${AUTH[@]}" \
    -d "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"$p\",\"fase\":\"UNICA\",\"modo\":\"VIVO\",\"segundos_turno\":3600}"
  ses=$(json_field id < "$SERUMS_VAR/ses.json")
  [ -n "$ses" ] || { cat "$SERUMS_VAR/ses.json"; die "live session $p"; }
  curl -fsS -o /dev/null -X POST "$URL/v1/adjudicaciones/$ses/iniciar" -H "Authorization: Bearer $token"
  sesiones+=("$ses")
done
LIVE=${SERUMS_BENCH_LIVE_SECONDS:-20}
if command -v wrk >/dev/null; then
  # SERUMS_BENCH_WATCHERS watchers (default 1,000), each polling once a second (bench/observadores.lua)
  wrk -t2 -c${SERUMS_BENCH_WATCHERS:-1000} -d"$((LIVE + 2))s" --timeout 5s -s bench/observadores.lua \
    "$URL/v1/adjudicaciones/${sesiones[0]}/estado.json" > "$SERUMS_VAR/wrk.txt" 2>&1 &
  wrkpid=$!
fi
python3 bench/adjudicacion_vivo.py 127.0.0.1 "$SERUMS_HTTP_PORT" "$token" "$LIVE" "${sesiones[@]}"
if [ -n "${wrkpid:-}" ]; then
  wait "$wrkpid"
  printf 'watchers (wrk, %s connections, each polling estado.json once a second): %s requests/s, %s\n' \
    "${SERUMS_BENCH_WATCHERS:-1000}" "$(awk '/Requests\/sec/ {print $2}' "$SERUMS_VAR/wrk.txt")" \
    "$(grep -E 'Latency' "$SERUMS_VAR/wrk.txt" | head -1 | tr -s ' ')"
fi

say "replay of every published log by the independent verifier"
t0=$(date +%s.%N)
python3 tests/verify/verificar.py "$SERUMS_VAR/verifica" > "$SERUMS_VAR/verifica.log"; rc=$?
t1=$(date +%s.%N)
grep -c '^ok ' "$SERUMS_VAR/verifica.log" | sed 's/^/  checks ok: /'
tail -1 "$SERUMS_VAR/verifica.log"
printf 'verifier (python3, sorteos + orders + logs): %s ms, exit %s\n' "$(ms "$(python3 -c "print($t1 - $t0)")")" "$rc"
