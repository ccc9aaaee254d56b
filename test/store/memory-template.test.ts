import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { normalizeJob } from '../../src/jobdef/normalize.js';
import { createMemoryStore, MEMORY_TEMPLATE_FILE, migratedImage } from '../../src/store/memory-store.js';

const job = normalizeJob({
  apiVersion: 'v1',
  kind: 'Job',
  metadata: { alias: 'tmpl' },
  trigger: { type: 'cron', configuration: { cron: '0 * * * *' } },
  steps: [{ name: 'a', engine: 'local', command: ['true'] }],
});

/** `sqlite_master` of an image: every table, index and trigger with its SQL, sorted. */
async function schemaOf(image: Uint8Array): Promise<string[]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(Uint8Array.from(image));
  try {
    const rows = db.exec("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")[0]?.values ?? [];
    return rows.map((r) => r.join(' | '));
  } finally {
    db.close();
  }
}

describe('memory store template', () => {
  it('starts every store of a process empty, however many came before and what they wrote', async () => {
    for (let i = 0; i < 4; i++) {
      const store = await createMemoryStore();
      expect(await store.jobs.current('tmpl')).toBeUndefined();
      await store.jobs.apply(job, { appliedAt: new Date().toISOString() });
      expect((await store.jobs.current('tmpl'))?.alias).toBe('tmpl');
      await store.close();
    }
    const [a, b] = await Promise.all([createMemoryStore(), createMemoryStore()]);
    await a.jobs.apply(job, { appliedAt: new Date().toISOString() });
    expect(await b.jobs.current('tmpl')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  const built = fileURLToPath(new URL(`../../dist/src/store/${MEMORY_TEMPLATE_FILE}`, import.meta.url));
  if (!existsSync(built)) {
    const reason = `${built} is missing: run \`npm run build\` first`;
    if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
      throw new Error(`the built-image check is required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
    console.warn(`[caesium tests] skipping the built-image check: ${reason}`);
  }
  it.skipIf(!existsSync(built))('the image `npm run build` ships has exactly the schema the migrations make', async () => {
    expect(await schemaOf(readFileSync(built))).toEqual(await schemaOf(await migratedImage()));
  });
});
