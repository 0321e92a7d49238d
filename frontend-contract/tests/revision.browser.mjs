#!/usr/bin/env node
// revision.browser.mjs - a DIRESA reviewer's flow in Debian's chromium, from
// another origin (http://localhost:5173) than the API: logs in, lists the
// finalized inscriptions of its DIRESA in 2026-I (the demo seed fills it),
// opens one (ETag exposed through CORS), reviews it with If-Match (a CORS
// preflight with If-Match), is refused 409 with the same stale version, and
// finds it in the APTO tab; then reads the published list as any third-party
// web app would (CORS *, no credentials). The admin moves 2026-I's
// cronograma to REVISION through the API and puts it back at the end.
// Exit code 0 = passed. Env: SERUMS_TEST_BASE_URL.
import { api, call, check, enNavegador } from './lib/pagina.mjs';

const PASSWORD = 'serums-dev-2026';
const FASES = ['INSCRIPCION', 'REVISION', 'PUBLICACION_APTOS', 'SUBSANACION', 'PUBLICACION_FINAL', 'CASOS_ESPECIALES',
  'DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA', 'ADJUDICACION_EQUIVALENTE', 'SERVICIO', 'INFORME_FINAL'];

// every phase in order, 10-day windows, `actual` in force now
function cronograma(actual) {
  const dia = 86400000, k = FASES.indexOf(actual), now = Date.now();
  return FASES.map((fase, i) => ({
    fase, inicia: new Date(now + ((i - k) * 10 - 5) * dia).toISOString(), termina: new Date(now + ((i - k) * 10 + 5) * dia).toISOString(),
  }));
}

let admin, conv, original;
await enNavegador(async (page) => {
  check(new URL(page.url()).origin !== new URL(api).origin, 'the page runs on another origin than the API');

  let r = await call(page, 'POST', '/v1/auth/login', { body: { email: 'admin@serums.test', password: PASSWORD } });
  check(r.status === 200, 'admin logged in');
  admin = r.json.access_token;
  // the integration suites create many convocatorias before this test: page until 2026-I
  let c = null;
  let cursor = null;
  do {
    r = await call(page, 'GET', `/v1/convocatorias?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    c = r.json.items.find((x) => x.codigo === '2026-I');
    cursor = r.json.next_cursor;
  } while (!c && cursor);
  check(c, '2026-I found');
  conv = c.id;
  original = c.cronograma.map(({ fase, inicia, termina }) => ({ fase, inicia, termina }));
  r = await call(page, 'PATCH', `/v1/convocatorias/${conv}/cronograma`, { token: admin, body: { fases: cronograma('REVISION') } });
  check(r.status === 200 && r.json.fase_actual === 'REVISION', `2026-I moved to REVISION (${r.status})`);

  r = await call(page, 'POST', '/v1/auth/login', { body: { email: 'diresa.cusco@serums.test', password: PASSWORD } });
  check(r.status === 200, 'the Cusco reviewer logged in');
  const token = r.json.access_token;

  r = await call(page, 'GET', `/v1/convocatorias/${conv}/inscripciones?estado=INSCRITO&limit=5`, { token });
  check(r.status === 200 && r.json.items.length > 0, `list of Cusco's pending inscriptions (${r.json?.total} of them)`);
  check(r.json.items.every((i) => i.diresa === 'CUSCO' && i.estado === 'INSCRITO'), 'only Cusco, only INSCRITO');
  check(r.json.resumen.APTO >= 0 && typeof r.json.resumen.INSCRITO === 'number', 'counts by estado for the tabs');
  const id = r.json.items[0].id;

  r = await call(page, 'GET', `/v1/inscripciones/${id}`, { token });
  check(r.status === 200 && r.json.estado === 'INSCRITO', 'the inscription opens');
  r = await call(page, 'GET', `/v1/inscripciones/${id}/revisiones`, { token });
  check(r.status === 200 && r.etag === `"${r.json.version}"`, `its version is the ETag, readable from another origin (${r.etag})`);
  const etag = r.etag;

  r = await call(page, 'POST', `/v1/inscripciones/${id}/revisiones`, {
    token, headers: { 'If-Match': etag },
    body: { resultado: 'APTO', requisitos: [{ requisito: 'COLEGIATURA', estado: 'CONFORME' }] },
  });
  check(r.status === 201 && r.json.estado === 'APTO', `reviewed APTO with If-Match (${r.status})`);
  r = await call(page, 'POST', `/v1/inscripciones/${id}/revisiones`, {
    token, headers: { 'If-Match': etag }, body: { resultado: 'NO_APTO', observacion: 'Segunda opinión tardía.' },
  });
  check(r.status === 409 && r.json.code === 'VERSION_DESACTUALIZADA', 'the same stale version is refused (409)');
  r = await call(page, 'GET', `/v1/convocatorias/${conv}/inscripciones?estado=APTO&limit=500`, { token });
  check(r.json.items.some((i) => i.id === id), 'it appears in the APTO tab');

  r = await call(page, 'GET', `/v1/convocatorias/${conv}/publicaciones`, { credentials: 'omit' });
  check(r.status === 200 && r.json.items.length > 0, 'the index of published lists, without credentials (CORS *)');
  r = await call(page, 'GET', `/v1/convocatorias/${conv}/publicaciones/APTOS_PRELIMINAR.csv`, { credentials: 'omit' });
  check(r.status === 200 && r.type.startsWith('text/csv') && r.text.replace(/^\uFEFF/, '').startsWith('n;apellidos_nombres;documento'),
    'the published CSV reads from a third-party origin');
  check(!/\d{8}/.test(r.text.replace(/\d{4}-\d{2}-\d{2}/g, '')) && !r.text.includes('@'), 'no full document number, no email');
}, {
  // put 2026-I's cronograma back, whatever happened
  alFinal: async (page) => {
    if (!admin || !original) return true;
    const r = await call(page, 'PATCH', `/v1/convocatorias/${conv}/cronograma`, { token: admin, body: { fases: original } });
    if (r.status !== 200) console.error('FAILED: could not restore the cronograma of 2026-I');
    return r.status === 200;
  },
});
