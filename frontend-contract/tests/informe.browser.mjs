// informe.browser.mjs - the SPA's informe final flow in Debian's chromium: a
// serumista (adjudicated through a database fixture of the test suite, as
// the adjudication stage would leave it) signs in from http://localhost:5173,
// opens the informe from GET /v1/me/inscripciones, fills two months of
// Anexo 6 and one actividad of Anexo 7, saves the conclusiones, is told
// which months are missing, confirms and sends. Exit code 0 = passed.
// Env: SERUMS_TEST_BASE_URL, SERUMS_DATABASE_URL.
import { execFileSync } from 'node:child_process';
import { call, check, enNavegador } from './lib/pagina.mjs';

const email = `serumista.spa.${Date.now()}.${process.pid}@prueba.pe`;
const password = 'serums-dev-2026';   // the fixture copies the demo admin's password hash

// The fixture: convocatoria with SERVICIO in force, a CUSCO plaza, the account,
// its ADJUDICADO inscription and VIGENTE adjudicación for [2026-05-01, 2027-05-01).
function fixture() {
  const sql = `
    with c as (insert into convocatorias (codigo, anio, periodo, tipo)
               values ('SPA-' || :'email', 2026, 'I', 'ORDINARIO') returning id),
         f as (insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
               select id, 'SERVICIO', now() - interval '2 days', now() + interval '30 days' from c),
         e as (insert into establecimientos (renipress, nombre) values ('99999996', 'P.S. SPA') on conflict do nothing),
         i as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256)
               select id, 'REMUNERADA', 1, 1, 0, 'spa' from c returning id, convocatoria_id),
         p as (insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
                                   establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze,
                                   importacion_id, linea)
               select convocatoria_id, 'REMUNERADA', 'ENFERMERIA', 'CUSCO', 'MINSA', '99999996', 'P.S. SPA', 'PSSPA', 1, 2,
                      false, false, id, 1 from i returning id, convocatoria_id),
         u as (insert into usuarios (email, password_hash, rol)
               select :'email', password_hash, 'postulante' from usuarios where email = 'admin@serums.test' returning id),
         s as (insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion,
                                          creado_at, actualizado_at)
               select p.convocatoria_id, u.id, 'ADJUDICADO',
                      '{"pais_universidad":"PE","universidad":"Universidad Nacional de San Antonio Abad del Cusco","profesion":"ENFERMERIA","numero_colegiatura":"12345","institucion_revalida":null,"fecha_titulacion":"2024-12-15","nota_ppp":15.2,"nota_enam":null,"nota_evaluacion_serums":null,"nota_adjudicacion":"EXAMEN_NACIONAL"}',
                      '{"convalida_servicer":false,"pensionista_estado":false,"trabajador_estado":false,"tipo_planilla":null,"entidad":null,"institucion_laboral":null,"docente":false,"diresa":"CUSCO","modalidad":"REMUNERADA","categoria":"REGULAR","regimen_pensionario":"ONP","comprobante_numero":null,"comprobante_fecha":null,"caso_especial":false,"institucion":null}', now(), now() from p, u returning id)
    insert into adjudicaciones (inscripcion_id, plaza_id, unidad, servicio_inicio, servicio_fin, adjudicado_at)
    select s.id, p.id, 1, '2026-05-01', '2027-05-01', now() from s, p returning inscripcion_id;`;
  const out = execFileSync('psql', [process.env.SERUMS_DATABASE_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-v', `email=${email}`],
    { input: sql, encoding: 'utf8' });
  return out.trim().split('\n')[0];
}

const inscripcion = fixture();
await enNavegador(async (page) => {
  check(/^\d+$/.test(inscripcion), `adjudicated inscription ${inscripcion} from the fixture`);

  let r = await call(page, 'POST', '/v1/auth/login', { body: { email, password } });
  check(r.status === 200 && r.json.access_token, `signed in (${r.status})`);
  const token = r.json.access_token;

  r = await call(page, 'GET', '/v1/me/inscripciones', { token });
  const mia = r.json.items.find((i) => String(i.id) === inscripcion);
  check(r.status === 200 && mia && mia.estado === 'ADJUDICADO' && mia.adjudicacion.informe.estado === 'REGISTRADO',
    'the participation is listed with its plaza, period and informe');
  const base = mia.adjudicacion.informe.url;

  r = await call(page, 'GET', base, { token });
  check(r.status === 200 && r.json.estado === 'REGISTRADO' && r.json.meses_faltantes.length === 12,
    'an empty informe: twelve months to register');

  r = await call(page, 'PUT', `${base}/atenciones/2026/5`, { token, body: { programadas: 120, ejecutadas: 118 } });
  check(r.status === 200 && r.json.atenciones.length === 1, 'May registered');
  r = await call(page, 'PUT', `${base}/atenciones/2026/6`, { token, body: { programadas: 130, ejecutadas: -20 } });
  check(r.status === 422 && r.json.errors.some((e) => e.field === 'ejecutadas' && e.code === 'CONTEO_NEGATIVO'),
    'a negative count is refused next to its field');
  r = await call(page, 'PUT', `${base}/atenciones/2026/6`, { token, body: { programadas: 130, ejecutadas: 141 } });
  check(r.status === 200 && r.json.meses_faltantes.length === 10, 'June registered: ten months missing');
  r = await call(page, 'PUT', `${base}/actividades`, {
    token,
    body: { anio: 2026, mes: 6, rubro: 'CAPACITACION', actividad: 'Taller de lactancia materna', programadas: 4, ejecutadas: 5 },
  });
  check(r.status === 200 && r.json.actividades.length === 1 && r.json.actividades[0].id > 0, 'one actividad of Anexo 7');
  r = await call(page, 'PUT', base, { token, body: { conclusiones: 'Se cumplió la meta.', recomendaciones: null } });
  check(r.status === 200 && r.json.conclusiones === 'Se cumplió la meta.', 'Guardar');

  r = await call(page, 'POST', `${base}/enviar`, { token, body: {} });
  check(r.status === 422 && r.json.code === 'INFORME_INCOMPLETO' && r.json.errors.length === 10,
    'Enviar names the ten missing months');
  r = await call(page, 'POST', `${base}/enviar`, { token, body: { confirmar_incompleto: true } });
  check(r.status === 200 && r.json.estado === 'ENVIADO', 'sent after confirming (ENVIADO)');
  r = await call(page, 'PUT', `${base}/atenciones/2026/7`, { token, body: { programadas: 1, ejecutadas: 1 } });
  check(r.status === 409 && r.json.code === 'INFORME_NO_EDITABLE', 'locked once sent');
});
