/**
 * The contract of the server's store families (catalog, callbacks, how a run
 * started) every full `Store` adapter passes, beside the engine's part
 * (run-store-contract.ts): `storeFamiliesContract('name', makeStore)` inside a
 * test file. The trigger-state, backfill, hook and inventory families are
 * exercised through the server's own tests (cron, backfills, hooks, inventory).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import { makeJob } from '../engine/support/job.js';
import { DIAMOND, seedRun as seed, T0, type SeededRun } from './contract-support.js';

export function storeFamiliesContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`store families contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const seedRun = (steps = DIAMOND): Promise<SeededRun> => seed(store, steps);

    describe('catalog', () => {
      it('registers aliases with stable ids, provenance, pause and retirement', async () => {
        const a = await store.catalog.register({ alias: 'a', provenance: { sourceId: 's', repo: 'r', ref: null, commit: null, path: null }, now: 't1' });
        const again = await store.catalog.register({ alias: 'a', provenance: null, now: 't2' });
        expect(again).toMatchObject({ id: a.id, provenance: null, createdAt: 't1', updatedAt: 't2' });
        expect((await store.catalog.byIdPrefix(a.id.slice(0, 6), 2)).map((e) => e.alias)).toEqual(['a']);
        expect((await store.catalog.setPaused(a.id, true, 't3'))?.paused).toBe(true);
        await store.catalog.register({ alias: 'b', provenance: { sourceId: 's', repo: null, ref: null, commit: null, path: null }, now: 't1' });
        expect((await store.catalog.bySource('s')).map((e) => e.alias)).toEqual(['b']);
        await store.catalog.retire([a.id], 't4');
        expect((await store.catalog.list({ limit: 10, offset: 0 })).map((e) => e.alias)).toEqual(['b']);
      });

      it('pages runs across job versions newest first and ranks recent runs per alias', async () => {
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
      });

      it('records how a run started: its trigger (joined to type and alias), its backfill, or neither', async () => {
        const { run: manual, applied } = await seedRun();
        expect(manual).toMatchObject({ triggerId: null, backfillId: null });
        const trigger = await store.catalog.trigger(applied.job.id);
        expect(trigger).toBeDefined();
        const fired = await store.runs.create({ jobId: applied.job.id, params: {}, startedAt: T0, triggerId: trigger!.id });
        const backfilled = await store.runs.create({ jobId: applied.job.id, params: {}, startedAt: T0, backfillId: 'bf-1' });
        expect(await store.runs.get(fired.id)).toMatchObject({ triggerId: trigger!.id, backfillId: null });
        expect(await store.runs.get(backfilled.id)).toMatchObject({ triggerId: null, backfillId: 'bf-1' });
        const finished = await store.runs.finish(backfilled.id, { status: 'succeeded', error: null, completedAt: T0 });
        expect(finished.backfillId).toBe('bf-1');
        expect(await store.catalog.runTriggers([trigger!.id, trigger!.id, 'no-such-trigger'])).toEqual([{ id: trigger!.id, type: 'cron', alias: 'test-job' }]);
        expect(await store.catalog.runTriggers([])).toEqual([]);
      });
    });

    describe('callbacks', () => {
      it('records callback runs per run', async () => {
        const job = makeJob(DIAMOND);
        job.callbacks = [{ type: 'notification', configuration: { url: 'http://example.test/hook' } }];
        const applied = await store.jobs.apply(job, { appliedAt: T0 });
        const [callback] = await store.callbacks.list(applied.job.id);
        expect(callback).toMatchObject({ type: 'notification', configuration: { url: 'http://example.test/hook' }, position: 0 });
        const run = await store.runs.create({ jobId: applied.job.id, params: {}, startedAt: T0 });
        const started = await store.callbacks.startRun({ callbackId: callback!.id, runId: run.id, startedAt: T0 });
        expect(started.status).toBe('running');
        await store.callbacks.finishRun(started.id, { status: 'failed', error: 'webhook responded 500: no', completedAt: T0 });
        expect(await store.callbacks.listRuns(run.id)).toEqual([{ ...started, status: 'failed', error: 'webhook responded 500: no', completedAt: T0 }]);
      });
    });
  });
}
