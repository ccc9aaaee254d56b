/** The task cache over a `Store`'s `task_caches` table. */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { storeTaskCache } from '../../src/store/cache/store-cache.js';
import { entryOf, taskCacheContract } from '../cache/task-cache-contract.js';
import { makeJob } from '../engine/support/job.js';

taskCacheContract('store (memory)', async () => {
  const store = await createMemoryStore();
  const applied = await store.transaction((tx) =>
    tx.jobs.apply(makeJob([{ name: 'extract' }], { alias: 'etl' }), { appliedAt: '2026-01-01T00:00:00.000Z' }),
  );
  return { cache: storeTaskCache(store), scope: { jobId: applied.job.id, jobAlias: 'etl' }, close: () => store.close() };
});

describe('store task cache', () => {
  it("reads entries back with their job's alias in a new adapter over the same store", async () => {
    const store = await createMemoryStore();
    const applied = await store.transaction((tx) =>
      tx.jobs.apply(makeJob([{ name: 'extract' }], { alias: 'etl' }), { appliedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const entry = entryOf({ jobId: applied.job.id, jobAlias: 'etl' });
    await storeTaskCache(store).put(entry);
    expect(await storeTaskCache(store).get(entry.hash, '2026-01-01T01:00:00.000Z')).toEqual(entry);
    expect(await store.cache.listByJob(applied.job.id)).toEqual(
      [{ ...entry, jobAlias: undefined }].map(({ jobAlias: _a, ...rest }) => rest),
    );
    await store.close();
  });
});
