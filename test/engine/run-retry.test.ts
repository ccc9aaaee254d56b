/**
 * Retrying a finished run on the memory store (src/engine/retry-run.ts): the
 * run's rows are reopened as its next attempt and driven like a resumed run;
 * kept tasks keep their results, outputs and branch decisions.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent, ExecutionEvent } from '../../src/engine/ports/events.js';
import type { RunStore } from '../../src/engine/ports/run-store.js';
import { resumeRun } from '../../src/engine/resume-run.js';
import { reopenRun, type RetryRequest } from '../../src/engine/retry-run.js';
import type { RunSummary } from '../../src/engine/run-types.js';
import type { Job } from '../../src/jobdef/types.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeRuntime, type Script } from './support/fake-runtime.js';
import { chain, makeJob } from './support/job.js';
import { expectNoUnfinishedRows, runScenario, statuses } from './support/scenario.js';

interface Retried {
  summary: RunSummary;
  runtime: FakeRuntime;
  events: ExecutionEvent[];
}

/** Reopens the run and drives it to its end with a fresh runtime (what the server does, and what a restart does). */
async function retry(job: Job, store: RunStore, request: RetryRequest, scripts: Record<string, Script> = {}): Promise<Retried> {
  const clock = new FakeClock();
  const runtime = new FakeRuntime(clock, scripts);
  const events: ExecutionEvent[] = [];
  const deps = {
    store,
    clock,
    runtimes: () => Promise.resolve(runtime),
    events: (e: EngineEvent): void => {
      if (e.type !== 'task_log') events.push(e);
    },
  };
  const outcome = await reopenRun(job, deps, request);
  if (!outcome.ok) throw new Error(outcome.message);
  const summary = await resumeRun(job, deps, { runId: request.runId, maxParallel: 4, signal: new AbortController().signal });
  if (summary === undefined) throw new Error('nothing was resumed');
  await expectNoUnfinishedRows(store, summary);
  return { summary, runtime, events };
}

const OUTPUT = { logs: ['##caesium::output {"rows": 42}'] };

describe('retrying a finished run', () => {
  it('re-runs the failed task and the one it skipped; the kept task runs once and its output reaches the re-run task', async () => {
    const job = makeJob(chain('extract', 'load', 'report'));
    const first = await runScenario(job, { extract: OUTPUT, load: [{ exitCode: 1 }, { exitCode: 0 }] });
    expect(statuses(first.summary)).toEqual({ extract: 'succeeded', load: 'failed', report: 'skipped' });

    const again = await retry(job, first.store, { runId: first.summary.runId }, { load: [{ exitCode: 1 }, { exitCode: 0 }] });
    expect(again.summary.status).toBe('succeeded');
    expect(statuses(again.summary)).toEqual({ extract: 'succeeded', load: 'succeeded', report: 'succeeded' });
    expect(again.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([
      ['load', 2],
      ['report', 1],
    ]);
    expect(again.runtime.launchOf('load', 2).env.CAESIUM_OUTPUT_EXTRACT_ROWS).toBe('42');

    const run = await first.store.runs.get(first.summary.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      retry: { from: null, downstream: true, kept: ['extract'], rerun: ['load', 'report'], previous: { status: 'failed' } },
    });
    const rows = await first.store.taskRuns.listByRun(first.summary.runId);
    expect(rows.map((r) => [r.name, r.attempt, r.maxAttempts])).toEqual([
      ['extract', 1, 1],
      ['load', 2, 2],
      ['report', 1, 1],
    ]);
    const retried = again.events.find((e) => e.type === 'run_retried');
    expect(retried?.payload).toMatchObject({ attempt: 2, kept: ['extract'], rerun: ['load', 'report'], previous_status: 'failed' });
    expect(again.events.filter((e) => e.type === 'task_ready').map((e) => [e.payload.name, e.payload.attempt])).toEqual([
      ['load', 2],
      ['report', 1],
    ]);
  });

  it('re-runs a step and everything downstream of it, or that step alone', async () => {
    const job = makeJob(chain('a', 'b', 'c'));
    const first = await runScenario(job, { a: OUTPUT });
    expect(first.summary.status).toBe('succeeded');

    const down = await retry(job, first.store, { runId: first.summary.runId, from: 'b' });
    expect(down.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([
      ['b', 2],
      ['c', 2],
    ]);
    expect(down.runtime.launchOf('b', 2).env.CAESIUM_OUTPUT_A_ROWS).toBe('42');

    const alone = await retry(job, first.store, { runId: first.summary.runId, from: 'b', downstream: false });
    expect(alone.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([['b', 3]]);
    expect(await first.store.runs.get(first.summary.runId)).toMatchObject({
      status: 'succeeded',
      attempt: 3,
      retry: { from: 'b', downstream: false, kept: ['a', 'c'], rerun: ['b'] },
    });
  });

  it('keeps a branch decision: the step the kept branch did not select stays skipped', async () => {
    const job = makeJob([
      { name: 'br', type: 'branch' },
      { name: 'left', dependsOn: ['br'] },
      { name: 'right', dependsOn: ['br'] },
    ]);
    const first = await runScenario(job, { br: { logs: ['##caesium::branch left'] }, left: { exitCode: 1 } });
    expect(statuses(first.summary)).toEqual({ br: 'succeeded', left: 'failed', right: 'skipped' });

    const again = await retry(job, first.store, { runId: first.summary.runId });
    expect(statuses(again.summary)).toEqual({ br: 'succeeded', left: 'succeeded', right: 'skipped' });
    expect(again.runtime.launches.map((l) => l.stepName)).toEqual(['left']);
    expect(again.summary.tasks.find((t) => t.name === 'right')?.error).toBe('not selected by branch task "br"');
  });

  it('re-runs a cancelled run: the task stopped mid-attempt gets its next attempt, the one never started keeps its number', async () => {
    const job = makeJob(chain('a', 'b', 'c'));
    const first = await runScenario(
      job,
      { b: { hang: true } },
      { onEvent: (e, cancel) => e.type === 'task_started' && e.payload.name === 'b' && cancel() },
    );
    expect(first.summary.status).toBe('cancelled');
    expect(statuses(first.summary)).toEqual({ a: 'succeeded', b: 'cancelled', c: 'cancelled' });

    const again = await retry(job, first.store, { runId: first.summary.runId });
    expect(again.summary.status).toBe('succeeded');
    expect(again.runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([
      ['b', 2],
      ['c', 1],
    ]);
    expect(await first.store.runs.get(first.summary.runId)).toMatchObject({
      status: 'succeeded',
      error: null,
      cancelledBy: null,
      retry: { kept: ['a'], rerun: ['b', 'c'], previous: { status: 'cancelled', error: 'run cancelled' } },
    });
  });

  it('keeps a failure outside the re-run steps: the run fails again', async () => {
    const job = makeJob([{ name: 'bad' }, { name: 'good' }]);
    const first = await runScenario(job, { bad: { exitCode: 3 } });
    const again = await retry(job, first.store, { runId: first.summary.runId, from: 'good' });
    expect(again.runtime.launches.map((l) => l.stepName)).toEqual(['good']);
    expect(again.summary.status).toBe('failed');
    expect(statuses(again.summary)).toEqual({ bad: 'failed', good: 'succeeded' });
  });

  it('refuses a running run, an unknown step and a run with nothing to re-run', async () => {
    const job = makeJob(chain('a', 'b'));
    const first = await runScenario(job);
    const deps = { store: first.store, clock: new FakeClock(), runtimes: () => Promise.resolve(first.runtime), events: () => undefined };
    expect(await reopenRun(job, deps, { runId: first.summary.runId })).toMatchObject({ ok: false, reason: 'nothing_to_rerun' });
    expect(await reopenRun(job, deps, { runId: first.summary.runId, from: 'bb' })).toMatchObject({
      ok: false,
      reason: 'unknown_step',
      steps: ['a', 'b'],
    });
    expect(await reopenRun(job, deps, { runId: first.summary.runId, from: 'a' })).toMatchObject({ ok: true, rerun: ['a', 'b'] });
    expect(await reopenRun(job, deps, { runId: first.summary.runId, from: 'a' })).toMatchObject({ ok: false, reason: 'running' });
  });

  it('a reopened run whose driver died is resumed from its rows', async () => {
    const job = makeJob(chain('a', 'b'));
    const first = await runScenario(job, { a: OUTPUT, b: { exitCode: 1 } });
    const deps = { store: first.store, clock: new FakeClock(), runtimes: () => Promise.resolve(first.runtime), events: () => undefined };
    // The process that reopened the run dies before driving it: the run is `running` with `b` pending.
    expect(await reopenRun(job, deps, { runId: first.summary.runId })).toMatchObject({ ok: true });
    expect((await first.store.runs.listRunning()).map((r) => r.id)).toEqual([first.summary.runId]);
    const clock = new FakeClock();
    const runtime = new FakeRuntime(clock);
    const summary = await resumeRun(
      job,
      { store: first.store, clock, runtimes: () => Promise.resolve(runtime), events: () => undefined },
      { runId: first.summary.runId, maxParallel: 4, signal: new AbortController().signal },
    );
    expect(summary?.status).toBe('succeeded');
    expect(runtime.launches.map((l) => [l.stepName, l.attempt])).toEqual([['b', 2]]);
    expect(runtime.launchOf('b', 2).env.CAESIUM_OUTPUT_A_ROWS).toBe('42');
  });
});
