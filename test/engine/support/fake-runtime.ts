/**
 * A scripted `Runtime` of our own for the engine's semantic tests: per step
 * (and optionally per attempt) an exit, log lines, a virtual-time delay, a
 * hang until stopped, or a start failure. Records every launch and handle.
 */
import {
  RuntimeError,
  type LogLine,
  type Runtime,
  type TaskExit,
  type TaskHandle,
  type TaskLaunch,
  type TaskResult,
} from '../../../src/engine/ports/runtime.js';
import type { Engine } from '../../../src/jobdef/types.js';
import type { FakeClock } from './fake-clock.js';

export interface StepScript {
  /** Default 0. */
  exitCode?: number;
  /** Default: `success` for exit 0, else `failure`. */
  result?: TaskResult;
  /** Plain strings go to stdout. */
  logs?: (string | LogLine)[];
  /** Virtual milliseconds before the task exits. */
  delayMs?: number;
  /** Runs until stopped. */
  hang?: boolean;
  /** Exits at once (no clock tick), so many tasks complete in the same tick. */
  instant?: boolean;
  /** `start` rejects with this. */
  startError?: string | Error;
  /** `wait` rejects with this. */
  waitError?: string;
}

/** One script for every attempt, or one per attempt (the last repeats). */
export type Script = StepScript | StepScript[];

export class FakeHandle implements TaskHandle {
  readonly id: string;
  readonly launch: TaskLaunch;
  stopCalls = 0;
  removeCalls = 0;
  exited = false;
  readonly #exit: Promise<TaskExit>;
  #finish: (exit: TaskExit) => void = () => undefined;
  readonly #script: StepScript;

  constructor(id: string, launch: TaskLaunch, script: StepScript, clock: FakeClock, onExit: () => void) {
    this.id = id;
    this.launch = launch;
    this.#script = script;
    this.#exit = new Promise<TaskExit>((resolve) => {
      this.#finish = (exit) => {
        if (this.exited) return;
        this.exited = true;
        onExit();
        resolve(exit);
      };
    });
    if (script.hang !== true) {
      const exitCode = script.exitCode ?? 0;
      const result = script.result ?? (exitCode === 0 ? 'success' : 'failure');
      if (script.instant === true) queueMicrotask(() => this.#finish({ result, exitCode }));
      else void clock.wait(script.delayMs ?? 0).then(() => this.#finish({ result, exitCode }));
    }
  }

  async *logs(): AsyncIterable<LogLine> {
    for (const line of this.#script.logs ?? []) yield typeof line === 'string' ? { stream: 'stdout', text: line } : line;
    await this.#exit;
  }

  async wait(): Promise<TaskExit> {
    const exit = await this.#exit;
    if (this.#script.waitError !== undefined) throw new Error(this.#script.waitError);
    return exit;
  }

  stop(): Promise<void> {
    this.stopCalls++;
    this.kill();
    return Promise.resolve();
  }

  /** Ends the task as killed without counting a `stop()` call (the start signal's abort). */
  kill(): void {
    this.#finish({ result: 'killed', exitCode: 137 });
  }

  remove(): Promise<void> {
    this.removeCalls++;
    return Promise.resolve();
  }
}

export class FakeRuntime implements Runtime {
  readonly engine: Engine;
  readonly launches: TaskLaunch[] = [];
  readonly handles: FakeHandle[] = [];
  running = 0;
  peak = 0;
  readonly #clock: FakeClock;
  readonly #scripts: Record<string, Script>;

  constructor(clock: FakeClock, scripts: Record<string, Script> = {}, engine: Engine = 'docker') {
    this.#clock = clock;
    this.#scripts = scripts;
    this.engine = engine;
  }

  start(task: TaskLaunch, signal: AbortSignal): Promise<TaskHandle> {
    this.launches.push(task);
    const script = pick(this.#scripts[task.stepName], task.attempt);
    if (script.startError !== undefined) {
      const e = script.startError;
      return Promise.reject(typeof e === 'string' ? new RuntimeError('start_failed', e) : e);
    }
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    const handle = new FakeHandle(`fake-${this.handles.length + 1}`, task, script, this.#clock, () => this.running--);
    this.handles.push(handle);
    signal.addEventListener('abort', () => handle.kill(), { once: true });
    return Promise.resolve(handle);
  }

  /** Handles started for one step, in attempt order. */
  handlesOf(step: string): FakeHandle[] {
    return this.handles.filter((h) => h.launch.stepName === step);
  }

  launchOf(step: string, attempt = 1): TaskLaunch {
    const found = this.launches.find((l) => l.stepName === step && l.attempt === attempt);
    if (found === undefined) throw new Error(`no launch of ${step} attempt ${attempt}`);
    return found;
  }
}

function pick(script: Script | undefined, attempt: number): StepScript {
  if (script === undefined) return {};
  if (!Array.isArray(script)) return script;
  return script[Math.min(attempt, script.length) - 1] ?? {};
}
