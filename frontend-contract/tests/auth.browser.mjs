// auth.browser.mjs - the SPA's account flow in Debian's chromium, for real:
// a page served from http://localhost:5173 (another origin than the API, but
// the same site) signs up with the code read from the mail sink, logs in,
// calls /v1/me, refreshes through the HttpOnly SameSite=Strict cookie and
// logs out. CORS with credentials, preflights and cookies all go through
// nginx. Exit code 0 = passed. Env: SERUMS_TEST_BASE_URL, SERUMS_TEST_MAIL_DIR.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const api = (process.env.SERUMS_TEST_BASE_URL ?? 'http://127.0.0.1:18080').replace('127.0.0.1', 'localhost');
const mailDir = process.env.SERUMS_TEST_MAIL_DIR;
const PAGE_PORT = 5173;
const email = `spa.${Date.now()}.${process.pid}@prueba.pe`;
const password = 'Quinua-Morada-2026';

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

// The SPA stand-in: one empty page, so fetches run from its origin.
function servePage() {
  const html = '<!doctype html><html lang="es"><meta charset="utf-8"><title>SPA de prueba</title><body>SPA</body></html>';
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

function qpDecode(s) {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

async function readCode() {
  for (let i = 0; i < 300; i++) {
    const files = readdirSync(mailDir).filter((f) => f.endsWith(`-${email}.eml`)).sort();
    for (const f of files.reverse()) {
      const m = /SERUMS: (\d{6})/.exec(qpDecode(readFileSync(join(mailDir, f), 'latin1')));
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no verification email for ${email}`);
}

function randomDni() {
  const dni = String(10000000 + Math.floor(Math.random() * 89999999));
  const w = [3, 2, 7, 6, 5, 4, 3, 2];
  const c = [...dni].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11;
  return { dni, digito: '65432110987'[c] };
}

// Runs fetch inside the page (origin http://localhost:5173).
async function call(page, method, path, { body, token } = {}) {
  return page.evaluate(async ({ url, method, body, token }) => {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(url, {
      method, headers, credentials: 'include', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* 204 */ }
    return { status: r.status, json };
  }, { url: api + path, method, body, token });
}

async function refreshCookie(context) {
  return (await context.cookies()).find((c) => c.name === 'serums_refresh' && c.domain === 'localhost');
}

const server = await servePage();
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
  check(new URL(page.url()).origin !== new URL(api).origin, `page origin ${new URL(page.url()).origin} differs from the API ${api}`);

  let r = await call(page, 'POST', '/v1/auth/email-codes', { body: { email } });
  check(r.status === 202, 'email code requested (202) through a CORS preflight');
  const codigo = await readCode();
  check(/^\d{6}$/.test(codigo), 'code read from the mail sink');

  const { dni, digito } = randomDni();
  r = await call(page, 'POST', '/v1/auth/register', {
    body: {
      email, codigo_verificacion: codigo, tipo_documento: 'DNI', numero_documento: dni, digito_verificacion: digito,
      fecha_nacimiento: '1997-03-21', fecha_emision: '2019-11-05', password, captcha_token: 'prueba-captcha-ok',
    },
  });
  check(r.status === 201 && r.json.email === email, `registered (${r.status})`);

  r = await call(page, 'POST', '/v1/auth/login', { body: { email, password } });
  check(r.status === 200 && r.json.access_token, `logged in (${r.status})`);
  check(!('refresh_token' in r.json), 'no refresh token in the web body');
  const first = await refreshCookie(context);
  check(first && first.httpOnly && first.sameSite === 'Strict' && first.path === '/v1/auth',
    'serums_refresh cookie stored: HttpOnly, SameSite=Strict, Path=/v1/auth');
  check(!(await page.evaluate(() => document.cookie)).includes('serums_refresh'), 'scripts cannot read the cookie');
  let access = r.json.access_token;

  r = await call(page, 'GET', '/v1/me', { token: access });
  check(r.status === 200 && r.json.email === email && r.json.rol === 'postulante', 'GET /v1/me with the Bearer token');

  r = await call(page, 'POST', '/v1/auth/refresh');
  check(r.status === 200 && r.json.access_token, `refreshed through the cookie (${r.status})`);
  const second = await refreshCookie(context);
  check(second && second.value !== first.value, 'the cookie was rotated');
  access = r.json.access_token;
  r = await call(page, 'GET', '/v1/me', { token: access });
  check(r.status === 200, 'the new access token works');

  r = await call(page, 'POST', '/v1/auth/logout');
  check(r.status === 204, 'logged out (204)');
  check(!(await refreshCookie(context)), 'the cookie was cleared');
  // put the rotated (now revoked) token back, as a thief replaying a copy would
  await context.addCookies([{ name: second.name, value: second.value, domain: 'localhost', path: '/v1/auth',
    httpOnly: true, secure: second.secure, sameSite: 'Strict' }]);
  r = await call(page, 'POST', '/v1/auth/refresh');
  check(r.status === 401, 'the revoked refresh token is refused afterwards');
} catch (e) {
  failed = true;
  console.error(e.message ?? e);
} finally {
  await context?.close().catch(() => {});
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
