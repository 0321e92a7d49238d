// check-problem-codes.mjs - every problem code the code base can answer is in
// the one table, api/problemas.def, with the table's status (and title, for
// nginx's own answers): handlers' P_<CODE> names, the platform's literal
// problem(r, STATUS, "CODE", ...) calls in src/, api/ and cmd/, and the
// problem+json bodies nginx writes itself (nginx/*.template). Fails otherwise.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const table = new Map();
for (const m of readFileSync(join(root, 'api/problemas.def'), 'utf8').matchAll(/^PROBLEMA\((\w+), (\d+), "([^"]*)"\)/gm))
  table.set(m[1], { status: Number(m[2]), title: m[3] });

const errors = [];
let seen = 0;
const check = (where, code, status, title) => {
  seen++;
  const t = table.get(code);
  if (!t) errors.push(`${where}: ${code} is not in api/problemas.def`);
  else if (status !== undefined && t.status !== status) errors.push(`${where}: ${code} answered with ${status}, the table says ${t.status}`);
  else if (title !== undefined && t.title !== title) errors.push(`${where}: ${code} titled "${title}", the table says "${t.title}"`);
};
const files = (dir, ext) => readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

for (const file of ['src', 'api', 'cmd'].flatMap((d) => [...files(d, '.c'), ...files(d, '.h')])) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const m of text.matchAll(/\bP_([A-Z][A-Z0-9_]*)\b/g)) if (m[1] !== '_COUNT') check(file, m[1]);
  for (const m of text.matchAll(/\bproblem(?:_ext|_errors)?\(\s*\w+(?:->\w+)?,\s*(\d+),\s*"([A-Z0-9_]+)"/g)) check(file, m[2], Number(m[1]));
  // a code passed through a variable escapes the check: handlers use problema(r, P_CODE, ...)
  for (const m of text.matchAll(/\bproblem(?:_ext|_errors)?\(\s*\w+(?:->\w+)?,\s*(\d+),\s*([a-z_]\w*)/g))
    errors.push(`${file}: problem() with the code in variable ${m[2]}: use problema(r, P_CODE, ...)`);
}
for (const file of files('nginx', '.template')) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const m of text.matchAll(/"title":"([^"]*)","status":(\d+),[^']*?"code":"([A-Z0-9_]+)"/g)) check(file, m[3], Number(m[2]), m[1]);
}
for (const e of errors) console.error(e);
console.log(`problem codes: ${seen} uses checked against ${table.size} codes, ${errors.length} errors`);
process.exit(errors.length ? 1 : 0);
