// gen-types.mjs - generates types/api.d.ts from openapi/openapi.yaml with
// openapi-typescript, mapping binary bodies (`format: binary`: PDFs, CSV
// files) to Blob so a SPA passes a File as it is. `--stdout` prints instead
// of writing (check-types.mjs compares).
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { writeFileSync } from 'node:fs';

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

export async function generate() {
  const ast = await openapiTS(new URL('../../openapi/openapi.yaml', import.meta.url), {
    transform(schema) {
      if (schema.format === 'binary') return BLOB;
      return undefined;
    },
  });
  return astToString(ast);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await generate();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(new URL('../types/api.d.ts', import.meta.url), text);
    console.log('types/api.d.ts generated');
  }
}
