/**
 * Runs a cycle's jobs, in order, each on a fresh in-memory store through the
 * shared runtime registry, and feeds every engine event to the reporters.
 * Stops at the first job that does not succeed (as the original does).
 */
import { systemClock } from '../../engine/ports/clock.js';
import type { EngineEvent } from '../../engine/ports/events.js';
import type { RunStore } from '../../engine/ports/run-store.js';
import type { TaskCache } from '../../engine/ports/task-cache.js';
import { runJob } from '../../engine/run-job.js';
import type { Job } from '../../jobdef/types.js';
import type { RuntimeRegistry } from '../../runtime/index.js';
import { createMemoryStore } from '../../store/index.js';
import type { DevReporter, RunOutcome, RunStart } from '../reporters/reporter.js';
import type { DevLineage } from './lineage.js';
import type { DevOptions } from './options.js';
import { errorText } from '../../errors.js';

/** What a cycle runs with. */
export interface CycleDeps {
  options: DevOptions;
  runtimes: RuntimeRegistry;
  reporter: Required<DevReporter>;
  /** The cycle's task cache (see ./cache.ts); none: nothing is looked up or stored. */
  cache?: TaskCache | undefined;
  /** OpenLineage, when the environment enables it (./lineage.ts). */
  lineage?: DevLineage | undefined;
}

/** Runs `jobs` in order until one does not succeed; true when all succeeded. */
export async function runDefinitions(jobs: readonly Job[], deps: CycleDeps, signal: AbortSignal): Promise<boolean> {
  for (const job of jobs) {
    if (signal.aborted) return false;
    const outcome = await runDefinition(job, deps, signal);
    if (outcome.kind !== 'finished' || outcome.summary.status !== 'succeeded') return false;
  }
  return true;
}

/**
 * Runs one job to its end. When `signal` aborts, the engine stops every
 * running task (process groups killed, containers removed) before this
 * resolves; what the run may still have left (process groups, containers)
 * is then swept once more (the runtime registry's `sweepRun`).
 */
async function runDefinition(job: Job, deps: CycleDeps, signal: AbortSignal): Promise<RunOutcome> {
  const { options, runtimes, reporter } = deps;
  const start: RunStart = { job, paths: options.paths };
  let runId: string | undefined;
  const events = (event: EngineEvent): void => {
    if (event.type === 'run_started') runId = event.runId;
    reporter.onEvent(event);
    deps.lineage?.publish(job, event);
  };
  const onAbort = (): void => reporter.onCancelRequested();
  signal.addEventListener('abort', onAbort, { once: true });
  await reporter.onRunStart(start);
  let outcome: RunOutcome;
  let store: RunStore | undefined;
  try {
    store = await createMemoryStore();
    const summary = await runJob(
      job,
      { store, runtimes: (engine) => runtimes.get(engine), clock: systemClock, events, cache: deps.cache },
      {
        params: options.params,
        maxParallel: options.maxParallel,
        maxParallelOverride: options.maxParallelOverride,
        taskTimeoutMs: options.taskTimeoutMs,
        runTimeoutMs: options.runTimeoutMs,
        engineOverride: options.engineOverride,
        failurePolicy: options.failurePolicy,
        cacheDefaults: options.cache.defaults,
        noCache: !options.cache.enabled,
        env: options.envFile,
        signal,
      },
    );
    outcome = { kind: 'finished', summary };
  } catch (error) {
    outcome = { kind: 'crashed', error: `internal error: ${errorText(error)}` };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await deps.lineage?.flush();
    if (signal.aborted && runId !== undefined) await runtimes.sweepRun(runId);
    await store?.close().catch(() => undefined);
  }
  await reporter.onRunEnd(start, outcome);
  return outcome;
}
