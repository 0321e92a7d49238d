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
import { chromium } from 'playwright-core';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const api = (process.env.SERUMS_TEST_BASE_URL ?? 'http://127.0.0.1:18080').replace('127.0.0.1', 'localhost');
const PAGE_PORT = 5173;
const PASSWORD = 'serums-dev-2026';
const FASES = ['INSCRIPCION', 'REVISION', 'PUBLICACION_APTOS', 'SUBSANACION', 'PUBLICACION_FINAL', 'CASOS_ESPECIALES',
  'DESEMPATE_SORTEO', 'ADJUDICACION_REMUNERADA', 'ADJUDICACION_EQUIVALENTE', 'SERVICIO', 'INFORME_FINAL'];

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

function servePage() {
  const html = '<!doctype html><html lang="es"><meta charset="utf-8"><title>Revisores</title><body>SPA</body></html>';
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = () => {
      server.once('error', (e) => {
        if (e.code === 'EADDRINUSE' && ++tries < 120) setTimeout(attempt, 500);
        else reject(e);
      });
      server.listen(PAGE_PORT, '127.0.0.1', () => resolve(server));
    };
    attempt();
  });
}

// fetch inside the page; `credentials` 'include' for the API, 'omit' for open data
async function call(page, method, path, { body, token, headers = {}, credentials = 'include' } = {}) {
  return page.evaluate(async ({ url, method, body, token, headers, credentials }) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = `Bearer ${token}`;
    const r = await fetch(url, { method, headers: h, credentials, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* CSV */ }
    return { status: r.status, json, text, etag: r.headers.get('ETag'), type: r.headers.get('Content-Type') };
  }, { url: api + path, method, body, token, headers, credentials });
}

// every phase in order, 10-day windows, `actual` in force now
function cronograma(actual) {
  const dia = 86400000, k = FASES.indexOf(actual), now = Date.now();
  return FASES.map((fase, i) => ({
    fase, inicia: new Date(now + ((i - k) * 10 - 5) * dia).toISOString(), termina: new Date(now + ((i - k) * 10 + 5) * dia).toISOString(),
  }));
}

const server = await servePage();
const profile = mkdtempSync(join(tmpdir(), 'serums-chromium-'));
let context, page, admin, conv, original;
let failed = false;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  await page.goto(`http://localhost:${PAGE_PORT}/`);
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
} catch (e) {
  failed = true;
  console.error(e.message ?? e);
} finally {
  if (page && admin && original) {
    const r = await call(page, 'PATCH', `/v1/convocatorias/${conv}/cronograma`, { token: admin, body: { fases: original } }).catch(() => null);
    if (!r || r.status !== 200) { failed = true; console.error('FAILED: could not restore the cronograma of 2026-I'); }
  }
  await context?.close().catch(() => {});
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
