/**
 * Payload fields observers use that the engine's payload types may not carry
 * (yet), read defensively, with the job definition as the fallback.
 *
 *   - task payloads: `engine`, `image`, `command` (what actually ran; `--engine`
 *     overrides the step's engine, so the definition alone can be wrong);
 *     `cache_hash`, `cache_origin_run_id`, `cache_origin_task_run_id` on `task_cached`;
 *   - `run_started`: `total_tasks`, `job_alias`, `trigger_type`, `trigger_alias`.
 */
import type { RunStartedPayload, TaskRunPayload } from '../engine/ports/events.js';
import type { Job, Step } from '../jobdef/types.js';

type TaskExtras = Partial<{
  engine: string;
  image: string;
  command: string[];
  cache_hash: string;
  cache_origin_run_id: string;
  cache_origin_task_run_id: string;
}>;
type RunStartedExtras = Partial<{ total_tasks: number; job_alias: string; trigger_type: string; trigger_alias: string }>;

/** The engine label when neither the payload nor the definition names one. */
export const UNKNOWN_ENGINE = 'unknown';

/** Where and how a task ran. */
export interface TaskExecution {
  engine: string;
  image: string;
  command: string[] | undefined;
}

/** The step of a task payload in `job`, by step name. */
export function stepOf(job: Job | undefined, payload: Pick<TaskRunPayload, 'name'>): Step | undefined {
  return job?.steps.find((s) => s.name === payload.name);
}

/** Engine, image and command of a task run: the payload's, else its step's. */
export function taskExecution(payload: TaskRunPayload, job: Job | undefined): TaskExecution {
  const extra = payload as TaskRunPayload & TaskExtras;
  const step = stepOf(job, payload);
  return {
    engine: text(extra.engine) ?? step?.engine ?? UNKNOWN_ENGINE,
    // An empty image is a real value (a local step), not a missing one.
    image: typeof extra.image === 'string' ? extra.image : (step?.image ?? ''),
    command: Array.isArray(extra.command) ? extra.command : step?.command,
  };
}

/** Where a cached task's result came from, as far as the payload says. */
export function cacheOrigin(payload: TaskRunPayload): { hash?: string; originRunId?: string; originTaskRunId?: string } {
  const extra = payload as TaskRunPayload & TaskExtras;
  const out: { hash?: string; originRunId?: string; originTaskRunId?: string } = {};
  const hash = text(extra.cache_hash);
  const run = text(extra.cache_origin_run_id);
  const taskRun = text(extra.cache_origin_task_run_id);
  if (hash !== undefined) out.hash = hash;
  if (run !== undefined) out.originRunId = run;
  if (taskRun !== undefined) out.originTaskRunId = taskRun;
  return out;
}

/** The run's task count at start: `total_tasks` when the payload has it, else the definition's step count. */
export function startedTaskCount(payload: RunStartedPayload, job: Job | undefined): number | undefined {
  const total = (payload as RunStartedPayload & RunStartedExtras).total_tasks;
  if (typeof total === 'number' && Number.isInteger(total) && total >= 0) return total;
  return job?.steps.length;
}

/** Optional fields of `run_started` beyond the minimal run JSON. */
export function runStartedExtras(payload: RunStartedPayload): { jobAlias?: string; triggerType?: string; triggerAlias?: string } {
  const extra = payload as RunStartedPayload & RunStartedExtras;
  const out: { jobAlias?: string; triggerType?: string; triggerAlias?: string } = {};
  const alias = text(extra.job_alias);
  const type = text(extra.trigger_type);
  const triggerAlias = text(extra.trigger_alias);
  if (alias !== undefined) out.jobAlias = alias;
  if (type !== undefined) out.triggerType = type;
  if (triggerAlias !== undefined) out.triggerAlias = triggerAlias;
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
