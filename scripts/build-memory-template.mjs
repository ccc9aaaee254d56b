// Writes dist/src/store/memory-template.sqlite: an in-memory store's database with every
// migration applied, so `caesium dev`, the harness and the library open a copy of it instead
// of migrating at every start. Run by `npm run build` after tsc; the store checks that the
// image holds exactly its own migrations before using it (else it migrates, as without one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { migratedImage, MEMORY_TEMPLATE_FILE } = await import(join(root, 'dist/src/store/memory-store.js'));
writeFileSync(join(root, 'dist/src/store', MEMORY_TEMPLATE_FILE), await migratedImage());
