// build-openapi.mjs - assembles openapi/openapi.yaml from openapi/parts/*.yaml
// (00-base.yaml, then one part per module, in name order): `paths`, `tags`
// and every `components` map are merged; a name defined twice is an error
// (a path may gather its operations from several parts: one method, one part).
// The `code` of a Problem is the enum of api/problemas.def, the one problem
// vocabulary, so a served code missing from that table fails validation and
// the generated TypeScript type of `code` is a union.
// `--check` fails when the committed openapi.yaml differs from the build.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const dir = new URL('../../openapi/parts/', import.meta.url);
const out = new URL('../../openapi/openapi.yaml', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const doc = YAML.parse(readFileSync(new URL(files[0], dir), 'utf8'));
doc.paths ??= {};
doc.components ??= {};
doc.tags ??= [];
for (const f of files.slice(1)) {
  const part = YAML.parse(readFileSync(new URL(f, dir), 'utf8')) ?? {};
  for (const [p, item] of Object.entries(part.paths ?? {})) {
    doc.paths[p] ??= {};
    for (const [method, op] of Object.entries(item)) {
      if (doc.paths[p][method]) throw new Error(`${f}: ${method} ${p} already defined`);
      doc.paths[p][method] = op;
    }
  }
  for (const [kind, map] of Object.entries(part.components ?? {})) {
    doc.components[kind] ??= {};
    for (const [name, def] of Object.entries(map)) {
      if (doc.components[kind][name]) throw new Error(`${f}: components.${kind}.${name} already defined`);
      doc.components[kind][name] = def;
    }
  }
  for (const t of part.tags ?? []) if (!doc.tags.some((x) => x.name === t.name)) doc.tags.push(t);
}
const table = readFileSync(new URL('../../api/problemas.def', import.meta.url), 'utf8');
const codes = [...table.matchAll(/^PROBLEMA\(([A-Z][A-Z0-9_]*),\s*(\d{3}),\s*"([^"]+)"\)/gm)];
if (codes.length === 0) throw new Error('api/problemas.def: no PROBLEMA lines');
doc.components.schemas.Problem.properties.code = {
  type: 'string',
  description: 'Stable code for programs (api/problemas.def): ' +
    codes.map(([, c, st, t]) => `${c} (${st}, ${t})`).join('; ') + '.',
  enum: codes.map(([, c]) => c),
};
const text = '# GENERATED from openapi/parts/*.yaml by frontend-contract/scripts/build-openapi.mjs: edit the parts.\n' +
  YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error('openapi/openapi.yaml is stale: run `cd frontend-contract && npm run openapi`');
    process.exit(1);
  }
  console.log('openapi/openapi.yaml is current');
} else {
  writeFileSync(out, text);
  console.log(`openapi/openapi.yaml built from ${files.length} parts`);
}
