// identity-verifier.mjs - a local fake of the identity registry (RENIEC-like)
// that src/identity.c asks for the names on a document; the test stack starts
// it when SERUMS_IDENTITY_FAKE_PORT is set (scripts/lib.sh).
// POST /identidad {"document_type", "document_number", "birth_date"} with
// `Authorization: Bearer $SERUMS_IDENTITY_TOKEN`:
//   wrong or missing token                    -> 401
//   document_type other than "DNI"            -> 404 (the registry holds DNIs only)
//   birth_date 1971-07-07                     -> 404 (no such person)
//   birth_date 1971-07-08                     -> 500 (registry down)
//   birth_date 1971-07-09                     -> {"given_names": "ROSA ELENA", "first_surname": "HUAMÁN", "second_surname": "TORRES"}
//   any other DNI                             -> {"given_names": "Ana Lucía", "first_surname": "Quispe", "second_surname": "Mamani"}
//     (the names the integration tests' helpers also send in the body)
// Usage: node identity-verifier.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.SERUMS_IDENTITY_FAKE_PORT ?? 0);
const token = process.env.SERUMS_IDENTITY_TOKEN ?? '';

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; if (body.length > 65536) req.destroy(); });
  req.on('end', () => {
    const answer = (status, obj) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    if (req.method !== 'POST' || req.url !== '/identidad') return answer(404, { error: 'ruta' });
    if (token && req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'token' });
    let q;
    try { q = JSON.parse(body); } catch { return answer(400, { error: 'json' }); }
    if (q.document_type !== 'DNI' || !/^[0-9]{8}$/.test(q.document_number ?? '')) return answer(404, { found: false });
    if (q.birth_date === '1971-07-07') return answer(404, { found: false });
    if (q.birth_date === '1971-07-08') return answer(500, { error: 'caído' });
    if (q.birth_date === '1971-07-09') {
      return answer(200, { given_names: 'ROSA ELENA', first_surname: 'HUAMÁN', second_surname: 'TORRES' });
    }
    answer(200, { given_names: 'Ana Lucía', first_surname: 'Quispe', second_surname: 'Mamani' });
  });
});
server.listen(port, '127.0.0.1', () => console.error(`identity fake on 127.0.0.1:${server.address().port}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
