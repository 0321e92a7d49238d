// check-examples.mjs - every operation of openapi/openapi.yaml shows how it
// is called and what it answers: each request body media type and each 2xx
// response media type carries an `example` (or `examples`), and every JSON
// example matches its own schema (ajv, JSON Schema 2020-12), so examples
// cannot drift from the contract. Exit 1 listing what is missing or wrong.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const spec = YAML.parse(readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi.json', components: spec.components ?? {} });

const rewriteRefs = (node) => {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) =>
      [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? 'openapi.json' + v : rewriteRefs(v)]));
  return node;
};
const deref = (o) => {
  while (o && o.$ref) o = o.$ref.replace(/^#\//, '').split('/').reduce((x, k) => x?.[k], spec);
  return o;
};

const errors = [];
let checked = 0;
function check(where, media, content) {
  const values = content.example !== undefined ? [content.example]
    : Object.values(content.examples ?? {}).map((e) => deref(e).value);
  if (values.length === 0) { errors.push(`${where} ${media}: no example`); return; }
  if (!media.includes('json') || !content.schema) return;
  const validate = ajv.compile(rewriteRefs(content.schema));
  for (const v of values) {
    checked++;
    if (!validate(v)) errors.push(`${where} ${media}: example does not match its schema: ${ajv.errorsText(validate.errors)}`);
  }
}

for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!op?.operationId) continue;
    const where = `${op.operationId} (${method.toUpperCase()} ${path})`;
    const body = deref(op.requestBody);
    for (const [media, c] of Object.entries(body?.content ?? {})) check(`${where} request`, media, c);
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      if (!status.startsWith('2')) continue;
      for (const [media, c] of Object.entries(deref(r).content ?? {})) check(`${where} ${status}`, media, c);
    }
  }
}
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
console.log(`every operation has request and response examples; ${checked} JSON examples match their schemas`);
