/** Runs a job on the memory store with the fake runtime and clock, and checks the rows it leaves. */
import { expect } from 'vitest';
import { runJob } from '../../../src/engine/run-job.js';
import type { EngineEvent, ExecutionEvent } from '../../../src/engine/ports/events.js';
import type { RunStore } from '../../../src/engine/ports/run-store.js';
import type { RunOptions, RunSummary, TaskSummary } from '../../../src/engine/run-types.js';
import type { Job } from '../../../src/jobdef/types.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { FakeClock } from './fake-clock.js';
import { FakeRuntime, type Script } from './fake-runtime.js';

export interface ScenarioOptions extends Partial<Omit<RunOptions, 'signal'>> {
  /** Sees every event; may abort the run through `cancel`. */
  onEvent?: (event: EngineEvent, cancel: () => void) => void;
  store?: RunStore;
}

export interface Scenario {
  summary: RunSummary;
  events: EngineEvent[];
  runtime: FakeRuntime;
  clock: FakeClock;
  store: RunStore;
  task(name: string): TaskSummary;
  /** Persisted events only (no `task_log`). */
  lifecycle(): ExecutionEvent[];
}

export async function runScenario(job: Job, scripts: Record<string, Script> = {}, options: ScenarioOptions = {}): Promise<Scenario> {
  const { onEvent, store: given, ...runOptions } = options;
  const clock = new FakeClock();
  const runtime = new FakeRuntime(clock, scripts);
  const store = given ?? (await createMemoryStore());
  const events: EngineEvent[] = [];
  const controller = new AbortController();
  const summary = await runJob(
    job,
    {
      store,
      clock,
      runtimes: () => Promise.resolve(runtime),
      events: (e) => {
        events.push(e);
        onEvent?.(e, () => controller.abort());
      },
    },
    { maxParallel: 4, ...runOptions, signal: controller.signal },
  );
  await expectNoUnfinishedRows(store, summary);
  for (const handle of runtime.handles) expect(handle.removeCalls, `remove() of ${handle.launch.stepName}`).toBe(1);
  return {
    summary,
    events,
    runtime,
    clock,
    store,
    task(name) {
      const t = summary.tasks.find((x) => x.name === name);
      if (t === undefined) throw new Error(`no task ${name} in the summary`);
      return t;
    },
    lifecycle: () => events.filter((e): e is ExecutionEvent => e.type !== 'task_log'),
  };
}

/** A run never leaves rows pending or running once it ended. */
export async function expectNoUnfinishedRows(store: RunStore, summary: RunSummary): Promise<void> {
  const rows = await store.taskRuns.listByRun(summary.runId);
  expect(rows.filter((r) => r.status === 'pending' || r.status === 'running')).toEqual([]);
  expect(summary.tasks.filter((t) => t.status === 'pending' || t.status === 'running')).toEqual([]);
  const run = await store.runs.get(summary.runId);
  expect(run?.status).toBe(summary.status);
}

/** Task statuses by name. */
export function statuses(summary: RunSummary): Record<string, string> {
  return Object.fromEntries(summary.tasks.map((t) => [t.name, t.status]));
}
