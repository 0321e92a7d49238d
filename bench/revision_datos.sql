-- bench/revision_datos.sql - 20,000 finalized inscriptions for bench/revision.sh:
-- one convocatoria (:conv), postulantes with DNIs 50000000.., spread over
-- every DIRESA, Obstetricia with the real 2024 grades as nota_ppp (table
-- notas, loaded by the script), all APTO, phase PUBLICACION_APTOS in force.
insert into usuarios (email, password_hash, rol, tipo_documento, numero_documento, nombres, apellido_paterno,
                      apellido_materno)
select 'bench' || g || '@prueba.pe', 'x', 'postulante', 'DNI', (50000000 + g)::text,
       (array['ROSA','JUAN','MARÍA','LUIS','ANA','JORGE','CARMEN','PEDRO'])[1 + g % 8],
       (array['QUISPE','MAMANI','HUAMÁN','FLORES','TORRES','CHÁVEZ','RAMOS','ROJAS','MENDOZA'])[1 + g % 9],
       (array['CONDORI','LÓPEZ','GARCÍA','SÁNCHEZ','DÍAZ','VARGAS','CASTILLO'])[1 + g % 7]
from generate_series(1, 20000) g;

with d as (select codigo, row_number() over (order by codigo) - 1 as k, count(*) over () as n from diresas),
     n as (select nota, row_number() over () - 1 as k, count(*) over () as total from notas)
insert into inscripciones (convocatoria_id, usuario_id, creado_at, actualizado_at, datos_profesionales,
                           datos_postulacion, declaracion_jurada)
select :conv, u.id, now(), now(),
       json_build_object('profesion', 'OBSTETRICIA', 'numero_colegiatura', (10000 + g)::text,
                         'nota_ppp', (select nota from n where n.k = g % n.total)),
       json_build_object('diresa', (select codigo from d where d.k = g % d.n), 'modalidad', 'REMUNERADA'),
       '{"acepta":true}'::json
from generate_series(1, 20000) g join usuarios u on u.email = 'bench' || g || '@prueba.pe';

update inscripciones set estado = 'INSCRITO', finalizado_at = now(), datos_finalizados = '{}',
       sha256_datos = repeat('0', 64), codigo_verificacion = 'BENCH-' || id
where convocatoria_id = :conv;
update inscripciones set estado = 'APTO', revisado_at = now() where convocatoria_id = :conv;
analyze;
