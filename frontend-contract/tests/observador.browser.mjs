// observador.browser.mjs - the watcher page (observador/index.html) in
// Debian's chromium against a live session: it shows the called turn from the
// static estado.json, and after an operator's pick it shows the pick, the
// plaza's free units and the next turn, without reloading; every poll goes to
// estado.json (served by nginx), none to a worker route. The fixture (a
// convocatoria in ADJUDICACION_REMUNERADA, three APTO inscriptions, two
// plazas) is written with psql, as the integration tests' fixtures are.
// Exit code 0 = passed. Env: SERUMS_TEST_BASE_URL, SERUMS_DATABASE_URL.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { api, check, enNavegador, PAGE_PORT } from './lib/pagina.mjs';

const db = process.env.SERUMS_DATABASE_URL;
const html = readFileSync(new URL('../observador/index.html', import.meta.url));
const sql = (text) => execFileSync('psql', [db, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', text], { encoding: 'utf8' }).trim();

// the operator's side, from node (not from the watched page, whose requests are counted)
async function call(method, path, token, body) {
  const r = await fetch(api + path, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json().catch(() => null) };
}

// fixture
const tag = `OBS${Date.now() % 1e9}${process.pid % 1000}`;
const conv = sql(`insert into convocatorias (codigo, anio, periodo, tipo) values ('${tag}', 2026, 'I', 'ORDINARIO') returning id`);
sql(`insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values
     (${conv}, 'ADJUDICACION_REMUNERADA', now() - interval '1 hour', now() + interval '1 day'),
     (${conv}, 'SERVICIO', now() + interval '2 days', now() + interval '367 days')`);
const ids = sql(`with u as (insert into usuarios (email, password_hash, rol, nombres, apellido_paterno)
     select '${tag.toLowerCase()}.' || g || '@aptos.test', 'x', 'postulante', 'N' || g, 'P' from generate_series(1, 3) g returning id)
   insert into inscripciones (convocatoria_id, usuario_id, estado, datos_profesionales, datos_postulacion, creado_at, actualizado_at)
   select ${conv}, u.id, 'APTO', json_build_object('profesion', 'MEDICINA', 'nota_ppp', 12, 'nota_evaluacion_serums', 10 + u.id % 1000 * 0.001),
          json_build_object('modalidad', 'REMUNERADA'), now(), now() from u returning id`).split('\n').map(Number);
sql(`insert into establecimientos (renipress, nombre) values ('99999999', 'EESS DE PRUEBA') on conflict do nothing`);
const plazas = sql(`with imp as (insert into plaza_importaciones (convocatoria_id, modalidad, filas, plazas, advertencias, sha256)
     values (${conv}, 'REMUNERADA', 2, 3, 0, 'prueba') returning id)
   insert into plazas (convocatoria_id, modalidad, profesion_codigo, diresa_codigo, institucion_codigo, renipress,
     establecimiento_nombre, establecimiento_clave, cantidad, grado_dificultad, zaf, ze, importacion_id, linea)
   select ${conv}, 'REMUNERADA', 'MEDICINA', (select codigo from diresas order by codigo limit 1),
          (select codigo from instituciones order by codigo limit 1), '99999999', 'EESS DE PRUEBA', 'EESSDEPRUEBA', c, 1,
          false, false, imp.id, c from imp, (values (1), (2)) as v(c) returning id`).split('\n').map(Number);

const login = await call('POST', '/v1/auth/login', null, { email: 'admin@serums.test', password: 'serums-dev-2026', client: 'mobile' });
const adm = login.json.access_token;
let r = await call('PUT', `/v1/convocatorias/${conv}/politicas/MEDICINA`, adm,
  { componentes: [{ fuente: 'EVALUACION_SERUMS', peso: '0.70' }, { fuente: 'PPP', peso: '0.30' }], eleccion_nota: 'NINGUNA', escala: 6 });
check(r.status === 201, `policy set (${r.status})`);
// sessions take their turns from the published merit order: publish it (DESEMPATE_SORTEO is past)
sql(`insert into convocatoria_fases (convocatoria_id, fase, inicia, termina)
     values (${conv}, 'DESEMPATE_SORTEO', now() - interval '2 days', now() - interval '1 day')`);
r = await call('POST', `/v1/convocatorias/${conv}/publicaciones`, adm, { tipo: 'ORDEN_MERITO' });
check(r.status === 201, `ORDEN_MERITO published (${r.status})`);
r = await call('POST', `/v1/convocatorias/${conv}/adjudicaciones`, adm,
  { modalidad: 'REMUNERADA', profesion: 'MEDICINA', fase: 'UNICA', modo: 'VIVO', segundos_turno: 600 });
check(r.status === 201, `session created (${r.status})`);
const sesion = r.json.id;
r = await call('POST', `/v1/adjudicaciones/${sesion}/iniciar`, adm);
check(r.status === 200 && r.json.estado === 'EN_CURSO', 'session started');
const primero = r.json.turno.inscripcion_id;
check(ids.includes(primero), `first turn is one of the fixture's aptos (${primero})`);

await enNavegador(async (page) => {
  const pedidas = [];
  page.on('request', (q) => { if (q.url().startsWith(api)) pedidas.push(new URL(q.url()).pathname); });
  await page.goto(`http://localhost:${PAGE_PORT}/?sesion=${sesion}&api=${encodeURIComponent(api)}`);
  await page.waitForFunction(() => document.getElementById('estado').textContent === 'EN_CURSO', null, { timeout: 10000 });
  check(true, 'the page shows the session EN_CURSO');
  const turno = await page.getAttribute('#turno', 'data-inscripcion');
  check(Number(turno) === primero, `the page shows the called turn (${turno})`);
  check(/quedan \d+ s/.test(await page.textContent('#turno')), 'with the countdown to its deadline');

  r = await call('POST', `/v1/adjudicaciones/${sesion}/elecciones`, adm, { plaza_id: plazas[1], inscripcion_id: primero });
  check(r.status === 200, `an operator records the pick (${r.status})`);
  const siguiente = r.json.turno.inscripcion_id;
  await page.waitForFunction((id) => document.getElementById('turno').dataset.inscripcion === String(id), siguiente,
    { timeout: 10000 });
  check(true, 'the page moved to the next turn without reloading');
  const ultimas = await page.textContent('#ultimas');
  check(ultimas.includes('ADJUDICADO') && ultimas.includes(String(plazas[1])), 'the pick is listed');
  const libres = await page.$$eval('#plazas tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  check(libres.some(([p, n]) => Number(p) === plazas[1] && n === '1'), `the plaza shows one free unit left (${JSON.stringify(libres)})`);
  await page.waitForTimeout(2500);
  check(pedidas.length >= 3 && pedidas.every((p) => p === `/v1/adjudicaciones/${sesion}/estado.json`),
    `every poll (${pedidas.length}) read the static estado.json`);
}, { html });
