import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/engine/ports/store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { makeJob } from '../engine/support/job.js';

const dir = mkdtempSync(join(tmpdir(), 'caesium-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters: [string, () => Promise<Store>][] = [
  ['memory', createMemoryStore],
  ['sqlite file', () => createSqliteFileStore({ path: join(dir, `${Math.random()}.db`) })],
];

describe.each(adapters)('catalog queries: %s', (_name, make) => {
  it('registers aliases with stable ids, provenance, pause and retirement', async () => {
    const store = await make();
    try {
      const a = await store.catalog.register({ alias: 'a', provenance: { sourceId: 's', repo: 'r', ref: null, commit: null, path: null }, now: 't1' });
      const again = await store.catalog.register({ alias: 'a', provenance: null, now: 't2' });
      expect(again).toMatchObject({ id: a.id, provenance: null, createdAt: 't1', updatedAt: 't2' });
      expect((await store.catalog.byIdPrefix(a.id.slice(0, 6), 2)).map((e) => e.alias)).toEqual(['a']);
      expect((await store.catalog.setPaused(a.id, true, 't3'))?.paused).toBe(true);
      await store.catalog.register({ alias: 'b', provenance: { sourceId: 's', repo: null, ref: null, commit: null, path: null }, now: 't1' });
      expect((await store.catalog.bySource('s')).map((e) => e.alias)).toEqual(['b']);
      await store.catalog.retire([a.id], 't4');
      expect((await store.catalog.list({ limit: 10, offset: 0 })).map((e) => e.alias)).toEqual(['b']);
    } finally {
      await store.close();
    }
  });

  it('pages runs across job versions newest first and ranks recent runs per alias', async () => {
    const store = await make();
    try {
      const v1 = await store.jobs.apply(makeJob([{ name: 'x' }]), { appliedAt: 't' });
      const v2 = await store.jobs.apply(makeJob([{ name: 'x' }, { name: 'y' }]), { appliedAt: 't' });
      for (const [i, version] of [v1, v2, v1].entries()) {
        await store.runs.create({ id: `run-${i}`, jobId: version.job.id, params: {}, startedAt: `2026-01-0${i + 1}T00:00:00.000Z` });
      }
      const alias = v1.job.alias;
      expect((await store.catalog.runs(alias, { limit: 2, offset: 0 })).map((r) => r.id)).toEqual(['run-2', 'run-1']);
      expect((await store.catalog.recentRuns([alias], 2)).map((r) => [r.alias, r.id])).toEqual([
        [alias, 'run-2'],
        [alias, 'run-1'],
      ]);
      expect(await store.catalog.runningCount(alias)).toBe(3);
      expect((await store.catalog.trigger(v2.job.id))?.type).toBe('cron');
    } finally {
      await store.close();
    }
  });
});
