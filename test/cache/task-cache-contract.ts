/** One contract for every `TaskCache` adapter (docs/architecture.md rule 4). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskCache, TaskCacheEntry, TaskCacheScope } from '../../src/engine/ports/task-cache.js';

export interface TaskCacheFixture {
  cache: TaskCache;
  /** The job whose entries the tests write. */
  scope: TaskCacheScope;
  close(): Promise<void> | void;
}

/** An entry of `scope` with every field set. */
export function entryOf(scope: TaskCacheScope, overrides: Partial<TaskCacheEntry> = {}): TaskCacheEntry {
  return {
    hash: 'a'.repeat(64),
    jobId: scope.jobId,
    jobAlias: scope.jobAlias,
    taskName: 'extract',
    result: 'success',
    output: { rows: '3', note: 'ünïcode ✓' },
    branchSelections: ['left', 'right'],
    runId: 'run-1',
    taskRunId: 'task-run-1',
    resolvedImageDigest: 'sha256:' + 'b'.repeat(64),
    hashInputBlob: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

const NOON = '2026-01-01T12:00:00.000Z';

/** Registers the contract tests for the adapter `make` builds (a fresh, empty cache each test). */
export function taskCacheContract(name: string, make: () => Promise<TaskCacheFixture>): void {
  describe(`TaskCache contract: ${name}`, () => {
    let f: TaskCacheFixture;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.close();
    });

    it('finds nothing in an empty cache', async () => {
      expect(await f.cache.get('f'.repeat(64), NOON)).toBeUndefined();
      expect(await f.cache.recent(f.scope, 'extract', NOON, 64)).toEqual([]);
    });

    it('returns what was put, field for field', async () => {
      const entry = entryOf(f.scope);
      await f.cache.put(entry);
      expect(await f.cache.get(entry.hash, NOON)).toEqual(entry);
      const empty = entryOf(f.scope, {
        hash: 'c'.repeat(64),
        output: {},
        branchSelections: [],
        resolvedImageDigest: null,
        expiresAt: null,
      });
      await f.cache.put(empty);
      expect(await f.cache.get(empty.hash, NOON)).toEqual(empty);
    });

    it('replaces the entry with the same hash', async () => {
      await f.cache.put(entryOf(f.scope));
      const newer = entryOf(f.scope, {
        output: { rows: '4' },
        runId: 'run-2',
        taskRunId: 'task-run-2',
        createdAt: '2026-01-01T01:00:00.000Z',
      });
      await f.cache.put(newer);
      expect(await f.cache.get(newer.hash, NOON)).toEqual(newer);
      expect(await f.cache.recent(f.scope, 'extract', NOON, 64)).toEqual([newer]);
    });

    it('treats an entry as expired from its expiresAt on; null never expires', async () => {
      const entry = entryOf(f.scope);
      await f.cache.put(entry);
      expect(await f.cache.get(entry.hash, '2026-01-01T23:59:59.999Z')).toEqual(entry);
      expect(await f.cache.get(entry.hash, entry.expiresAt!)).toBeUndefined();
      const forever = entryOf(f.scope, { hash: 'd'.repeat(64), expiresAt: null });
      await f.cache.put(forever);
      expect(await f.cache.get(forever.hash, '2999-01-01T00:00:00.000Z')).toEqual(forever);
    });

    it('lists the recent live entries of one task, newest first, up to the limit', async () => {
      const at = (h: number): string => `2026-01-01T0${h}:00:00.000Z`;
      const mine = [1, 2, 3].map((h) => entryOf(f.scope, { hash: String(h).repeat(64), createdAt: at(h), output: { n: String(h) } }));
      for (const e of mine) await f.cache.put(e);
      await f.cache.put(entryOf(f.scope, { hash: '4'.repeat(64), taskName: 'load', createdAt: at(4) }));
      await f.cache.put(entryOf(f.scope, { hash: '5'.repeat(64), createdAt: at(5), expiresAt: at(6) }));
      const recent = await f.cache.recent(f.scope, 'extract', NOON, 64);
      expect(recent.map((e) => e.output.n)).toEqual(['3', '2', '1']);
      expect((await f.cache.recent(f.scope, 'extract', NOON, 2)).map((e) => e.hash)).toEqual([mine[2]!.hash, mine[1]!.hash]);
      expect(await f.cache.recent(f.scope, 'extract', NOON, 0)).toEqual([]);
    });
  });
}
