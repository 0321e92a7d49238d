// check-routes.mjs - every route serumsd serves (`serumsd routes`: one
// "METHOD /template" per line on stdin) must be an operation of
// openapi/openapi.yaml, and every operation must be served: the contract and
// the route table cannot drift, whether or not a test exercises the route.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';

const spec = YAML.parse(readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8'));
const norm = (p) => p.replace(/\{[^}]+\}/g, '{}');
const documented = new Set();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const m of ['get', 'put', 'post', 'delete', 'patch']) if (item[m]) documented.add(`${m.toUpperCase()} ${norm(path)}`);
}
const served = new Set(readFileSync(0, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [m, p] = l.split(' ');
  return `${m} ${norm(p)}`;
}));
const STATIC = new Set(['GET /openapi.yaml', 'GET /', 'GET /docs',   // served by nginx, not serumsd
  'GET /publicaciones/{}/{}/{}', 'GET /publicaciones/{}/{}', 'GET /v1/adjudicaciones/{}/estado.json']);
const undocumented = [...served].filter((r) => !documented.has(r));
const unserved = [...documented].filter((r) => !served.has(r) && !STATIC.has(r));
for (const r of undocumented) console.error(`served but not in openapi.yaml: ${r}`);
for (const r of unserved) console.error(`in openapi.yaml but not served: ${r}`);
console.log(`routes: ${served.size} served, ${documented.size} documented, ${undocumented.length + unserved.length} mismatches`);
process.exit(undocumented.length + unserved.length ? 1 : 0);
