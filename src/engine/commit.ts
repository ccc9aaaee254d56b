/**
 * The completion transaction of one attempt: applies the attempt's decision
 * and the retry decision (both pure, decide.ts): either back to pending for a
 * retry, or the terminal write, the log snapshot, the task event and the
 * successors, all at once.
 */
import type { AttemptResult } from './attempt.js';
import { advance } from './advance.js';
import { decideRetry, type Decision } from './decide.js';
import type { ExecutionEvent, NewExecutionEvent } from './ports/events.js';
import type { TaskRunStatus } from './ports/status.js';
import type { TaskRunRecord } from './ports/store-records.js';
import type { RunStoreQueries } from './ports/run-store.js';
import { claimFrontier } from './claim.js';
import { taskRunPayload } from './payloads.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';

/** What the scheduler must do after a commit. */
export type Committed = ({ kind: 'retry'; delayMs: number } | { kind: 'ended'; row: TaskRunRecord | undefined }) & {
  /** Frontier tasks claimed in the same transaction, to launch now. */
  claimed: TaskRunRecord[];
};

/** The scheduler's side of claiming inside a commit. */
export interface ClaimSlots {
  /** How many tasks the commit may claim, asked once the task's new status is written (`retry`: back to pending). */
  reserve(ended: TaskRunStatus | 'retry'): number;
  /** What the claim returned (inside the transaction, so reports arrive in commit order); `count >= limit` means more may be ready. */
  claimed(count: number, limit: number): void;
}

/**
 * Claims the frontier inside a commit's transaction with the slots the
 * scheduler grants for `ended`; the `task_claimed` events go to `out`.
 */
export async function claimAfterCommit(
  tx: RunStoreQueries,
  ctx: RunContext,
  slots: ClaimSlots,
  ended: TaskRunStatus | 'retry',
  out: NewExecutionEvent[],
): Promise<TaskRunRecord[]> {
  const limit = slots.reserve(ended);
  // Report even a claim of nothing: with no slot now, what this commit made ready is claimed later.
  const { rows, events } = await claimFrontier(tx, ctx, limit);
  slots.claimed(rows.length, limit);
  out.push(...events);
  return rows;
}

/** Persists `decision` for attempt `tr`, claims follow-up work, and publishes the events. */
export async function commitAttempt(
  ctx: RunContext,
  task: PlannedTask,
  tr: TaskRunRecord,
  decision: Decision,
  attempt: AttemptResult,
  slots: ClaimSlots,
): Promise<Committed> {
  const { committed, events } = await ctx.deps.store.transaction(async (tx) => {
    // Fenced by the attempt: a node that lost this claim (its lease expired, another node took the run) writes nothing.
    if (!(await tx.taskRuns.holds(tr.id, { attempt: tr.attempt, claimedBy: ctx.settings.workerId })))
      return { committed: { kind: 'ended', row: undefined, claimed: [] } as Committed, events: [] as ExecutionEvent[] };
    const out: NewExecutionEvent[] = [];
    const claim = (ended: TaskRunStatus | 'retry'): Promise<TaskRunRecord[]> => claimAfterCommit(tx, ctx, slots, ended, out);
    // Decided in the transaction, not with the attempt: a stop requested while the commit waited means no retry.
    const retry = decideRetry(decision.failure, tr, task.step, ctx.stop !== undefined);
    if (retry.retry) {
      const { delayMs, failure } = retry;
      const notBefore = delayMs > 0 ? new Date(ctx.deps.clock.now() + delayMs).toISOString() : null;
      const row = await tx.taskRuns.resetForRetry(tr.id, { attempt: tr.attempt + 1, notBefore });
      out.push(
        ctx.taskEvent('task_retrying', row.taskId, {
          ...taskRunPayload(ctx.identity, row),
          failed_attempt: tr.attempt,
          failure,
          retry_delay_ms: delayMs,
        }),
        ctx.taskEvent('task_ready', row.taskId, { id: row.id, name: row.name, attempt: row.attempt }),
      );
      const claimed = await claim('retry');
      return { committed: { kind: 'retry', delayMs, claimed } as Committed, events: await tx.events.append(out) };
    }

    const completedAt = ctx.now();
    const row = await tx.taskRuns.finish(tr.id, {
      status: decision.status,
      completedAt,
      result: decision.result,
      exitCode: decision.exitCode,
      output: decision.output,
      branchSelections: decision.branches,
      schemaViolations: decision.violations,
      error: decision.error,
    });
    if (row === undefined) return { committed: { kind: 'ended', row, claimed: [] } as Committed, events: [] as ExecutionEvent[] };
    const text = attempt.log.text + decision.warnings.map((w) => `caesium: ${w}\n`).join('');
    if (text !== '' || attempt.log.truncated) {
      await tx.logs.save({ taskRunId: tr.id, runId: ctx.runId, text, truncated: attempt.log.truncated, savedAt: completedAt });
    }
    if (decision.status !== 'cancelled') {
      const payload = { ...taskRunPayload(ctx.identity, row), ...(decision.warnings.length > 0 ? { warnings: decision.warnings } : {}) };
      if (decision.status === 'succeeded') out.push(ctx.taskEvent('task_succeeded', row.taskId, payload));
      else
        out.push(ctx.taskEvent('task_failed', row.taskId, decision.failure === null ? payload : { ...payload, failure: decision.failure }));
      if (decision.schemaWarned && decision.violations !== null) {
        out.push(
          ctx.taskEvent('schema_violation_recorded', row.taskId, {
            id: row.id,
            name: row.name,
            violations: decision.violations.length,
            schema_violations: decision.violations,
          }),
        );
      }
      out.push(...(await advance(tx, ctx, task, row.status, decision.notSelected)));
    }
    const claimed = await claim(row.status);
    return { committed: { kind: 'ended', row, claimed } as Committed, events: await tx.events.append(out) };
  });
  if (committed.kind === 'ended' && committed.row !== undefined) ctx.outputs.set(committed.row.id, decision.output);
  ctx.publish(events);
  return committed;
}
