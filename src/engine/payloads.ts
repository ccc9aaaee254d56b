/** Event payloads: the wire JSON of task runs and runs (docs/decisions.md §11.3). */
import type { Engine, Job, StringMap, TriggerType } from '../jobdef/types.js';
import type { RunPayload, TaskRunPayload } from './ports/events.js';
import type { RunRecord, TaskRunRecord } from './ports/store-records.js';

/** Where and how a step runs in one run. */
export interface StepExecution {
  engine: Engine;
  image: string;
  command: string[] | undefined;
}

/** Which job a payload belongs to, and how its steps run. */
export interface JobIdentity {
  /** The job's stable id (a run payload's `job_id`). */
  id: string;
  alias: string;
  labels: StringMap;
  /** The type of the version's trigger (a trigger's alias is its job's alias). */
  triggerType: TriggerType;
  /** By step name. */
  steps: ReadonlyMap<string, StepExecution>;
}

/** The identity of `job` (stable id `jobId`) in a run; `engineOverride` (`--engine`) replaces every step's engine. */
export function jobIdentity(job: Job, jobId: string, engineOverride: Engine | undefined): JobIdentity {
  const steps = new Map<string, StepExecution>();
  for (const s of job.steps) steps.set(s.name, { engine: engineOverride ?? s.engine, image: s.image, command: s.command });
  return { id: jobId, alias: job.alias, labels: job.labels, triggerType: job.trigger.type, steps };
}

/** Task-run JSON with null fields left out. */
export function taskRunPayload(job: JobIdentity, tr: TaskRunRecord): TaskRunPayload {
  const step = job.steps.get(tr.name);
  if (step === undefined) throw new Error(`task run ${tr.id} names "${tr.name}", not a step of job ${job.alias}`);
  const p: TaskRunPayload = {
    id: tr.id,
    job_run_id: tr.runId,
    task_id: tr.taskId,
    name: tr.name,
    job_alias: job.alias,
    job_labels: job.labels,
    engine: step.engine,
    image: step.image,
    status: tr.status,
    attempt: tr.attempt,
    max_attempts: tr.maxAttempts,
    outstanding_predecessors: tr.outstandingPredecessors,
    cache_hit: tr.cacheHit,
  };
  if (step.command !== undefined) p.command = step.command;
  if (tr.result !== null) p.result = tr.result;
  if (tr.exitCode !== null) p.exit_code = tr.exitCode;
  if (tr.output !== null) p.output = tr.output;
  if (tr.branchSelections !== null) p.branch_selections = tr.branchSelections;
  if (tr.schemaViolations !== null) p.schema_violations = tr.schemaViolations;
  if (tr.error !== null) p.error = tr.error;
  if (tr.runtimeId !== null) p.runtime_id = tr.runtimeId;
  if (tr.claimedBy !== null) p.claimed_by = tr.claimedBy;
  if (tr.startedAt !== null) p.started_at = tr.startedAt;
  if (tr.completedAt !== null) p.completed_at = tr.completedAt;
  return p;
}

/** Run JSON with its task runs and counters. */
export function runPayload(job: JobIdentity, run: RunRecord, tasks: readonly TaskRunRecord[]): RunPayload {
  let cacheHits = 0;
  let executed = 0;
  for (const t of tasks) {
    if (t.cacheHit || t.status === 'cached') cacheHits++;
    else if (t.status === 'running' || t.status === 'succeeded' || t.status === 'failed') executed++;
  }
  const p: RunPayload = {
    id: run.id,
    job_id: job.id,
    job_alias: job.alias,
    job_labels: job.labels,
    ...runOriginPayload(job, run),
    status: run.status,
    params: run.params,
    started_at: run.startedAt,
    tasks: tasks.map((t) => taskRunPayload(job, t)),
    cache_hits: cacheHits,
    executed_tasks: executed,
    total_tasks: tasks.length,
  };
  if (run.error !== null) p.error = run.error;
  if (run.completedAt !== null) p.completed_at = run.completedAt;
  if (run.cancelledBy !== null) p.cancelled_by = run.cancelledBy;
  return p;
}

/** `backfill_id`, `trigger_type` and `trigger_alias` of a run, each only when set (the run row's trigger is its version's). */
function runOriginPayload(
  job: Pick<JobIdentity, 'alias' | 'triggerType'>,
  run: RunRecord,
): Pick<RunPayload, 'backfill_id' | 'trigger_type' | 'trigger_alias'> {
  const out: Pick<RunPayload, 'backfill_id' | 'trigger_type' | 'trigger_alias'> = {};
  if (run.backfillId !== null) out.backfill_id = run.backfillId;
  if (run.triggerId !== null) {
    out.trigger_type = job.triggerType;
    out.trigger_alias = job.alias;
  }
  return out;
}
