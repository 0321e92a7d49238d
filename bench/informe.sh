#!/usr/bin/env bash
# bench/informe.sh - the informe final: (1) a DIRESA's list of 2,000 informes
# (ENVIADO, 12 months and 6 actividades each) walked in 50-row pages at 64
# connections with wrk (bench/informe_lista.lua rotates the 40 pages by
# cursor), requests/s and p99 against the minimal FastCGI responder
# (build/fcgi-min behind the same nginx, same run); target >= 50 %.
# (2) the printed report of a twelve-month informe with 200 actividades
# (build/bench-informe-pdf); target < 200 ms. Own stack under
# var/bench-informe/ (durable PostgreSQL settings).
#   bench/informe.sh                          # 20 s per wrk run
#   SERUMS_BENCH_DURATION=3 bench/informe.sh  # smoke run
set -uo pipefail
source "$(dirname "$0")/stack.sh"
bench_need_wrk
DUR=${SERUMS_BENCH_DURATION:-20}
CONN=${SERUMS_BENCH_CONNECTIONS:-64}
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000
bench_stack informe 39280 39633 39725

say "2,000 adjudicated serumistas of CUSCO with sent informes (12 months, 6 actividades each)"
conv=$(psql_q <<'SQL'
with c as (insert into convocatorias (codigo, anio, periodo, tipo) values ('2024-II-BENCH', 2024, 'II', 'ORDINARIO')
           returning id),
     e as (insert into establecimientos (renipress, nombre) values ('99999997', 'C.S. BENCH') on conflict do nothing),
     i as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256)
           select id, 'REMUNERADA', 1, 2000, 0, 'bench' from c returning id, convocatoria_id)
insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                    establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea)
select convocatoria_id, 'REMUNERADA', 'ENFERMERIA', 'CUSCO', 'MINSA', '99999997', 'C.S. BENCH', 'CSBENCH', 2000, 3,
       false, false, id, 1 from i returning convocatoria_id;
SQL
)
conv=$(printf '%s\n' "$conv" | head -1)
psql_q -v conv="$conv" <<'SQL' || die "bench data failed"
insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, nombres, apellido_paterno, apellido_materno)
select 'bench.serumista.' || g || '@serums.test', 'x', 'postulante', 'DNI', lpad((60000000 + g)::text, 8, '0'),
       'Nombre ' || g, 'Paterno', 'Materno' from generate_series(1, 2000) g;
insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, creado_at, actualizado_at)
select :conv, u.id, 'ADJUDICADO', '{"profesion":"ENFERMERIA"}', '{"diresa":"CUSCO","modalidad":"REMUNERADA"}', now(), now()
  from usuarios u where u.email like 'bench.serumista.%';
insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at)
select i.id, p.id, row_number() over (order by i.id), '2025-05-01', '2026-05-01', now()
  from inscripciones i, plazas p where i.convocatoria_id = :conv and p.convocatoria_id = :conv;
insert into informes (adjudicacion_id, inscripcion_id, convocatoria_id, diresa_codigo, estado, creado_at, actualizado_at, enviado_at)
select a.id, a.inscripcion_id, :conv, 'CUSCO', 'ENVIADO', now(), now(), now()
  from adjudicaciones a join inscripciones i on i.id = a.inscripcion_id where i.convocatoria_id = :conv;
insert into informe_atenciones (informe_id, anio, mes, programadas, ejecutadas, actualizado_at)
select f.id, 2025 + (m + 3) / 12, (m + 3) % 12 + 1, 100, 90, now()
  from informes f, generate_series(1, 12) m where f.convocatoria_id = :conv;
insert into informe_actividades (informe_id, anio, mes, rubro, actividad, programadas, ejecutadas, actualizado_at)
select f.id, 2025, 5 + k % 6, (array['PREVENTIVO_PROMOCIONAL', 'ATENCION', 'CAPACITACION', 'GESTION'])[k % 4 + 1],
       'Actividad de prueba ' || k, 3, 2, now()
  from informes f, generate_series(1, 6) k where f.convocatoria_id = :conv;
analyze;
SQL
cursors=$(psql_q -c "select string_agg(id::text, ',' order by id) from (select id, row_number() over (order by id) n
                      from informes where convocatoria_id = $conv) x where n % 50 = 0 and n < 2000")
token=$(curl -fsS "$URL/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"diresa.cusco@serums.test","password":"serums-dev-2026","client":"mobile"}' | json_field access_token)
[ -n "$token" ] || die "DIRESA login failed"
first=$(curl -fsS "$URL/v1/convocatorias/$conv/informes?limit=50" -H "Authorization: Bearer $token")
printf '  first page: total %s, next_cursor %s, %s bytes\n' "$(printf '%s' "$first" | json_field total)" \
  "$(printf '%s' "$first" | json_field next_cursor)" "${#first}"

source "$SERUMS_ROOT/bench/wrk.sh"   # run_wrk

say "the DIRESA's list, 50-row pages by cursor, $CONN connections, ${DUR} s (after a 2 s warm-up)"
# steady state: each worker builds each page once (about 5 ms of database time), then answers it from
# its response cache until an informe of the convocatoria changes
wrk -t2 -c"$CONN" -d2s -s bench/informe_lista.lua "$URL" -- "$conv" "$token" "$cursors" >/dev/null 2>&1
run_wrk "informes list" "$URL" bench/informe_lista.lua "$conv" "$token" "$cursors"
LIST_RPS=$WRK_RPS LIST_P99=$WRK_P99

say "minimal FastCGI responder (build/fcgi-min) behind the same nginx, $CONN connections, ${DUR} s"
kill -TERM "$SERUMSD_PID" 2>/dev/null; wait "$SERUMSD_PID" 2>/dev/null
workers=${SERUMS_WORKERS:-$(( 2 * $(nproc) ))}
"$B/fcgi-min" "$SERUMS_SOCKET" "$workers" & MIN_PID=$!
sleep 0.5
run_wrk "fcgi-min" "$URL/healthz"
MIN_RPS=$WRK_RPS
pkill -TERM -P "$MIN_PID" 2>/dev/null; kill -TERM "$MIN_PID" 2>/dev/null; wait "$MIN_PID" 2>/dev/null
awk -v s="$LIST_RPS" -v m="$MIN_RPS" -v p="$LIST_P99" 'BEGIN {
  printf "informes list vs fcgi-min: %.0f%% of %s requests/s (target >= 50%%), p99 %s ms\n", 100 * s / m, m, p }'

say "printed report, 12 months + 200 actividades"
"$B/bench-informe-pdf" 200
