// check-types.mjs - fails when types/api.d.ts is not what openapi-typescript
// generates from openapi/openapi.yaml now (regenerate with `npm run types`).
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = join(mkdtempSync(join(tmpdir(), 'serums-types-')), 'api.d.ts');
execFileSync('npx', ['--no-install', 'openapi-typescript', '../openapi/openapi.yaml', '-o', tmp], { stdio: 'pipe' });
const fresh = readFileSync(tmp, 'utf8');
let committed = '';
try { committed = readFileSync('types/api.d.ts', 'utf8'); } catch { /* missing */ }
if (fresh !== committed) {
  console.error('types/api.d.ts is stale: run `cd frontend-contract && npm run types` and commit it');
  process.exit(1);
}
console.log('types/api.d.ts is current');
