/**
 * Running one scenario for real: its job imported into a fresh in-memory
 * store, watched by fresh observers, run `runs` times through the engine and
 * the runtimes, then measured (logs, metrics, lineage) and asserted. The
 * task cache lives in the scenario's store, so with `runs: N` later runs hit
 * what earlier ones stored, and nothing leaks into the next scenario.
 */
import type { CacheDefaults } from '../engine/cache/settings.js';
import { systemClock, type Clock } from '../engine/ports/clock.js';
import type { Runtime } from '../engine/ports/runtime.js';
import type { RunStore } from '../engine/ports/run-store.js';
import type { TaskCache } from '../engine/ports/task-cache.js';
import { runJob } from '../engine/run-job.js';
import type { FailurePolicy, RunOptions, RunSummary } from '../engine/run-types.js';
import type { Engine, Job } from '../jobdef/types.js';
import { storeTaskCache } from '../store/cache/store-cache.js';
import { fileInputDigester } from '../store/cache/input-files.js';
import { createMemoryStore } from '../store/index.js';
import { evaluate } from './assert.js';
import { readBaselines, readObservations } from './measure.js';
import { createObservers, type ScenarioObservers } from './observers.js';
import type { PlaceholderState } from './placeholders.js';
import { resolveJob, ScenarioExecutionError } from './resolve-job.js';
import type { Observations, ScenarioResult } from './result.js';
import type { ResolvedScenario, Scenario, ScenarioEngine } from './scenario.js';
import { waitForLineage } from './lineage-wait.js';
import { subscribeLineage } from '../observe/lineage/subscribe-lineage.js';
import { errorText } from '../errors.js';
import { Releases } from '../releases.js';

/** The runtimes steps run on (the CLI passes `createRuntimes(env)` from src/runtime). */
export interface RuntimeSource {
  get(engine: Engine): Promise<Runtime>;
  /** Sweeps a cancelled run's leftover processes and containers (the registry's `sweepRun`). */
  sweepRun?(runId: string): Promise<unknown>;
}

/** What scenarios run with. */
export interface HarnessDeps {
  runtimes: RuntimeSource;
  /** A fresh store per scenario (default: in-memory SQLite). */
  createStore?: () => Promise<RunStore>;
  clock?: Clock;
  /** Default parallelism (CPU count); a job's `maxParallelTasks` and a scenario's `maxParallel` win over it. */
  maxParallel: number;
  /** `caesium test --engine`: wins over every scenario's `engine`. */
  engineOverride?: ScenarioEngine;
  failurePolicy?: FailurePolicy;
  /** Aborting cancels the running scenario. */
  signal?: AbortSignal;
  /** How long to wait for the expected lineage events (default 500 ms). */
  lineageWaitMs?: number;
  /** The cache's environment layer (`CAESIUM_CACHE_*`, see `cacheDefaultsFromEnv`); default: disabled, 24h. */
  cacheDefaults?: CacheDefaults;
  /** `CAESIUM_OPEN_LINEAGE_*` of the caller: each scenario's runs also go to the lineage transport they configure. */
  lineage?: { env: Readonly<Record<string, string | undefined>>; log: (line: string) => void };
}

/** Runs and asserts one scenario. Never throws: problems become the result's `error`. */
export async function runScenario(resolved: ResolvedScenario, deps: HarnessDeps): Promise<ScenarioResult> {
  const started = Date.now();
  const done = (rest: Omit<ScenarioResult, 'scenario' | 'durationMs' | 'passed'>): ScenarioResult => ({
    scenario: resolved,
    passed: rest.error === undefined && rest.failures.length === 0,
    ...rest,
    durationMs: Date.now() - started,
  });
  try {
    const observations = await execute(resolved, deps);
    if (observations === undefined) return done({ failures: ['scenario did not produce a run result'] });
    return done({ failures: evaluate(resolved.scenario.expect, observations), observations });
  } catch (error) {
    return done({ error: errorText(error), failures: [] });
  }
}

/** Runs the scenario's job; undefined when it was cancelled before any run started. */
async function execute(resolved: ResolvedScenario, deps: HarnessDeps): Promise<Observations | undefined> {
  const { scenario } = resolved;
  const job = resolveJob(resolved);
  const engine = deps.engineOverride ?? scenario.engine;
  const releases = new Releases();
  try {
    const observers = createObservers(job, { lineage: scenario.expect.lineage !== undefined });
    releases.defer(() => observers.close());
    // Not on the scenario's metrics: those count what the scenario asserts (its recording transport).
    if (deps.lineage !== undefined) await subscribeLineage(observers, deps.lineage.env, { jobLookup: () => job, log: deps.lineage.log });
    const store = await (deps.createStore ?? createMemoryStore)();
    releases.defer(() => store.close());
    const cache = storeTaskCache(store);
    const clock = deps.clock ?? systemClock;
    const applied = await store.transaction((tx) => tx.jobs.apply(job, { appliedAt: new Date(clock.now()).toISOString() }));
    const state: PlaceholderState = {
      jobAlias: job.alias,
      jobId: applied.job.id,
      taskIds: new Map(applied.tasks.map((t) => [t.name, t.id])),
    };
    const options = runOptions(scenario, deps, engine, applied.job.id);
    const runs: RunSummary[] = [];
    let baselines: number[] = [];
    for (let i = 1; i <= scenario.runs && !options.signal.aborted; i++) {
      if (i === scenario.runs) {
        await observers.flush();
        baselines = await readBaselines(scenario.expect.metrics, state, observers);
        observers.lineage?.clear();
      }
      runs.push(await runOnce(job, { store, cache }, observers, deps, options));
    }
    const run = runs[runs.length - 1];
    if (run === undefined) return undefined;
    for (const t of run.tasks) (state.taskIds as Map<string, string>).set(t.name, t.taskId);
    await observers.flush();
    if (observers.lineage !== undefined) await waitForLineage(observers.lineage, run, deps.lineageWaitMs ?? 500);
    return {
      run,
      runs,
      logs: await logsOf(store, run),
      metrics: await readObservations(scenario.expect.metrics, state, observers, baselines),
      lineage: observers.lineage?.events() ?? [],
      lineageError: observers.lineage?.error(),
    };
  } finally {
    await releases.releaseAll();
  }
}

async function runOnce(
  job: Job,
  where: { store: RunStore; cache: TaskCache },
  observers: ScenarioObservers,
  deps: HarnessDeps,
  options: RunOptions,
): Promise<RunSummary> {
  let runId: string | undefined;
  const { sink, metrics } = observers;
  const summary = await runJob(
    job,
    {
      store: where.store,
      cache: where.cache,
      // cache.inputs and the files a local command names enter cache keys, as in `caesium dev`
      inputDigests: fileInputDigester(process.cwd()),
      onCacheMiss: metrics.recordCacheMiss,
      onCacheShortCircuit: metrics.recordCacheShortCircuit,
      runtimes: (engine) => deps.runtimes.get(engine),
      clock: deps.clock ?? systemClock,
      events: (event) => {
        if (event.type === 'run_started') runId = event.runId;
        sink(event);
      },
    },
    options,
  ).catch((error: unknown) => {
    throw new ScenarioExecutionError(`run failed: ${errorText(error)}`, { cause: error });
  });
  if (options.signal.aborted && runId !== undefined) await deps.runtimes.sweepRun?.(runId).catch(() => undefined);
  return summary;
}

function runOptions(scenario: Scenario, deps: HarnessDeps, engine: ScenarioEngine | undefined, jobId: string): RunOptions {
  const options: RunOptions = {
    jobId,
    params: scenario.params,
    maxParallel: deps.maxParallel,
    signal: deps.signal ?? new AbortController().signal,
  };
  if (scenario.maxParallel > 0) options.maxParallelOverride = scenario.maxParallel;
  if (scenario.taskTimeoutMs > 0) options.taskTimeoutMs = scenario.taskTimeoutMs;
  if (scenario.runTimeoutMs > 0) options.runTimeoutMs = scenario.runTimeoutMs;
  if (engine !== undefined) options.engineOverride = engine;
  if (deps.failurePolicy !== undefined) options.failurePolicy = deps.failurePolicy;
  if (deps.cacheDefaults !== undefined) options.cacheDefaults = deps.cacheDefaults;
  return options;
}

async function logsOf(store: RunStore, run: RunSummary): Promise<Map<string, string>> {
  const logs = new Map<string, string>();
  for (const t of run.tasks) logs.set(t.name, (await store.logs.get(t.id))?.text ?? '');
  return logs;
}
