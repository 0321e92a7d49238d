// validate-responses.mjs - checks every response the integration tests
// recorded (JSON lines: method, path, status, content_type, body) against
// openapi/openapi.yaml: the operation must exist, the status must be
// documented (infrastructure 5xx aside), and JSON bodies must match the
// schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const file = process.argv[2];
const spec = YAML.parse(readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi.json', components: spec.components ?? {} });

// platform-level answers documented once in info.description
const INFRA = new Set([500, 502, 503, 504]);
const PLATFORM = new Set(['400 CONSULTA_INVALIDA', '400 RUTA_INVALIDA', '400 SOLICITUD_INVALIDA', '413 CUERPO_DEMASIADO_GRANDE',
  '429 DEMASIADAS_SOLICITUDES']);
const templates = Object.keys(spec.paths).map((t) => ({
  t,
  re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
  literal: !t.includes('{'),
}));

function findPath(path) {
  const p = path.split('?')[0];
  const hits = templates.filter((x) => x.re.test(p));
  return hits.find((x) => x.literal) ?? hits[0];
}

function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? 'openapi.json' + v : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

function deref(obj) {
  while (obj && obj.$ref) {
    obj = obj.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], spec);
  }
  return obj;
}

const validators = new Map();
function validatorFor(key, schema) {
  if (!validators.has(key)) validators.set(key, ajv.compile(rewriteRefs(schema)));
  return validators.get(key);
}
const problemValidator = validatorFor('Problem', { $ref: '#/components/schemas/Problem' });

let ok = 0, failed = 0;
const problems = [];
const seen = new Set();
function fail(rec, msg) {
  failed++;
  const key = `${rec.method} ${findPath(rec.path)?.t ?? rec.path} ${rec.status}: ${msg}`;
  if (!seen.has(key)) { seen.add(key); problems.push(key); }
}

const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const rec = JSON.parse(line);
  if (rec.method === 'OPTIONS' || rec.method === 'HEAD') { ok++; continue; }
  const isProblem = rec.content_type === 'application/problem+json';
  const isJson = rec.content_type === 'application/json';
  let body;
  if (isProblem || isJson) {
    try { body = JSON.parse(rec.body); } catch { fail(rec, 'body is not JSON'); continue; }
  }
  const tpl = findPath(rec.path);
  const op = tpl && spec.paths[tpl.t][rec.method.toLowerCase()];
  if (!op) {
    // unknown path or method: the answer must still be a well-formed problem
    const generic = rec.status === 404 || rec.status === 405 || PLATFORM.has(`${rec.status} ${body?.code}`);
    if (generic && isProblem && problemValidator(body)) ok++;
    else fail(rec, 'no such operation in openapi.yaml');
    continue;
  }
  const resp = deref(op.responses?.[String(rec.status)] ?? op.responses?.default);
  if (!resp) {
    if (INFRA.has(rec.status) && isProblem && problemValidator(body)) { ok++; continue; }
    if (isProblem && PLATFORM.has(`${rec.status} ${body?.code}`) && problemValidator(body)) { ok++; continue; }
    fail(rec, 'status not documented');
    continue;
  }
  if (rec.status === 204 || rec.status === 304) { ok++; continue; }
  const media = resp.content?.[rec.content_type];
  if (!media) { fail(rec, `content type ${rec.content_type} not documented`); continue; }
  if (!(isJson || isProblem) || !media.schema) { ok++; continue; }
  const v = validatorFor(`${tpl.t} ${rec.method} ${rec.status} ${rec.content_type}`, media.schema);
  if (v(body)) ok++;
  else fail(rec, ajv.errorsText(v.errors, { separator: '; ' }).slice(0, 400));
}
for (const p of problems) console.error('  ' + p);
console.log(`validated: ${ok} ok, ${failed} failed (${lines.length} responses)`);
process.exit(failed ? 1 : 0);
