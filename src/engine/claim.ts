/** Claiming frontier tasks inside a transaction, with their `task_claimed` events. */
import type { NewExecutionEvent } from './ports/events.js';
import type { TaskRunRecord } from './ports/store-records.js';
import type { RunStoreQueries } from './ports/run-store.js';
import type { RunContext } from './run-context.js';

/** Claims up to `limit` ready task runs of the run, by position. */
export async function claimFrontier(
  tx: RunStoreQueries,
  ctx: RunContext,
  limit: number,
): Promise<{ rows: TaskRunRecord[]; events: NewExecutionEvent[] }> {
  if (limit <= 0) return { rows: [], events: [] };
  const rows = await tx.taskRuns.claimReady(ctx.runId, { limit, claimedBy: ctx.settings.workerId, now: ctx.now() });
  const events = rows.map((r) => ctx.taskEvent('task_claimed', r.taskId, { id: r.id, name: r.name, attempt: r.attempt }));
  return { rows, events };
}
