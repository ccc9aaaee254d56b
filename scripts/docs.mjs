// Writes the generated references, docs/cli.md (from the CLI's command table)
// and docs/job-schema-reference.md (from schemas/job.v1.json), from the built
// sources (`npm run docs` builds first). With --check, writes nothing and exits 1
// naming each file that differs from what the code generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(join(root, 'dist/src', p));
const { renderCliReference } = await dist('cli/cli-reference.js');
const { renderSchemaReference } = await dist('jobdef/schema-doc.js');
const { loadJobSchema } = await dist('jobdef/job-schema.js');

const generated = {
  'docs/cli.md': renderCliReference(),
  'docs/job-schema-reference.md': renderSchemaReference(loadJobSchema()),
};

const check = process.argv.includes('--check');
const stale = [];
for (const [file, text] of Object.entries(generated)) {
  const path = join(root, file);
  let current;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) stale.push(file);
  else writeFileSync(path, text);
}
if (stale.length > 0) {
  console.error(`stale generated docs: ${stale.join(', ')}; run \`npm run docs\` and commit the result`);
  process.exitCode = 1;
}
