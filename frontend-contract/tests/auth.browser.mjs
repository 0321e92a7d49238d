// auth.browser.mjs - the SPA's account flow in Debian's chromium, for real:
// a page served from http://localhost:5173 (another origin than the API, but
// the same site) signs up with the code read from the mail sink, logs in,
// calls /v1/me, refreshes through the HttpOnly SameSite=Strict cookie and
// logs out. CORS with credentials, preflights and cookies all go through
// nginx. Exit code 0 = passed. Env: SERUMS_TEST_BASE_URL, SERUMS_TEST_MAIL_DIR.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, call, check, enNavegador } from './lib/pagina.mjs';

const mailDir = process.env.SERUMS_TEST_MAIL_DIR;
const email = `spa.${Date.now()}.${process.pid}@prueba.pe`;
const password = 'Quinua-Morada-2026';

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

async function refreshCookie(context) {
  return (await context.cookies()).find((c) => c.name === 'serums_refresh' && c.domain === 'localhost');
}

await enNavegador(async (page, context) => {
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
});
