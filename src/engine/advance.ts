/**
 * Moves the frontier after a task ends, inside the completion transaction:
 * decrements successors, evaluates the trigger rule of each one whose
 * predecessors are all done (ready or skipped), and propagates skips.
 */
import { notSelectedReason } from './branch.js';
import type { NewExecutionEvent } from './ports/events.js';
import type { RunStoreQueries } from './ports/run-store.js';
import { taskRunPayload } from './payloads.js';
import type { RunContext } from './run-context.js';
import type { TaskRunStatus } from './ports/status.js';
import type { PlannedTask } from './run-plan.js';
import { evaluateTriggerRule } from './trigger-rules.js';

interface Step {
  task: PlannedTask;
  /** Successors skipped outright (not selected by a branch task). */
  notSelected: ReadonlySet<string>;
}

/**
 * Advances the successors of `from`, which just ended. Returns the events to
 * persist: `task_ready` and `task_skipped`, in the order they happened.
 */
export async function advance(
  tx: RunStoreQueries,
  ctx: RunContext,
  from: PlannedTask,
  fromStatus: TaskRunStatus,
  notSelected: readonly string[],
): Promise<NewExecutionEvent[]> {
  const events: NewExecutionEvent[] = [];
  // Statuses written in this transaction: predecessors need not be read back when all are known.
  const known = new Map<string, TaskRunStatus>([[from.taskRunId, fromStatus]]);
  const queue: Step[] = [{ task: from, notSelected: new Set(notSelected) }];
  const completedAt = ctx.now();

  const skip = async (task: PlannedTask, reason: string): Promise<void> => {
    const row = await tx.taskRuns.finish(task.taskRunId, { status: 'skipped', error: reason, completedAt });
    if (row === undefined) return;
    known.set(row.id, 'skipped');
    events.push(ctx.taskEvent('task_skipped', row.taskId, { ...taskRunPayload(ctx.identity, row), reason }));
    queue.push({ task, notSelected: new Set() });
  };

  for (let i = 0; i < queue.length; i++) {
    const { task, notSelected: skipped } = queue[i] as Step;
    if (task.successors.length === 0) continue;
    const updates = await tx.taskRuns.decrementOutstanding(task.successors);
    for (const update of updates) {
      if (update.status !== 'pending') continue;
      const next = ctx.plan.get(update.id);
      if (skipped.has(update.id)) {
        await skip(next, notSelectedReason(task.step.name));
        continue;
      }
      if (update.outstandingPredecessors > 0) continue;
      const decision = evaluateTriggerRule(next.step.triggerRule, await predecessorStatuses(tx, next, known));
      if (decision.run) {
        events.push(ctx.taskEvent('task_ready', next.taskId, { id: next.taskRunId, name: next.step.name, attempt: update.attempt }));
      } else {
        await skip(next, decision.reason);
      }
    }
  }
  return events;
}

async function predecessorStatuses(
  tx: RunStoreQueries,
  task: PlannedTask,
  known: ReadonlyMap<string, TaskRunStatus>,
): Promise<TaskRunStatus[]> {
  const statuses: TaskRunStatus[] = [];
  for (const id of task.predecessors) {
    const status = known.get(id);
    if (status === undefined) return (await tx.taskRuns.statuses(task.predecessors)).map((s) => s.status);
    statuses.push(status);
  }
  return statuses;
}
