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
import type { CacheDecision } from '../../engine/cache-explain.js';
import type { InputDigester } from '../../engine/ports/input-files.js';
import type { EngineDeps, RunOptions, RunSummary } from '../../engine/run-types.js';
import type { Io } from '../io.js';
import { recordLastRun } from './last-run.js';

/** What a cycle runs with. */
export interface CycleDeps {
  options: DevOptions;
  runtimes: RuntimeRegistry;
  reporter: Required<DevReporter>;
  /** The cycle's task cache (see ./cache.ts); none: nothing is looked up or stored. */
  cache?: TaskCache | undefined;
  /** OpenLineage, when the environment enables it (./lineage.ts). */
  lineage?: DevLineage | undefined;
  /** Content digests of input files (relative workdirs start at the session's folder). */
  inputDigests?: InputDigester | undefined;
  /** Where a job's last local run is recorded (./last-run.ts); undefined: not recorded. */
  stateDir?: ((job: Job) => string) | undefined;
  /** `--explain-cache` lines go to its `err`. */
  io?: Io | undefined;
  /** The steps a partial run chose, per cut job: they run even when cached (./partial-select.ts). */
  chosen?: WeakMap<Job, string[]> | undefined;
}

/** The engine's ports for one job of a cycle. */
export function engineDepsOf(deps: CycleDeps, store: RunStore, events: (event: EngineEvent) => void): EngineDeps {
  return {
    store,
    runtimes: (engine) => deps.runtimes.get(engine),
    clock: systemClock,
    events,
    cache: deps.cache,
    inputDigests: deps.inputDigests,
  };
}

/** The run options of a dev session (without the signal); `refresh`: steps that skip the cache lookup. */
export function runOptionsOf(options: DevOptions, refresh: readonly string[] = []): Omit<RunOptions, 'signal'> {
  return {
    refresh,
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
  };
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
  const decisions: CacheDecision[] = [];
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
    const engineDeps = engineDepsOf(deps, store, events);
    if (options.explainCache) engineDeps.onCacheDecision = (d) => decisions.push(d);
    const summary = await runJob(job, engineDeps, { ...runOptionsOf(options, deps.chosen?.get(job)), signal });
    outcome = { kind: 'finished', summary };
    recordRun(deps, job, summary);
  } catch (error) {
    outcome = { kind: 'crashed', error: `internal error: ${errorText(error)}` };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await deps.lineage?.flush();
    if (signal.aborted && runId !== undefined) await runtimes.sweepRun(runId);
    await store?.close().catch(() => undefined);
  }
  await reporter.onRunEnd(start, outcome);
  if (options.explainCache && deps.io !== undefined) printDecisions(job, decisions, deps.io);
  return outcome;
}

/** Records the job's run for `--failed`; a state folder that cannot be written only warns. */
function recordRun(deps: CycleDeps, job: Job, summary: RunSummary): void {
  if (deps.stateDir === undefined || summary.status === 'cancelled') return;
  try {
    recordLastRun(deps.stateDir(job), job, summary);
  } catch (error) {
    deps.io?.err.write(`caesium: could not record the last run of ${job.alias} (for --failed): ${errorText(error)}\n`);
  }
}

/** `--explain-cache`: one line per step, in definition order. */
function printDecisions(job: Job, decisions: readonly CacheDecision[], io: Io): void {
  const byStep = new Map(decisions.map((d) => [d.step, d]));
  const rows = job.steps.map((s) => byStep.get(s.name)).filter((d) => d !== undefined);
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((d) => d.step.length));
  const lines = rows.map((d) => `  ${d.step.padEnd(width)}  ${d.outcome.padEnd(5)}  ${d.reasons.join('; ')}`);
  io.err.write(`cache of ${job.alias}:\n${lines.join('\n')}\n`);
}
