/**
 * Leaving a run for a later process (src/engine/suspend.ts): draining lets
 * running tasks finish and claims nothing new; a `RunSuspension` stops the
 * running tasks and puts them back as new attempts. Either way the run stays
 * `running`, and `resumeRun` finishes it.
 */
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../src/engine/run-job.js';
import { resumeRun } from '../../src/engine/resume-run.js';
import { RunSuspended, RunSuspension, SHUTDOWN_ATTEMPT } from '../../src/engine/suspend.js';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import type { EngineDeps } from '../../src/engine/run-types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeRuntime, type Script } from './support/fake-runtime.js';
import { makeJob } from './support/job.js';

async function setup(scripts: Record<string, Script>) {
  const clock = new FakeClock();
  const runtime = new FakeRuntime(clock, scripts);
  const store = await createMemoryStore();
  const events: EngineEvent[] = [];
  let onEvent: (e: EngineEvent) => void = () => undefined;
  const deps: EngineDeps = { store, clock, runtimes: () => Promise.resolve(runtime), events: (e) => (events.push(e), onEvent(e)) };
  const job = makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }]);
  const prepared = await prepareRun(job, deps, { maxParallel: 2 });
  const rows = async () => (await store.taskRuns.listByRun(prepared.runId)).map((r) => [r.name, r.status, r.attempt]);
  return { clock, runtime, store, events, deps, job, prepared, rows, on: (f: (e: EngineEvent) => void) => (onEvent = f) };
}

describe('suspending a run (a server shutting down)', () => {
  it('draining: the running task finishes and is committed, nothing new starts, the run stays running', async () => {
    const s = await setup({ a: { delayMs: 1000 } });
    const signal = new AbortController();
    const drain = new AbortController();
    s.on((e) => e.type === 'task_started' && drain.abort());
    await expect(s.prepared.drive(signal.signal, drain.signal)).rejects.toBeInstanceOf(RunSuspended);
    expect(await s.rows()).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'pending', 1],
    ]);
    expect((await s.store.runs.get(s.prepared.runId))?.status).toBe('running');
    expect(s.runtime.launches.map((l) => l.stepName)).toEqual(['a']);

    const summary = await resumeRun(s.job, s.deps, { maxParallel: 2, runId: s.prepared.runId, signal: new AbortController().signal });
    expect(summary?.status).toBe('succeeded');
    expect(s.runtime.launches.map((l) => l.stepName)).toEqual(['a', 'b']);
  });

  it('a run whose last task ends while draining ends as usual', async () => {
    const s = await setup({});
    const drain = new AbortController();
    s.on((e) => e.type === 'task_started' && e.payload.name === 'b' && drain.abort());
    const summary = await s.prepared.drive(new AbortController().signal, drain.signal);
    expect(summary.status).toBe('succeeded');
  });

  it('a RunSuspension stops the running task and puts it back as its next attempt, even with no retries left', async () => {
    const s = await setup({ a: [{ hang: true }, {}] });
    const signal = new AbortController();
    s.on((e) => e.type === 'task_started' && signal.abort(new RunSuspension()));
    await expect(s.prepared.drive(signal.signal, new AbortController().signal)).rejects.toBeInstanceOf(RunSuspended);
    expect(await s.rows()).toEqual([
      ['a', 'pending', 2],
      ['b', 'pending', 1],
    ]);
    expect(s.runtime.handles.map((h) => [h.launch.stepName, h.stopCalls, h.removeCalls])).toEqual([['a', 1, 1]]);
    const retrying = s.events.find((e) => e.type === 'task_retrying');
    expect(retrying?.payload).toMatchObject({ failed_attempt: 1, failure: { type: 'runtime', message: SHUTDOWN_ATTEMPT } });
    expect(s.events.some((e) => e.type === 'run_cancelled' || e.type === 'run_terminal')).toBe(false);

    const summary = await resumeRun(s.job, s.deps, { maxParallel: 2, runId: s.prepared.runId, signal: new AbortController().signal });
    expect(summary?.status).toBe('succeeded');
    expect(summary?.tasks.map((t) => [t.name, t.status, t.attempt])).toEqual([
      ['a', 'succeeded', 2],
      ['b', 'succeeded', 1],
    ]);
  });
});
