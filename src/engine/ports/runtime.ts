import type { Engine, MountSpec, StringMap } from '../../jobdef/types.js';

/** What a runtime needs to start one attempt of one task. */
export interface TaskLaunch {
  runId: string;
  taskRunId: string;
  jobAlias: string;
  stepName: string;
  attempt: number;
  engine: Engine;
  image: string;
  /** undefined: the image's entrypoint (containers); required for `local`. */
  command: string[] | undefined;
  /** The full environment for the task (step env, CAESIUM_* vars, predecessor outputs). */
  env: StringMap;
  workdir: string;
  mounts: MountSpec[];
  /** Labels identifying run and task on the container (`caesium.run-id`, `caesium.task`, …). */
  labels: StringMap;
  /** The step's `nodeSelector` without blank keys or values; absent when empty (servers on one database route by it). */
  nodeSelector?: StringMap;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** One line without its newline. */
  text: string;
}

/** Engine results of docs/decisions.md §2.12. */
export type TaskResult = 'success' | 'failure' | 'startup_failure' | 'resource_failure' | 'killed' | 'terminated' | 'unknown';

export interface TaskExit {
  result: TaskResult;
  exitCode: number | null;
}

/** A task that has been started. Every method is safe to call more than once. */
export interface TaskHandle {
  /** Container id, or `pid:<n>` for local processes. */
  readonly id: string;
  /** Log lines as they are produced, stdout and stderr interleaved; ends when the task ends. */
  logs(): AsyncIterable<LogLine>;
  /** Resolves when the task has exited. */
  wait(): Promise<TaskExit>;
  /** Force-stops the task (whole process group / container). */
  stop(): Promise<void>;
  /** Releases everything the task holds (removes the container). Always called, once the task is done. */
  remove(): Promise<void>;
}

/**
 * One engine. `start` rejects with a `RuntimeError` when the task could not be
 * started (image missing and not pullable, bad command, engine unreachable).
 * Aborting `signal` stops the task.
 */
export interface Runtime {
  readonly engine: Engine;
  start(task: TaskLaunch, signal: AbortSignal): Promise<TaskHandle>;
  /**
   * The content digest (`sha256:…`) of `image` as the engine would run it, or
   * undefined when it has none (local processes, an image not present). Used
   * by the task cache's `pinDigests`; runtimes without it never pin.
   */
  imageDigest?(image: string): Promise<string | undefined>;
  /** Releases the runtime's own resources (connections). */
  close?(): Promise<void>;
}

/** A failure to start or run a task, as data (docs/architecture.md rule 9). */
export class RuntimeError extends Error {
  readonly type: string;
  readonly retryable: boolean;
  constructor(type: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RuntimeError';
    this.type = type;
    this.retryable = options.retryable ?? true;
  }
}
