// The floor for `caesium job lint`: read every file, parse its YAML and run the
// compiled job schema over it. No positions, no semantic rules, no output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import f from 'ajv-formats';

const dir = process.argv[2];
const schema = JSON.parse(readFileSync(new URL('../schemas/job.v1.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
f.default(ajv);
const validate = ajv.compile(schema);
let invalid = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.yaml')) continue;
  for (const doc of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) {
    if (!validate(doc.toJS())) invalid++;
  }
}
if (invalid > 0) {
  console.error(`${invalid} documents failed the schema`);
  process.exit(1);
}
