// check-types.mjs - fails when types/api.d.ts is not what gen-types.mjs
// generates from openapi/openapi.yaml now (regenerate with `npm run openapi`).
import { readFileSync } from 'node:fs';
import { generate } from './gen-types.mjs';

const fresh = await generate();
let committed = '';
try { committed = readFileSync('types/api.d.ts', 'utf8'); } catch { /* missing */ }
if (fresh !== committed) {
  console.error('types/api.d.ts is stale: run `cd frontend-contract && npm run openapi` and commit it');
  process.exit(1);
}
console.log('types/api.d.ts is current');
