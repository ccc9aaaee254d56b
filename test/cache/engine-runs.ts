/**
 * Runs a job several times against one task cache, with the fake runtime and
 * one fake clock, each run on a fresh memory store (as `caesium dev` does).
 */
import { runJob } from '../../src/engine/run-job.js';
import type { EngineEvent, ExecutionEvent } from '../../src/engine/ports/events.js';
import type { RunStore } from '../../src/engine/ports/run-store.js';
import type { TaskCache } from '../../src/engine/ports/task-cache.js';
import type { RunOptions, RunSummary, TaskSummary } from '../../src/engine/run-types.js';
import type { CacheSpec, Job } from '../../src/jobdef/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { FakeClock } from '../engine/support/fake-clock.js';
import { FakeRuntime, type Script } from '../engine/support/fake-runtime.js';
import { MemoryTaskCache } from './memory-task-cache.js';

export interface CacheRun {
  summary: RunSummary;
  events: EngineEvent[];
  runtime: FakeRuntime;
  store: RunStore;
  misses: string[];
  shortCircuits: string[];
  task(name: string): TaskSummary;
  lifecycle(): ExecutionEvent[];
}

/** One cache and clock shared by the runs of a test. */
export class CacheBench {
  readonly clock = new FakeClock();
  constructor(readonly cache: TaskCache = new MemoryTaskCache()) {}

  async run(job: Job, scripts: Record<string, Script> = {}, options: Partial<Omit<RunOptions, 'signal'>> = {}): Promise<CacheRun> {
    const runtime = new FakeRuntime(this.clock, scripts);
    const store = await createMemoryStore();
    const events: EngineEvent[] = [];
    const misses: string[] = [];
    const shortCircuits: string[] = [];
    const summary = await runJob(
      job,
      {
        store,
        clock: this.clock,
        runtimes: () => Promise.resolve(runtime),
        events: (e) => events.push(e),
        cache: this.cache,
        onCacheMiss: (alias, name) => misses.push(`${alias}/${name}`),
        onCacheShortCircuit: (alias, name) => shortCircuits.push(`${alias}/${name}`),
      },
      { maxParallel: 4, ...options, signal: new AbortController().signal },
    );
    return {
      summary,
      events,
      runtime,
      store,
      misses,
      shortCircuits,
      task(name) {
        const t = summary.tasks.find((x) => x.name === name);
        if (t === undefined) throw new Error(`no task ${name}`);
        return t;
      },
      lifecycle: () => events.filter((e): e is ExecutionEvent => e.type !== 'task_log'),
    };
  }
}

/** `job` with `metadata.cache` and per-step `cache` set. */
export function withCache(job: Job, jobCache: CacheSpec | undefined, steps: Record<string, CacheSpec> = {}): Job {
  return { ...job, cache: jobCache, steps: job.steps.map((s) => (steps[s.name] === undefined ? s : { ...s, cache: steps[s.name] })) };
}

/** `job` with one step changed. */
export function withStep(job: Job, name: string, change: Partial<Job['steps'][number]>): Job {
  return { ...job, steps: job.steps.map((s) => (s.name === name ? { ...s, ...change } : s)) };
}

/** Task statuses by name. */
export function statusesOf(run: CacheRun): Record<string, string> {
  return Object.fromEntries(run.summary.tasks.map((t) => [t.name, t.status]));
}
