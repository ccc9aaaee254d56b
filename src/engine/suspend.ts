/**
 * Leaving a run for a later process (a server that shuts down). Two steps:
 * - Draining (the `drain` signal of `drive`): nothing new is claimed, running
 *   tasks finish and are committed as usual; once none runs, a run with work
 *   left ends its drive with `RunSuspended` and stays `running` in the store,
 *   exactly what the next start resumes.
 * - Stopping (the run's signal aborted with a `RunSuspension`): running tasks
 *   are stopped, and each stopped attempt goes back to `pending` as a new
 *   attempt (it did not fail: its server stopped it), so the next start runs it
 *   again; its attempt budget is not charged for it.
 */
import { failure } from './failure.js';
import type { NewExecutionEvent } from './ports/events.js';
import type { TaskRunRecord } from './ports/store-records.js';
import { taskRunPayload } from './payloads.js';
import type { RunContext } from './run-context.js';

/** The failure recorded for an attempt a shutting-down server stopped. */
export const SHUTDOWN_ATTEMPT = 'the server shut down while the task was running; it runs again when the server starts';

/** The abort reason with which a shutting-down server stops a run's tasks and leaves the run to resume. */
export class RunSuspension extends Error {
  constructor() {
    super('the server is shutting down');
    this.name = 'RunSuspension';
  }
}

/** How `drive` ends for a run left `running` to be resumed (not a failure of the run). */
export class RunSuspended extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} was left running to resume on the next start`);
    this.name = 'RunSuspended';
  }
}

/** Whether `signal` was aborted to suspend the run rather than cancel it. */
export function isSuspension(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof RunSuspension;
}

/** Whether the run still has rows to run (pending or running). */
export async function hasWorkLeft(ctx: RunContext): Promise<boolean> {
  const rows = await ctx.deps.store.taskRuns.listByRun(ctx.runId);
  return rows.some((r) => r.status === 'pending' || r.status === 'running');
}

/** Puts a stopped attempt's row back to `pending` as its next attempt, with `task_retrying` and `task_ready`. */
export async function requeueStopped(ctx: RunContext, tr: TaskRunRecord): Promise<void> {
  const events = await ctx.write(() => requeueInStore(ctx, tr));
  ctx.publish(events);
}

function requeueInStore(ctx: RunContext, tr: TaskRunRecord) {
  return ctx.deps.store.transaction(async (tx) => {
    const next = await tx.taskRuns.resetForRetry(tr.id, { attempt: tr.attempt + 1, notBefore: null });
    const out: NewExecutionEvent[] = [
      ctx.taskEvent('task_retrying', next.taskId, {
        ...taskRunPayload(ctx.identity, next),
        failed_attempt: tr.attempt,
        failure: failure('runtime', SHUTDOWN_ATTEMPT),
        retry_delay_ms: 0,
      }),
      ctx.taskEvent('task_ready', next.taskId, { id: next.id, name: next.name, attempt: next.attempt }),
    ];
    return tx.events.append(out);
  });
}
