/**
 * Synthetic engine events with the exact payload shapes of
 * src/engine/ports/events.ts, for feeding observers without running a job.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionEvent, RunPayload, TaskFailure, TaskLogEvent, TaskRunPayload } from '../../../src/engine/ports/events.js';
import type { RunStatus, TaskRunStatus } from '../../../src/engine/ports/status.js';
import type { Engine, StringMap } from '../../../src/jobdef/types.js';

interface TaskState {
  taskId: string;
  taskRunId: string;
  attempt: number;
  startedAt?: string;
  completedAt?: string;
  status: TaskRunStatus;
  output?: StringMap;
  error?: string;
}

export interface FactoryOptions {
  alias?: string;
  jobId?: string;
  runId?: string;
  /** Task names in definition order (ids are made up front). */
  tasks?: string[];
  /** The engine every task runs on (default docker); an event's `extra` may override it. */
  engine?: Engine;
  start?: string;
}

/** Builds the events of one run; time advances only through `advance`. */
export class RunEvents {
  readonly alias: string;
  readonly jobId: string;
  readonly runId: string;
  readonly engine: Engine;
  readonly tasks = new Map<string, TaskState>();
  #now: number;
  #sequence = 0;
  readonly #startedAt: string;

  constructor(options: FactoryOptions = {}) {
    this.alias = options.alias ?? 'etl';
    this.jobId = options.jobId ?? randomUUID();
    this.runId = options.runId ?? randomUUID();
    this.engine = options.engine ?? 'docker';
    this.#now = Date.parse(options.start ?? '2026-01-02T03:04:05.000Z');
    this.#startedAt = this.iso();
    for (const name of options.tasks ?? []) this.task(name);
  }

  iso(): string {
    return new Date(this.#now).toISOString();
  }

  advance(ms: number): this {
    this.#now += ms;
    return this;
  }

  task(name: string): TaskState {
    let t = this.tasks.get(name);
    if (t === undefined) {
      t = { taskId: randomUUID(), taskRunId: randomUUID(), attempt: 1, status: 'pending' };
      this.tasks.set(name, t);
    }
    return t;
  }

  runStarted(extra: Record<string, unknown> = {}): ExecutionEvent {
    const payload = {
      id: this.runId,
      job_id: this.jobId,
      job_alias: this.alias,
      status: 'running' as const,
      started_at: this.#startedAt,
      tasks: [] as [],
      total_tasks: this.tasks.size,
      trigger_type: 'cron' as const,
      ...extra,
    };
    return this.#event('run_started', null, payload);
  }

  taskStarted(name: string, extra: Record<string, unknown> = {}): ExecutionEvent {
    const t = this.task(name);
    t.status = 'running';
    t.startedAt = this.iso();
    return this.#event('task_started', t.taskId, { ...this.payload(name), ...extra });
  }

  taskSucceeded(name: string, output?: StringMap, extra: Record<string, unknown> = {}): ExecutionEvent {
    const t = this.task(name);
    Object.assign(t, { status: 'succeeded', completedAt: this.iso(), ...(output === undefined ? {} : { output }) });
    return this.#event('task_succeeded', t.taskId, { ...this.payload(name), result: 'success', exit_code: 0, ...extra });
  }

  taskFailed(name: string, message = 'exit code 1', extra: Record<string, unknown> = {}): ExecutionEvent {
    const t = this.task(name);
    Object.assign(t, { status: 'failed', completedAt: this.iso(), error: message });
    const failure: TaskFailure = { type: 'exit', retryable: true, exitCode: 1, result: 'failure', message };
    return this.#event('task_failed', t.taskId, { ...this.payload(name), result: 'failure', exit_code: 1, failure, ...extra });
  }

  taskRetrying(name: string): ExecutionEvent {
    const t = this.task(name);
    const failedAttempt = t.attempt;
    const failure: TaskFailure = { type: 'exit', retryable: true, exitCode: 2, result: 'failure', message: 'exit code 2' };
    const event = this.#event('task_retrying', t.taskId, {
      ...this.payload(name),
      status: 'pending',
      failed_attempt: failedAttempt,
      failure,
      retry_delay_ms: 0,
    });
    t.attempt++;
    return event;
  }

  taskSkipped(name: string, reason = 'upstream failed'): ExecutionEvent {
    const t = this.task(name);
    Object.assign(t, { status: 'skipped', completedAt: this.iso(), error: reason });
    return this.#event('task_skipped', t.taskId, { ...this.payload(name), reason });
  }

  taskCached(name: string, output?: StringMap, extra: Record<string, unknown> = {}): ExecutionEvent {
    const t = this.task(name);
    Object.assign(t, { status: 'cached', startedAt: this.iso(), completedAt: this.iso(), ...(output === undefined ? {} : { output }) });
    return this.#event('task_cached', t.taskId, { ...this.payload(name), cache_hit: true, ...extra });
  }

  log(name: string, text: string): TaskLogEvent {
    const t = this.task(name);
    return {
      type: 'task_log',
      sequence: 0,
      jobId: this.jobId,
      runId: this.runId,
      taskId: t.taskId,
      taskRunId: t.taskRunId,
      name,
      attempt: t.attempt,
      stream: 'stdout',
      text,
      timestamp: this.iso(),
    };
  }

  /** `run_completed|run_failed|run_cancelled` and `run_terminal`. */
  runEnded(status: Exclude<RunStatus, 'running'>, error?: string): ExecutionEvent[] {
    const tasks = [...this.tasks.keys()].map((n) => this.payload(n));
    const payload: RunPayload = {
      id: this.runId,
      job_id: this.jobId,
      job_alias: this.alias,
      job_labels: {},
      status,
      params: {},
      started_at: this.#startedAt,
      completed_at: this.iso(),
      tasks,
      cache_hits: tasks.filter((t) => t.cache_hit).length,
      executed_tasks: tasks.filter((t) => t.status === 'succeeded' || t.status === 'failed').length,
      total_tasks: tasks.length,
      ...(error === undefined ? {} : { error }),
    };
    const type = status === 'succeeded' ? 'run_completed' : status === 'failed' ? 'run_failed' : 'run_cancelled';
    return [this.#event(type, null, payload), this.#event('run_terminal', null, payload)];
  }

  payload(name: string): TaskRunPayload {
    const t = this.task(name);
    const p: TaskRunPayload = {
      id: t.taskRunId,
      job_run_id: this.runId,
      task_id: t.taskId,
      name,
      job_alias: this.alias,
      job_labels: {},
      engine: this.engine,
      image: 'alpine:3',
      command: ['sh', '-c', `echo ${name}`],
      status: t.status,
      attempt: t.attempt,
      max_attempts: 3,
      outstanding_predecessors: 0,
      cache_hit: t.status === 'cached',
      claimed_by: 'local',
    };
    if (t.startedAt !== undefined) p.started_at = t.startedAt;
    if (t.completedAt !== undefined) p.completed_at = t.completedAt;
    if (t.output !== undefined) p.output = t.output;
    if (t.error !== undefined) p.error = t.error;
    return p;
  }

  #event(type: ExecutionEvent['type'], taskId: string | null, payload: unknown): ExecutionEvent {
    return {
      sequence: ++this.#sequence,
      type,
      jobId: this.jobId,
      runId: this.runId,
      taskId,
      timestamp: this.iso(),
      payload,
    } as ExecutionEvent;
  }
}
