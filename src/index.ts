/**
 * caesium as a library: load and validate job definitions, run a job through
 * the engine on a store and runtimes you choose, run harness scenarios, and
 * talk to a caesium server over REST. The CLI (`caesium/cli`) is built on the
 * same functions.
 *
 * Run a job once, in memory, with its steps as local processes:
 *
 * ```ts
 * import { createLocalRuntime, createMemoryStore, loadDefinitions, runJob, systemClock } from 'caesium';
 *
 * // Every job definition under the paths, each validated (diagnostics with file:line:col).
 * const { definitions, diagnostics } = loadDefinitions(['hello.yaml']);
 * const job = definitions[0]?.job; // undefined when the definition has an error
 * if (job === undefined) {
 *   const problems = [...diagnostics, ...(definitions[0]?.diagnostics ?? [])];
 *   throw new Error(problems.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`).join('\n') || 'no job definition found');
 * }
 *
 * const store = await createMemoryStore();
 * const local = createLocalRuntime();
 * try {
 *   const deps = { store, runtimes: async () => local, clock: systemClock, events: () => {} };
 *   const summary = await runJob(job, deps, { maxParallel: 2, signal: new AbortController().signal });
 *   console.log(summary.status, summary.tasks[0]?.output.greeting);
 * } finally {
 *   await local.close?.();
 *   await store.close();
 * }
 * ```
 *
 * with `hello.yaml`:
 *
 * ```yaml
 * apiVersion: v1
 * kind: Job
 * metadata:
 *   alias: hello
 * trigger:
 *   type: cron
 *   configuration:
 *     expression: "0 * * * *"
 * steps:
 *   - name: greet
 *     engine: local
 *     command: ["sh", "-c", "echo '##caesium::output {\"greeting\": \"hello\"}'"]
 * ```
 *
 * prints `succeeded hello`. `createRuntimes()` gives one runtime per engine
 * (local, docker, podman) for jobs that mix them; `runHarness` runs the
 * scenarios `loadScenarios` found; `CaesiumClient` calls a server's REST API.
 *
 * @module
 */

// Job definitions: load and validate.
export { loadDefinitions, type Definition, type DefinitionSet } from './jobdef/definitions.js';
export { hasErrors, sortDiagnostics, type Diagnostic, type Severity } from './jobdef/diagnostic.js';
export type { Edge, Engine, Job, JobSpec, Step, StepSpec, StringMap, TriggerType } from './jobdef/types.js';

// Running a job: the engine and the ports it runs through.
export {
  runJob,
  systemClock,
  type Clock,
  type EngineDeps,
  type EngineEvent,
  type EventSink,
  type FailurePolicy,
  type RunOptions,
  type RunStatus,
  type RunSummary,
  type RunStore,
  type Runtime,
  type TaskRunStatus,
  type TaskSummary,
} from './engine/index.js';
export {
  createMemoryStore,
  createSqliteFileStore,
  type SqliteFileStoreOptions,
  type SqliteSynchronous,
  type Store,
} from './store/index.js';
export {
  createDockerRuntime,
  createLocalRuntime,
  createPodmanRuntime,
  createRuntimes,
  type LocalRuntimeOptions,
  type RuntimeRegistry,
  type RuntimeRegistryOptions,
} from './runtime/index.js';

// Harness scenarios: load, run, report.
export {
  createJsonReporter,
  createJunitReporter,
  createTextReporter,
  fanOut,
  isInvalid,
  loadScenarios,
  runHarness,
  runScenario,
  type HarnessDeps,
  type HarnessReport,
  type HarnessReporter,
  type MetricObservation,
  type Observations,
  type ResolvedScenario,
  type RuntimeSource,
  type Scenario,
  type ScenarioResult,
  type ScenarioSet,
} from './harness/index.js';

// A caesium server, over REST.
export {
  CaesiumClient,
  ClientError,
  DEFAULT_SERVER_URL,
  type ClientOptions,
  type EventJson,
  type EventQuery,
  type EventStream,
  type ListQuery,
  type ServerEvent,
  type TaskLogJson,
} from './client/index.js';

// Errors with a stable code, a message and a hint.
export { CaesiumError, UsageError, type SourcePosition } from './errors.js';
