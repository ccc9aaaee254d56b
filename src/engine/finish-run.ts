/**
 * Ending a run in one transaction: rows still pending or running are resolved
 * (a run never leaves them behind), the run gets its status and error, and
 * `run_completed|run_failed|run_cancelled` then `run_terminal` are emitted.
 */
import type { NewExecutionEvent } from './ports/events.js';
import type { RunRecord, TaskRunRecord } from './ports/store-records.js';
import { runPayload, taskRunPayload } from './payloads.js';
import { taskName } from './failure.js';
import type { RunContext } from './run-context.js';

/** How a run ends and what happens to its unfinished rows. */
export interface RunEnd {
  status: 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  unfinished: { status: 'skipped' | 'cancelled'; reason: string };
  /** Who cancelled the run on request (`RunCancellation`). */
  cancelledBy?: string;
}

/** Persists the end of the run; returns the run row and its task runs. */
export async function finishRun(ctx: RunContext, end: RunEnd): Promise<{ run: RunRecord; tasks: TaskRunRecord[] }> {
  const { result, events } = await ctx.write(() => finishInStore(ctx, end));
  ctx.publish(events);
  return result;
}

function finishInStore(ctx: RunContext, end: RunEnd) {
  return ctx.deps.store.transaction(async (tx) => {
    if (!(await tx.taskRuns.drives(ctx.runId, ctx.settings.workerId))) {
      // Another node took the run over (this one lost its lease): its end is that node's to write.
      const run = await tx.runs.get(ctx.runId);
      if (run === undefined) throw new Error(`run ${ctx.runId} not found`);
      return { result: { run, tasks: await tx.taskRuns.listByRun(ctx.runId) }, events: [] };
    }
    const completedAt = ctx.now();
    const out: NewExecutionEvent[] = [];
    const swept = await tx.taskRuns.resolveUnfinished(ctx.runId, {
      status: end.unfinished.status,
      error: end.unfinished.reason,
      completedAt,
    });
    if (end.unfinished.status === 'skipped') {
      for (const row of swept)
        out.push(ctx.taskEvent('task_skipped', row.taskId, { ...taskRunPayload(ctx.identity, row), reason: end.unfinished.reason }));
    }
    // Rows that never became ready in a run that otherwise succeeded mean a broken DAG (a cycle).
    const stuck = end.status === 'succeeded' ? swept[0] : undefined;
    const status = stuck === undefined ? end.status : 'failed';
    const error = stuck === undefined ? end.error : `task ${taskName(stuck.name)} never became ready (verify DAG configuration)`;
    const tasks = await tx.taskRuns.listByRun(ctx.runId);
    const run = await tx.runs.finish(ctx.runId, { status, error, completedAt, cancelledBy: end.cancelledBy ?? null });
    const payload = runPayload(ctx.identity, run, tasks);
    const type = status === 'succeeded' ? 'run_completed' : status === 'failed' ? 'run_failed' : 'run_cancelled';
    out.push(ctx.runEvent(type, payload), ctx.runEvent('run_terminal', payload));
    return { result: { run, tasks }, events: await tx.events.append(out) };
  });
}
