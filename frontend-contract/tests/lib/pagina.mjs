// pagina.mjs - what every browser test shares: the SPA stand-in (one empty
// page served from http://localhost:5173, another origin than the API but
// the same site), chromium started with a fresh profile, fetch run inside
// the page, and the check that prints each step.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const api = (process.env.SERUMS_TEST_BASE_URL ?? 'http://127.0.0.1:18080').replace('127.0.0.1', 'localhost');
export const PAGE_PORT = 5173;

export function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

const SPA = '<!doctype html><html lang="es"><meta charset="utf-8"><title>SPA de prueba</title><body>SPA</body></html>';

function servePage(html) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = () => {
      server.once('error', (e) => {
        // another work tree's browser test may hold the port for a moment
        if (e.code === 'EADDRINUSE' && ++tries < 120) setTimeout(attempt, 500);
        else reject(e);
      });
      server.listen(PAGE_PORT, '127.0.0.1', () => resolve(server));
    };
    attempt();
  });
}

// Runs fetch inside the page (origin http://localhost:5173); `credentials`
// 'include' for the API, 'omit' for open data as a third-party app reads it.
export async function call(page, method, path, { body, token, headers = {}, credentials = 'include' } = {}) {
  return page.evaluate(async ({ url, method, body, token, headers, credentials }) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = `Bearer ${token}`;
    const r = await fetch(url, { method, headers: h, credentials, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* 204, CSV */ }
    return { status: r.status, json, text, etag: r.headers.get('ETag'), type: r.headers.get('Content-Type') };
  }, { url: api + path, method, body, token, headers, credentials });
}

// Serves `html` (an empty SPA page by default), opens it in chromium and runs
// steps(page, context); then alFinal(page) (clean-up; false marks a failure);
// exits 0 when everything passed.
export async function enNavegador(steps, { html = SPA, alFinal } = {}) {
  const server = await servePage(html);
  const profile = mkdtempSync(join(tmpdir(), 'serums-chromium-'));
  let context;
  let failed = false;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`http://localhost:${PAGE_PORT}/`);
    await steps(page, context);
  } catch (e) {
    failed = true;
    console.error(e.message ?? e);
  } finally {
    const page = context?.pages()[0];
    if (alFinal && page && (await alFinal(page).catch(() => false)) === false) failed = true;
    await context?.close().catch(() => {});
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}
