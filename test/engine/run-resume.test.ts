import { describe, expect, it } from 'vitest';
import type { EngineEvent, ExecutionEvent } from '../../src/engine/ports/events.js';
import type { RunStore } from '../../src/engine/ports/run-store.js';
import { INTERRUPTED_ATTEMPT, INTERRUPTED_NO_ATTEMPTS, resumeRun } from '../../src/engine/resume-run.js';
import { runJob } from '../../src/engine/run-job.js';
import type { FailurePolicy, RunSummary } from '../../src/engine/run-types.js';
import type { Job } from '../../src/jobdef/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { crashable } from './support/crashable-store.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeRuntime, type Script } from './support/fake-runtime.js';
import { makeJob } from './support/job.js';
import { expectNoUnfinishedRows, statuses } from './support/scenario.js';

const START = Date.parse('2026-01-01T00:00:00.000Z');

interface Crashed {
  store: RunStore;
  runId: string;
  /** The clock time when the first process died. */
  diedAt: number;
  first: FakeRuntime;
}

/** Runs `job` until `when` sees an event, then kills the "process": its store dies with every row as last committed. */
async function crashMidRun(
  job: Job,
  scripts: Record<string, Script>,
  when: (e: EngineEvent) => boolean,
  policy?: FailurePolicy,
): Promise<Crashed> {
  const store = await createMemoryStore();
  const dying = crashable(store);
  const clock = new FakeClock();
  const first = new FakeRuntime(clock, scripts);
  const controller = new AbortController();
  let runId: string | undefined;
  let diedAt = 0;
  const run = runJob(
    job,
    {
      store: dying.store,
      clock,
      runtimes: () => Promise.resolve(first),
      events: (e) => {
        runId ??= e.runId;
        if (diedAt === 0 && when(e)) {
          diedAt = clock.now();
          dying.crash();
          controller.abort(); // the dead process's tasks stop with it; nothing it does lands
        }
      },
    },
    { maxParallel: 4, signal: controller.signal, ...(policy === undefined ? {} : { failurePolicy: policy }) },
  );
  await expect(run).rejects.toThrow('the process crashed');
  if (runId === undefined) throw new Error('the run never started');
  expect((await store.runs.get(runId))?.status).toBe('running');
  return { store, runId, diedAt, first };
}

interface Resumed {
  summary: RunSummary | undefined;
  runtime: FakeRuntime;
  clock: FakeClock;
  events: ExecutionEvent[];
}

/** A second process resumes the run with a fresh runtime and a clock at the time of the crash. */
async function resume(job: Job, crashed: Crashed, scripts: Record<string, Script> = {}, policy?: FailurePolicy): Promise<Resumed> {
  const clock = new FakeClock(crashed.diedAt);
  const runtime = new FakeRuntime(clock, scripts);
  const events: ExecutionEvent[] = [];
  const summary = await resumeRun(
    job,
    { store: crashed.store, clock, runtimes: () => Promise.resolve(runtime), events: (e) => e.type !== 'task_log' && events.push(e) },
    {
      runId: crashed.runId,
      maxParallel: 4,
      signal: new AbortController().signal,
      ...(policy === undefined ? {} : { failurePolicy: policy }),
    },
  );
  if (summary !== undefined) await expectNoUnfinishedRows(crashed.store, summary);
  return { summary, runtime, clock, events };
}

const started = (name: string) => (e: EngineEvent) => e.type === 'task_started' && e.payload.name === name;

describe('resuming a run after its process died (restart safety)', () => {
  it('gives a task left running a new attempt and continues the frontier without re-running finished tasks', async () => {
    const job = makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'], retries: 1 }, { name: 'c', dependsOn: ['b'] }]);
    const crashed = await crashMidRun(job, { b: { hang: true } }, started('b'));
    const before = await crashed.store.taskRuns.listByRun(crashed.runId);
    expect(before.map((r) => [r.name, r.status, r.attempt])).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'running', 1],
      ['c', 'pending', 1],
    ]);

    const r = await resume(job, crashed);
    expect(r.summary).toMatchObject({ status: 'succeeded', error: null, runId: crashed.runId });
    expect(r.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([
      ['b', 2],
      ['c', 1],
    ]);
    const retrying = r.events.find((e) => e.type === 'task_retrying');
    expect(retrying?.payload).toMatchObject({ name: 'b', failed_attempt: 1, attempt: 2, retry_delay_ms: 0 });
    expect(retrying?.type === 'task_retrying' && retrying.payload.failure).toEqual({
      type: 'runtime',
      retryable: true,
      exitCode: null,
      result: null,
      message: INTERRUPTED_ATTEMPT,
    });
    expect(r.events.some((e) => e.type === 'run_started')).toBe(false);
    expect(r.events.slice(-2).map((e) => e.type)).toEqual(['run_completed', 'run_terminal']);
  });

  it('fails a task with no attempts left and advances its successors by their trigger rules', async () => {
    const job = makeJob([
      { name: 'a' },
      { name: 'b', dependsOn: ['a'] },
      { name: 'c', dependsOn: ['b'] },
      { name: 'cleanup', dependsOn: ['b'], triggerRule: 'all_done' },
    ]);
    const crashed = await crashMidRun(job, { b: { hang: true } }, started('b'));
    const r = await resume(job, crashed);
    expect(r.summary).toMatchObject({ status: 'failed', error: INTERRUPTED_NO_ATTEMPTS });
    expect(statuses(r.summary as RunSummary)).toEqual({ a: 'succeeded', b: 'failed', c: 'skipped', cleanup: 'succeeded' });
    const b = r.summary?.tasks.find((t) => t.name === 'b');
    expect(b).toMatchObject({ attempt: 1, error: INTERRUPTED_NO_ATTEMPTS });
    expect(r.runtime.launches.map((l) => l.stepName)).toEqual(['cleanup']);
    const failed = r.events.find((e) => e.type === 'task_failed');
    expect(failed?.type === 'task_failed' && failed.payload.failure).toMatchObject({
      type: 'runtime',
      retryable: false,
      message: INTERRUPTED_NO_ATTEMPTS,
    });
  });

  it('recovers every task that was running at once', async () => {
    const job = makeJob([
      { name: 'a', retries: 2 },
      { name: 'b', retries: 2 },
      { name: 'c', dependsOn: ['a', 'b'] },
    ]);
    let seen = 0;
    const crashed = await crashMidRun(job, { a: { hang: true }, b: { hang: true } }, (e) => e.type === 'task_started' && ++seen === 2);
    const r = await resume(job, crashed);
    expect(r.summary?.status).toBe('succeeded');
    expect(r.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
    ]);
  });

  it('keeps a failure committed before the crash: the run ends failed with its error', async () => {
    const job = makeJob([{ name: 'a' }, { name: 'b', retries: 1 }]);
    const crashed = await crashMidRun(job, { a: { exitCode: 1, delayMs: 5 }, b: { hang: true } }, (e) => e.type === 'task_failed');
    const r = await resume(job, crashed);
    expect(r.summary).toMatchObject({ status: 'failed', error: `task "a" failed with result "failure"` });
    expect(statuses(r.summary as RunSummary)).toEqual({ a: 'failed', b: 'succeeded' });
  });

  it('under halt, starts nothing new after a failure committed before the crash', async () => {
    const job = makeJob([{ name: 'a' }, { name: 'b', retries: 1 }, { name: 'c', dependsOn: ['b'] }]);
    const crashed = await crashMidRun(job, { a: { exitCode: 1, delayMs: 5 }, b: { hang: true } }, (e) => e.type === 'task_failed', 'halt');
    const r = await resume(job, crashed, {}, 'halt');
    expect(r.summary?.status).toBe('failed');
    expect(r.runtime.launches).toEqual([]);
    expect(r.summary?.tasks.find((t) => t.name === 'c')).toMatchObject({ status: 'skipped', error: 'run halted after task "a" failed' });
  });

  it('keeps a pending retry waiting for the rest of its delay', async () => {
    const job = makeJob([{ name: 'a', retries: 1, retryDelayMs: 60_000 }]);
    const crashed = await crashMidRun(job, { a: { exitCode: 1 } }, (e) => e.type === 'task_retrying');
    const row = (await crashed.store.taskRuns.listByRun(crashed.runId))[0];
    expect(row).toMatchObject({ status: 'pending', attempt: 2, notBefore: new Date(crashed.diedAt + 60_000).toISOString() });
    const r = await resume(job, crashed);
    expect(r.clock.sleeps).toEqual([60_000]);
    expect(r.summary?.status).toBe('succeeded');
    expect(r.runtime.launches.map((l) => l.attempt)).toEqual([2]);
  });

  it('counts the run timeout from the run start, not from the resume', async () => {
    const job = makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'], retries: 1 }], { runTimeoutMs: 100_000 });
    const crashed = await crashMidRun(job, { a: { delayMs: 30_000 }, b: { hang: true } }, started('b'));
    expect(crashed.diedAt).toBe(START + 30_000);
    const r = await resume(job, crashed, { b: { hang: true } });
    expect(r.clock.sleeps).toContain(70_000);
    expect(r.summary).toMatchObject({ status: 'failed', error: 'run timed out after 1m40s' });
    expect(r.clock.now()).toBe(START + 100_000);
  });

  it('does nothing for a run that is not running', async () => {
    const job = makeJob([{ name: 'a', retries: 1 }]);
    const crashed = await crashMidRun(job, { a: { hang: true } }, started('a'));
    const first = await resume(job, crashed);
    expect(first.summary?.status).toBe('succeeded');
    const again = await resume(job, crashed);
    expect(again.summary).toBeUndefined();
    expect(again.runtime.launches).toEqual([]);
    expect(again.events).toEqual([]);
  });

  it('ends a run whose rows do not match the job version failed, running nothing', async () => {
    const job = makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }]);
    const crashed = await crashMidRun(job, { a: { hang: true } }, started('a'));
    const other = makeJob([{ name: 'a' }, { name: 'x', dependsOn: ['a'] }]);
    const r = await resume(other, crashed);
    expect(r.summary).toBeUndefined();
    expect(r.runtime.launches).toEqual([]);
    const run = await crashed.store.runs.get(crashed.runId);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('do not match the steps of job test-job (missing: x)') });
    const rows = await crashed.store.taskRuns.listByRun(crashed.runId);
    expect(rows.map((t) => t.status)).toEqual(['skipped', 'skipped']);
  });

  it('lists running runs oldest first for a restarted server', async () => {
    const job = makeJob([{ name: 'a' }]);
    const crashed = await crashMidRun(job, { a: { hang: true } }, started('a'));
    expect((await crashed.store.runs.listRunning()).map((r) => r.id)).toEqual([crashed.runId]);
    await resume(job, crashed);
    expect(await crashed.store.runs.listRunning()).toEqual([]);
  });
});
