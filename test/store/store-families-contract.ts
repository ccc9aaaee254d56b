/**
 * The contract of the server's store families (catalog, callbacks, how a run
 * started) every full `Store` adapter passes, beside the engine's part
 * (run-store-contract.ts): `storeFamiliesContract('name', makeStore)` inside a
 * test file. The inventory and insight families are exercised through the
 * server's REST tests (inventory, stats).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import type { Job } from '../../src/jobdef/types.js';
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

    /** Applies a one-step job with `trigger` and registers its alias in the catalog; its catalog id. */
    async function applyWithTrigger(alias: string, trigger: Job['trigger']): Promise<string> {
      const job = makeJob([{ name: 'x' }], { alias });
      job.trigger = trigger;
      await store.jobs.apply(job, { appliedAt: T0 });
      return (await store.catalog.register({ alias, provenance: null, now: T0 })).id;
    }

    describe('catalog', () => {
      it('registers aliases with stable ids, provenance, pause and retirement', async () => {
        const a = await store.catalog.register({
          alias: 'a',
          provenance: { sourceId: 's', repo: 'r', ref: null, commit: null, path: null },
          now: 't1',
        });
        const again = await store.catalog.register({ alias: 'a', provenance: null, now: 't2' });
        expect(again).toMatchObject({ id: a.id, provenance: null, createdAt: 't1', updatedAt: 't2' });
        expect((await store.catalog.byIdPrefix(a.id.slice(0, 6), 2)).map((e) => e.alias)).toEqual(['a']);
        expect((await store.catalog.setPaused(a.id, true, 't3'))?.paused).toBe(true);
        await store.catalog.register({
          alias: 'b',
          provenance: { sourceId: 's', repo: null, ref: null, commit: null, path: null },
          now: 't1',
        });
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
        expect(await store.catalog.runTriggers([trigger!.id, trigger!.id, 'no-such-trigger'])).toEqual([
          { id: trigger!.id, type: 'cron', alias: 'test-job' },
        ]);
        expect(await store.catalog.runTriggers([])).toEqual([]);
      });
    });

    describe('trigger state', () => {
      it('lists cron triggers with the cursor, which moves by compare-and-set only', async () => {
        const jobId = await applyWithTrigger('hourly', { type: 'cron', configuration: { expression: '0 * * * *' }, defaultParams: {} });
        await applyWithTrigger('hooked', { type: 'http', configuration: { path: 'p' }, defaultParams: {} });
        const [row] = await store.triggerState.cronTriggers();
        expect(row).toMatchObject({ jobId, alias: 'hourly', paused: false, configuration: { expression: '0 * * * *' }, state: undefined });
        expect(await store.triggerState.cronTriggers()).toHaveLength(1);
        const first = { lastSlot: '2026-01-01T01:00:00.000Z', schedule: '0 * * * *|UTC', now: T0 };
        expect(await store.triggerState.advance(jobId, undefined, first)).toBe(true);
        expect(await store.triggerState.advance(jobId, undefined, first)).toBe(false);
        expect(
          await store.triggerState.advance(jobId, '2026-01-01T00:00:00.000Z', { ...first, lastSlot: '2026-01-01T02:00:00.000Z' }),
        ).toBe(false);
        expect(await store.triggerState.advance(jobId, first.lastSlot, { ...first, lastSlot: '2026-01-01T02:00:00.000Z' })).toBe(true);
        expect((await store.triggerState.cronTriggers())[0]?.state).toEqual({
          jobId,
          lastSlot: '2026-01-01T02:00:00.000Z',
          schedule: '0 * * * *|UTC',
          updatedAt: T0,
        });
      });
    });

    describe('backfills', () => {
      it('records a backfill with its slots, its progress, a cancel request and its end', async () => {
        const jobId = await applyWithTrigger('daily', { type: 'cron', configuration: { expression: '0 0 * * *' }, defaultParams: {} });
        const slots = ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'];
        const created = await store.backfills.create({
          jobId,
          start: slots[0]!,
          end: '2026-01-03T00:00:00Z',
          maxConcurrent: 1,
          reprocess: 'failed',
          slots,
          now: T0,
        });
        expect(created).toMatchObject({
          jobId,
          status: 'running',
          totalRuns: 2,
          completedRuns: 0,
          reprocess: 'failed',
          cancelRequestedAt: null,
        });
        expect((await store.backfills.slots(created.id)).map((x) => [x.position, x.logicalDate, x.state])).toEqual([
          [0, slots[0], 'pending'],
          [1, slots[1], 'pending'],
        ]);
        await store.backfills.setSlot(created.id, 0, { runId: 'r-0', state: 'succeeded' });
        expect((await store.backfills.slots(created.id))[0]).toMatchObject({ runId: 'r-0', state: 'succeeded' });
        // Two servers driving one backfill: only the first claim of a pending slot wins.
        expect(await store.backfills.claimSlot(created.id, 0)).toBe(false);
        expect(await Promise.all([store.backfills.claimSlot(created.id, 1), store.backfills.claimSlot(created.id, 1)])).toEqual([
          true,
          false,
        ]);
        expect((await store.backfills.slots(created.id))[1]).toMatchObject({ runId: null, state: 'running' });
        expect((await store.backfills.listRunning()).map((b) => b.id)).toEqual([created.id]);
        expect((await store.backfills.requestCancel(created.id, 't1'))?.cancelRequestedAt).toBe('t1');
        expect((await store.backfills.requestCancel(created.id, 't2'))?.cancelRequestedAt).toBe('t1');
        const ended = await store.backfills.update(created.id, {
          completedRuns: 1,
          failedRuns: 0,
          status: 'cancelled',
          completedAt: 't3',
          now: 't3',
        });
        expect(ended).toMatchObject({ status: 'cancelled', completedRuns: 1, completedAt: 't3' });
        expect(await store.backfills.requestCancel(created.id, 't4')).toBeUndefined();
        expect(await store.backfills.listRunning()).toEqual([]);
        const empty = await store.backfills.create({
          jobId,
          start: T0,
          end: T0,
          maxConcurrent: 1,
          reprocess: 'none',
          slots: [],
          now: 't5',
        });
        expect(empty).toMatchObject({ status: 'succeeded', totalRuns: 0, completedAt: 't5' });
        expect((await store.backfills.listByJob(jobId)).map((b) => b.id)).toEqual([empty.id, created.id]);
      });

      it('finds the newest run per logical_date across the versions of an alias', async () => {
        const v1 = await store.jobs.apply(makeJob([{ name: 'x' }], { alias: 'daily' }), { appliedAt: T0 });
        const v2 = await store.jobs.apply(makeJob([{ name: 'x' }, { name: 'y' }], { alias: 'daily' }), { appliedAt: T0 });
        const day = '2026-01-01T00:00:00Z';
        const old = await store.runs.create({ jobId: v1.job.id, params: { logical_date: day }, startedAt: '2026-01-02T00:00:00.000Z' });
        await store.runs.finish(old.id, { status: 'failed', error: 'x', completedAt: '2026-01-02T00:00:01.000Z' });
        const newer = await store.runs.create({ jobId: v2.job.id, params: { logical_date: day }, startedAt: '2026-01-03T00:00:00.000Z' });
        await store.runs.finish(newer.id, { status: 'succeeded', error: null, completedAt: '2026-01-03T00:00:01.000Z' });
        await store.runs.create({ jobId: v2.job.id, params: {}, startedAt: '2026-01-04T00:00:00.000Z' });
        expect(await store.backfills.latestByLogicalDate('daily')).toEqual(new Map([[day, 'succeeded']]));
        expect(await store.backfills.latestByLogicalDate('other')).toEqual(new Map());
      });
    });

    describe('hooks', () => {
      it('lists http triggers of current jobs and accepts a delivery once while it lives', async () => {
        const jobId = await applyWithTrigger('hooked', { type: 'http', configuration: { path: 'deploy' }, defaultParams: { env: 'prod' } });
        await applyWithTrigger('timed', { type: 'cron', configuration: { expression: '0 * * * *' }, defaultParams: {} });
        expect(await store.hooks.httpTriggers()).toEqual([
          expect.objectContaining({
            jobId,
            alias: 'hooked',
            paused: false,
            configuration: { path: 'deploy' },
            defaultParams: { env: 'prod' },
          }),
        ]);
        const delivery = { key: 'k1', path: 'deploy', receiptId: 'rc-1', receivedAt: T0, expiresAt: '2026-01-01T00:05:00.000Z' };
        expect(await store.hooks.claimDelivery(delivery, T0)).toBe(true);
        expect(await store.hooks.claimDelivery({ ...delivery, receiptId: 'rc-2' }, '2026-01-01T00:04:59.000Z')).toBe(false);
        expect(
          await store.hooks.claimDelivery(
            { ...delivery, receiptId: 'rc-3', expiresAt: '2026-01-01T00:10:00.000Z' },
            '2026-01-01T00:05:00.000Z',
          ),
        ).toBe(true);
        expect(await store.hooks.pruneDeliveries('2026-01-01T00:09:59.000Z')).toBe(0);
        expect(await store.hooks.pruneDeliveries('2026-01-01T00:10:00.000Z')).toBe(1);
      });
    });

    describe('task descriptors', () => {
      it('keeps the latest launch of a task run and deletes it with its run', async () => {
        const { run, byName } = await seedRun();
        const tr = byName('a');
        const launch = {
          stepName: 'a',
          engine: 'docker' as const,
          image: 'busybox',
          command: ['sh', '-c', 'exit 3'],
          env: { TOKEN: 'secret://env/T', CAESIUM_OUTPUT_UP_ROWS: '42' },
          workdir: '/w',
          mounts: [{ source: './in', target: '/in', readOnly: true }],
        };
        await store.taskDescriptors.record({ taskRunId: tr.id, runId: run.id, attempt: 1, launch, recordedAt: T0 });
        const later = { ...launch, command: undefined };
        await store.taskDescriptors.record({ taskRunId: tr.id, runId: run.id, attempt: 2, launch: later, recordedAt: T0 });
        expect(await store.taskDescriptors.get(tr.id)).toEqual({
          taskRunId: tr.id,
          runId: run.id,
          attempt: 2,
          launch: later,
          recordedAt: T0,
        });
        expect(await store.taskDescriptors.get(byName('b').id)).toBeUndefined();
        await store.runs.finish(run.id, { status: 'failed', error: 'x', completedAt: T0 });
        expect(await store.retention.deleteRuns([run.id])).toBe(1);
        expect(await store.taskDescriptors.get(tr.id)).toBeUndefined();
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
        expect(await store.callbacks.listRuns(run.id)).toEqual([
          { ...started, status: 'failed', error: 'webhook responded 500: no', completedAt: T0 },
        ]);
      });
    });
  });
}
