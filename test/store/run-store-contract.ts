/**
 * The contract of the engine's `RunStore` part every adapter passes (memory,
 * SQLite file; PostgreSQL later): `runStoreContract('name', makeStore)` inside
 * a test file. The server's families have their own contract
 * (store-families-contract.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStore } from '../../src/engine/ports/run-store.js';
import { LOG_SNAPSHOT_MAX_BYTES } from '../../src/engine/ports/run-store.js';
import { makeJob, type StepInput } from '../engine/support/job.js';
import { DIAMOND, event, seedRun as seed, T0, type SeededRun } from './contract-support.js';

export function runStoreContract(name: string, makeStore: () => Promise<RunStore>): void {
  describe(`run store contract: ${name}`, () => {
    let store: RunStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const seedRun = (steps = DIAMOND): Promise<SeededRun> => seed(store, steps);

    describe('jobs', () => {
      it('applies versions with a content hash, and reuses the current one when unchanged', async () => {
        const first = await store.transaction((tx) => tx.jobs.apply(makeJob(DIAMOND), { appliedAt: T0 }));
        expect(first.changed).toBe(true);
        expect(first.job).toMatchObject({ alias: 'test-job', version: 1, current: true });
        expect(first.job.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(first.tasks.map((t) => [t.name, t.position])).toEqual([
          ['a', 0],
          ['b', 1],
          ['c', 2],
          ['d', 3],
          ['e', 4],
        ]);
        expect(first.edges).toHaveLength(4);

        const again = await store.transaction((tx) => tx.jobs.apply(makeJob(DIAMOND), { appliedAt: T0 }));
        expect(again.changed).toBe(false);
        expect(again.job.id).toBe(first.job.id);
        expect(again.tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id));

        const changed = await store.transaction((tx) =>
          tx.jobs.apply(makeJob([...DIAMOND, { name: 'f', dependsOn: ['d'] }]), { appliedAt: T0 }),
        );
        expect(changed.changed).toBe(true);
        expect(changed.job.version).toBe(2);
        expect(changed.job.contentHash).not.toBe(first.job.contentHash);
        expect((await store.jobs.current('test-job'))?.id).toBe(changed.job.id);
        expect((await store.jobs.get(first.job.id))?.current).toBe(false);
        expect((await store.jobs.tasks(changed.job.id)).map((t) => t.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
        expect(await store.jobs.edges(changed.job.id)).toHaveLength(5);
      });

      it('keeps versions per alias and the definition JSON', async () => {
        const a = await store.jobs.apply(makeJob(DIAMOND, { alias: 'one' }), { appliedAt: T0 });
        const b = await store.jobs.apply(makeJob(DIAMOND, { alias: 'two' }), { appliedAt: T0 });
        expect([a.job.version, b.job.version]).toEqual([1, 1]);
        expect(a.job.definition).toMatchObject({ kind: 'Job', metadata: { alias: 'one' } });
        const task = (await store.jobs.tasks(a.job.id))[1];
        expect(task).toMatchObject({
          name: 'b',
          type: 'task',
          engine: 'docker',
          command: ['true'],
          retries: 0,
          retryBackoff: false,
          triggerRule: 'all_success',
        });
      });
    });

    describe('runs and the frontier', () => {
      it('creates a run with one pending row per step and its roots on the frontier', async () => {
        const { run, rows } = await seedRun();
        expect(run).toMatchObject({ status: 'running', params: { day: 'mon' }, startedAt: T0, completedAt: null });
        expect(rows.map((r) => [r.name, r.status, r.attempt, r.outstandingPredecessors])).toEqual([
          ['a', 'pending', 1, 0],
          ['b', 'pending', 1, 1],
          ['c', 'pending', 1, 1],
          ['d', 'pending', 1, 2],
          ['e', 'pending', 1, 0],
        ]);
        const claimed = await store.taskRuns.claimReady(run.id, { limit: 10, claimedBy: 'node-1', now: T0 });
        expect(claimed.map((r) => [r.name, r.status, r.claimedBy])).toEqual([
          ['a', 'running', 'node-1'],
          ['e', 'running', 'node-1'],
        ]);
      });

      it('claims up to N ready rows by position and never twice', async () => {
        const steps: StepInput[] = ['p0', 'p1', 'p2', 'p3', 'p4'].map((name) => ({ name }));
        const { run } = await seedRun(steps);
        const first = await store.taskRuns.claimReady(run.id, { limit: 2, claimedBy: 'w', now: T0 });
        expect(first.map((r) => r.name)).toEqual(['p0', 'p1']);
        const both = await Promise.all([
          store.transaction((tx) => tx.taskRuns.claimReady(run.id, { limit: 2, claimedBy: 'x', now: T0 })),
          store.transaction((tx) => tx.taskRuns.claimReady(run.id, { limit: 2, claimedBy: 'y', now: T0 })),
        ]);
        const names = both.flat().map((r) => r.name);
        expect(names.sort()).toEqual(['p2', 'p3', 'p4']);
        expect(await store.taskRuns.claimReady(run.id, { limit: 5, claimedBy: 'w', now: T0 })).toEqual([]);
        expect(await store.taskRuns.claimReady(run.id, { limit: 0, claimedBy: 'w', now: T0 })).toEqual([]);
      });

      it('does not claim a retry before its notBefore', async () => {
        const { run, byName } = await seedRun([{ name: 'only' }]);
        await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
        const reset = await store.taskRuns.resetForRetry(byName('only').id, { attempt: 2, notBefore: '2026-01-01T00:00:30.000Z' });
        expect(reset).toMatchObject({ status: 'pending', attempt: 2, error: null, output: null, runtimeId: null });
        expect(await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: '2026-01-01T00:00:29.999Z' })).toEqual([]);
        const later = await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: '2026-01-01T00:00:30.000Z' });
        expect(later.map((r) => r.attempt)).toEqual([2]);
      });

      it('completes a task and updates its successors in one transaction', async () => {
        const { run, byName } = await seedRun();
        await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
        const started = await store.taskRuns.markStarted(byName('a').id, { runtimeId: 'c-1', startedAt: T0 });
        expect(started).toMatchObject({ runtimeId: 'c-1', startedAt: T0 });

        const decremented = await store.transaction(async (tx) => {
          const done = await tx.taskRuns.finish(byName('a').id, {
            status: 'succeeded',
            completedAt: T0,
            result: 'success',
            exitCode: 0,
            output: { n: '1' },
            branchSelections: [],
            schemaViolations: null,
            error: null,
          });
          expect(done).toMatchObject({ status: 'succeeded', exitCode: 0, output: { n: '1' }, completedAt: T0 });
          const updates = await tx.taskRuns.decrementOutstanding([byName('b').id, byName('c').id]);
          await tx.taskRuns.finish(byName('c').id, {
            status: 'skipped',
            completedAt: T0,
            error: 'trigger rule "all_success" not satisfied',
          });
          await tx.taskRuns.decrementOutstanding([byName('d').id]);
          return updates;
        });
        expect(decremented.map((u) => [u.id, u.outstandingPredecessors, u.status])).toEqual([
          [byName('b').id, 0, 'pending'],
          [byName('c').id, 0, 'pending'],
        ]);
        const statuses = await store.taskRuns.statuses([byName('a').id, byName('b').id, byName('c').id, byName('d').id]);
        expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
          [byName('a').id]: 'succeeded',
          [byName('b').id]: 'pending',
          [byName('c').id]: 'skipped',
          [byName('d').id]: 'pending',
        });
        expect((await store.taskRuns.get(byName('d').id))?.outstandingPredecessors).toBe(1);
        expect((await store.taskRuns.claimReady(run.id, { limit: 5, claimedBy: 'w', now: T0 })).map((r) => r.name)).toEqual(['b', 'e']);
        expect(await store.taskRuns.outputs([byName('a').id])).toEqual([{ id: byName('a').id, name: 'a', output: { n: '1' } }]);
      });

      it('rolls a completion back entirely when the transaction throws', async () => {
        const { run, byName } = await seedRun();
        await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
        const failing = store.transaction(async (tx) => {
          await tx.taskRuns.finish(byName('a').id, { status: 'succeeded', completedAt: T0 });
          await tx.taskRuns.decrementOutstanding([byName('b').id, byName('c').id]);
          await tx.events.append([event(run.id, run.jobId, 'task_ready', 'b')]);
          throw new Error('boom');
        });
        await expect(failing).rejects.toThrow('boom');
        expect((await store.taskRuns.get(byName('a').id))?.status).toBe('running');
        expect((await store.taskRuns.get(byName('b').id))?.outstandingPredecessors).toBe(1);
        expect(await store.events.list({ runId: run.id })).toEqual([]);
        const created = store.transaction(async (tx) => {
          await tx.runs.create({ id: 'not-kept', jobId: run.jobId, params: {}, startedAt: T0 });
          throw new Error('no');
        });
        await expect(created).rejects.toThrow('no');
        expect(await store.runs.get('not-kept')).toBeUndefined();
      });

      it('writes a terminal status once and resolves what is left unfinished', async () => {
        const { run, byName } = await seedRun();
        await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
        expect(await store.taskRuns.finish(byName('a').id, { status: 'failed', completedAt: T0, error: 'x' })).toBeDefined();
        expect(await store.taskRuns.finish(byName('a').id, { status: 'succeeded', completedAt: T0 })).toBeUndefined();
        const swept = await store.taskRuns.resolveUnfinished(run.id, { status: 'cancelled', error: 'run cancelled', completedAt: T0 });
        expect(swept.map((r) => r.name)).toEqual(['b', 'c', 'd', 'e']);
        expect((await store.taskRuns.listByRun(run.id)).map((r) => r.status)).toEqual([
          'failed',
          'cancelled',
          'cancelled',
          'cancelled',
          'cancelled',
        ]);
        const finished = await store.runs.finish(run.id, { status: 'failed', error: 'x', completedAt: T0 });
        expect(finished).toMatchObject({ status: 'failed', error: 'x', completedAt: T0 });
        expect((await store.runs.listByJob(run.jobId)).map((r) => r.id)).toEqual([run.id]);
      });
    });

    describe('retry: reopening a finished run', () => {
      it('reopens a finished run as its next attempt and a finished row as pending, never a running run', async () => {
        const { run, byName } = await seedRun();
        expect(run).toMatchObject({ attempt: 1, attemptStartedAt: run.startedAt, retry: null });
        const retry = {
          from: null,
          downstream: true,
          kept: ['a'],
          rerun: ['b'],
          previous: { status: 'failed' as const, error: 'x', completedAt: T0 },
        };
        const later = '2026-01-01T01:00:00.000Z';
        expect(await store.runs.reopen(run.id, { attempt: 2, attemptStartedAt: later, retry })).toBeUndefined(); // still running
        await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
        await store.taskRuns.markStarted(byName('a').id, { runtimeId: 'c-1', startedAt: T0 });
        await store.taskRuns.finish(byName('a').id, {
          status: 'failed',
          completedAt: T0,
          result: 'failure',
          exitCode: 1,
          output: { n: '1' },
          error: 'x',
        });
        await store.runs.finish(run.id, { status: 'failed', error: 'x', completedAt: T0, cancelledBy: null });

        const reopened = await store.runs.reopen(run.id, { attempt: 2, attemptStartedAt: later, retry });
        expect(reopened).toMatchObject({ status: 'running', error: null, completedAt: null, attempt: 2, attemptStartedAt: later, retry });
        expect(reopened?.startedAt).toBe(run.startedAt);
        expect(await store.runs.get(run.id)).toEqual(reopened);
        const row = await store.taskRuns.reopen(byName('a').id, { attempt: 2, maxAttempts: 2, outstandingPredecessors: 0 });
        expect(row).toMatchObject({
          status: 'pending',
          attempt: 2,
          maxAttempts: 2,
          result: null,
          exitCode: null,
          output: null,
          error: null,
          runtimeId: null,
          startedAt: null,
          completedAt: null,
        });
        expect((await store.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: later })).map((r) => [r.name, r.attempt])).toEqual(
          [['a', 2]],
        );
      });

      it('never takes a count of unfinished predecessors below 0', async () => {
        const { byName } = await seedRun();
        const a = byName('a').id;
        expect(await store.taskRuns.decrementOutstanding([a])).toEqual([]);
        expect((await store.taskRuns.get(a))?.outstandingPredecessors).toBe(0);
      });
    });

    describe('events', () => {
      it('gives increasing sequences, in the transaction of the change', async () => {
        const { run } = await seedRun();
        const first = await store.events.append([event(run.id, run.jobId, 'task_ready', 'a'), event(run.id, run.jobId, 'task_ready', 'e')]);
        const second = await store.transaction(async (tx) => {
          await tx.taskRuns.claimReady(run.id, { limit: 1, claimedBy: 'w', now: T0 });
          return tx.events.append([event(run.id, run.jobId, 'task_claimed', 'a')]);
        });
        const sequences = [...first, ...second].map((e) => e.sequence);
        expect(sequences.every((s, i) => i === 0 || s > (sequences[i - 1] as number))).toBe(true);
        expect(first[0]?.payload).toEqual({ id: 'a', name: 'a', attempt: 1 });
        const listed = await store.events.list({ runId: run.id });
        expect(listed.map((e) => e.sequence)).toEqual(sequences);
        expect(listed.map((e) => e.type)).toEqual(['task_ready', 'task_ready', 'task_claimed']);
        expect((await store.events.list({ after: sequences[1] })).map((e) => e.type)).toEqual(['task_claimed']);
        expect((await store.events.list({ types: ['task_claimed'], jobId: run.jobId })).map((e) => e.sequence)).toEqual([sequences[2]]);
        expect(await store.events.list({ runId: 'other' })).toEqual([]);
      });
    });

    describe('logs', () => {
      it('caps snapshots at 1 MiB without splitting a character, and replaces them', async () => {
        const { byName } = await seedRun();
        const id = byName('a').id;
        const big = 'é'.repeat(LOG_SNAPSHOT_MAX_BYTES); // 2 MiB of UTF-8
        const saved = await store.logs.save({ taskRunId: id, runId: 'r', text: big, truncated: false, savedAt: T0 });
        expect(saved.truncated).toBe(true);
        expect(Buffer.byteLength(saved.text, 'utf8')).toBe(LOG_SNAPSHOT_MAX_BYTES);
        expect(saved.text).toBe('é'.repeat(LOG_SNAPSHOT_MAX_BYTES / 2));
        expect(await store.logs.get(id)).toEqual(saved);
        await store.logs.save({ taskRunId: id, runId: 'r', text: 'small\n', truncated: false, savedAt: T0 });
        expect(await store.logs.get(id)).toEqual({ text: 'small\n', truncated: false });
        await store.logs.remove(id);
        expect(await store.logs.get(id)).toBeUndefined();
      });
    });

    describe('task cache', () => {
      it('stores, finds, expires, lists, deletes and prunes entries', async () => {
        const entry = {
          hash: 'h1',
          jobId: 'j1',
          taskName: 'build',
          result: 'success',
          output: { n: '1' },
          branchSelections: ['x'],
          runId: 'r1',
          taskRunId: 't1',
          resolvedImageDigest: null,
          hashInputBlob: { job_alias: 'a' },
          createdAt: T0,
          expiresAt: '2026-01-02T00:00:00.000Z',
        };
        await store.cache.put(entry);
        await store.cache.put({ ...entry, hash: 'h2', taskName: 'test', expiresAt: null });
        expect(await store.cache.get('h1', T0)).toEqual(entry);
        expect(await store.cache.get('h1', '2026-01-02T00:00:00.000Z')).toBeUndefined();
        expect(await store.cache.get('h2', '2099-01-01T00:00:00.000Z')).toBeDefined();
        await store.cache.put({ ...entry, result: 'ok' });
        expect((await store.cache.get('h1', T0))?.result).toBe('ok');
        expect((await store.cache.listByJob('j1')).map((e) => e.hash).sort()).toEqual(['h1', 'h2']);
        expect(await store.cache.prune('2026-01-03T00:00:00.000Z')).toBe(1);
        expect(await store.cache.remove('j1', 'other')).toBe(0);
        expect(await store.cache.remove('j1')).toBe(1);
      });
    });
  });
}
