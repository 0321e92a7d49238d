// captcha-verifier.mjs - a local fake of reCAPTCHA's siteverify endpoint for
// the test stack (scripts/lib.sh starts it when SERUMS_CAPTCHA_FAKE_PORT is
// set). POST /siteverify with secret, response, remoteip (form encoded):
//   response "prueba-captcha-ok..."   -> {"success": true}   (secret must match)
//   response "prueba-captcha-caido"   -> HTTP 500             (verifier down)
//   anything else                     -> {"success": false, "error-codes": ["invalid-input-response"]}
// Usage: node captcha-verifier.mjs PORT   (secret: $SERUMS_CAPTCHA_SECRET)
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.SERUMS_CAPTCHA_FAKE_PORT ?? 0);
const secret = process.env.SERUMS_CAPTCHA_SECRET ?? 'prueba-secreto';

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; if (body.length > 65536) req.destroy(); });
  req.on('end', () => {
    const form = new URLSearchParams(body);
    const answer = (status, obj) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    if (req.method !== 'POST' || req.url !== '/siteverify') return answer(404, { success: false });
    const response = form.get('response') ?? '';
    if (response === 'prueba-captcha-caido') return answer(500, { success: false });
    if (form.get('secret') !== secret) return answer(200, { success: false, 'error-codes': ['invalid-input-secret'] });
    if (!response.startsWith('prueba-captcha-ok')) {
      return answer(200, { success: false, 'error-codes': ['invalid-input-response'] });
    }
    answer(200, { success: true, challenge_ts: new Date().toISOString(), hostname: 'localhost' });
  });
});
server.listen(port, '127.0.0.1', () => console.error(`captcha fake on 127.0.0.1:${server.address().port}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
