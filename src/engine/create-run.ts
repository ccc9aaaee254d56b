/**
 * Creating a run as rows, in one transaction: the job version (applied or
 * given), the run, one pending task run per step with its count of
 * predecessors; `run_started` and `task_ready` for the roots. Events name the
 * job by the stable id its version row carries.
 */
import type { Job } from '../jobdef/types.js';
import type { NewExecutionEvent } from './ports/events.js';
import type { RunRecord, TaskRecord } from './ports/store-records.js';
import { RunContext, resolveSettings, type RunVersion } from './run-context.js';
import { buildRunPlan, inDegrees } from './run-plan.js';
import type { EngineDeps, RunOptions } from './run-types.js';

/** A created run, and why it cannot start when it cannot. */
export interface CreatedRun {
  ctx: RunContext;
  /** The run's row as committed (`running`). */
  run: RunRecord;
  /** `job <id> has no tasks` / `job <id> has no runnable tasks (verify DAG configuration)`. */
  startError: string | undefined;
}

/** Writes the run and its frontier, publishes the first events. */
export async function createRun(
  job: Job,
  deps: EngineDeps,
  options: Omit<RunOptions, 'signal'> & { signal?: AbortSignal },
): Promise<CreatedRun> {
  const settings = resolveSettings(job, options);
  const params = { ...job.trigger.defaultParams, ...options.params };
  const degrees = inDegrees(job);
  const startedAt = new Date(deps.clock.now()).toISOString();

  const { created, events } = await deps.store.transaction(async (tx) => {
    let version: RunVersion;
    let tasks: TaskRecord[];
    if (options.jobId !== undefined) {
      const record = await tx.jobs.get(options.jobId);
      version = { id: options.jobId, stableId: record?.stableId ?? options.jobId };
      tasks = await tx.jobs.tasks(options.jobId);
    } else {
      const applied = await tx.jobs.apply(job, { appliedAt: startedAt });
      version = applied.job;
      tasks = applied.tasks;
    }
    const jobId = version.id;
    const run = await tx.runs.create({
      id: deps.ids?.(),
      jobId,
      params,
      startedAt,
      ...options.origin,
      ...(options.priority === undefined ? {} : { priority: options.priority }),
    });
    const taskIds = new Map(tasks.map((t) => [t.name, t.id]));
    const rows = await tx.taskRuns.createMany(
      run.id,
      job.steps.map((step) => {
        const taskId = taskIds.get(step.name);
        if (taskId === undefined) throw new Error(`job ${jobId} has no task named "${step.name}"`);
        return {
          id: deps.ids?.(),
          taskId,
          name: step.name,
          position: step.position,
          maxAttempts: Math.max(0, step.retries) + 1,
          outstandingPredecessors: degrees.get(step.name) ?? 0,
        };
      }),
    );
    const plan = buildRunPlan(job, new Map(rows.map((r) => [r.name, { taskId: r.taskId, taskRunId: r.id }])));
    const ctx = new RunContext(job, version, run.id, params, startedAt, plan, settings, deps);
    const roots = rows.filter((r) => r.outstandingPredecessors === 0);
    const startError =
      rows.length === 0
        ? `job ${jobId} has no tasks`
        : roots.length === 0
          ? `job ${jobId} has no runnable tasks (verify DAG configuration)`
          : undefined;
    const out: NewExecutionEvent[] = [
      ctx.runEvent('run_started', {
        id: run.id,
        job_id: ctx.jobId,
        job_alias: job.alias,
        status: 'running',
        started_at: startedAt,
        tasks: [],
        total_tasks: rows.length,
        // Only a run a trigger fired has a trigger type (manual and backfill runs have none, as in the run JSON).
        ...(run.triggerId === null ? {} : { trigger_type: job.trigger.type }),
      }),
    ];
    if (startError === undefined) {
      for (const r of roots) out.push(ctx.taskEvent('task_ready', r.taskId, { id: r.id, name: r.name, attempt: r.attempt }));
    }
    return { created: { ctx, run, startError }, events: await tx.events.append(out) };
  });
  created.ctx.publish(events);
  return created;
}
