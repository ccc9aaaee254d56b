/**
 * Turns an attempt's outcome into the task's new state: status, failure,
 * outputs, schema violations and the successors a branch task skips; and
 * whether a failed attempt is tried again, and when (the step's retries,
 * retry delay and backoff).
 * Pure: the completion transaction (commit.ts) applies what these return.
 */
import { formatDuration } from '../jobdef/duration.js';
import type { Step, StringMap } from '../jobdef/types.js';
import type { AttemptResult } from './attempt.js';
import { decideBranches } from './branch.js';
import { exitFailure, failure, taskName } from './failure.js';
import type { TaskFailure } from './ports/events.js';
import type { SchemaViolation, TaskRunRecord } from './ports/store-records.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { violationsText } from './violation-text.js';

/** What an attempt did to its task. */
export interface Decision {
  status: 'succeeded' | 'failed' | 'cancelled';
  failure: TaskFailure | null;
  /** The text stored as the task's error. */
  error: string | null;
  result: string | null;
  exitCode: number | null;
  output: StringMap;
  branches: string[];
  /** null when the outputs were not validated. */
  violations: SchemaViolation[] | null;
  /** Violations recorded in `warn` mode (the task still succeeded). */
  schemaWarned: boolean;
  warnings: string[];
  /** Task-run ids of direct successors a succeeded branch task did not select. */
  notSelected: string[];
}

/** Decides the task's state from its attempt (docs/decisions.md §2.5, §2.10, §2.12). */
export function decideAttempt(ctx: RunContext, task: PlannedTask, tr: TaskRunRecord, attempt: AttemptResult): Decision {
  const { collected } = attempt;
  const base: Decision = {
    status: 'succeeded',
    failure: null,
    error: null,
    result: null,
    exitCode: null,
    output: collected.outputs,
    branches: collected.branches,
    violations: null,
    schemaWarned: false,
    warnings: [...collected.warnings, ...attempt.warnings],
    notSelected: [],
  };
  const outcome = attempt.outcome;
  switch (outcome.kind) {
    case 'stopped':
      return { ...base, status: 'cancelled', error: ctx.cancelledTaskError(tr.name) };
    case 'timed_out':
      return failed(base, failure('timeout', `task ${taskName(tr.name)} timed out after ${formatDuration(outcome.afterMs)}`));
    case 'failed':
      return failed(base, outcome.failure);
    case 'exited': {
      const withExit = { ...base, result: outcome.exit.result, exitCode: outcome.exit.exitCode };
      const f = exitFailure(outcome.exit);
      return f === undefined ? succeeded(ctx, task, tr, withExit) : failed(withExit, f);
    }
  }
}

function failed(d: Decision, f: TaskFailure): Decision {
  return { ...d, status: 'failed', failure: f, error: f.message };
}

function succeeded(ctx: RunContext, task: PlannedTask, tr: TaskRunRecord, d: Decision): Decision {
  const schema = task.step.outputSchema;
  const mode = ctx.job.schemaValidation;
  if (schema !== undefined && mode !== '') {
    const validate = ctx.schemas.validator(task.step.name, schema);
    if (validate !== undefined) {
      const violations = validate(d.output);
      d = { ...d, violations };
      if (violations.length > 0) {
        if (mode === 'fail')
          return failed(d, failure('schema', `task ${taskName(tr.name)} output violates declared schema: ${violationsText(violations)}`));
        d = { ...d, schemaWarned: true };
      }
    }
  }
  if (task.step.type !== 'branch') return d;
  const names = task.successors.map((id) => ctx.plan.get(id).step.name).sort();
  const branch = decideBranches(d.branches, names);
  if (!branch.ok) return failed(d, failure('branch', branch.error, false));
  const skip = new Set(branch.skip);
  return { ...d, notSelected: task.successors.filter((id) => skip.has(ctx.plan.get(id).step.name)) };
}

/** Whether a finished attempt is tried again: not, or after `delayMs` because of `failure`. */
export type RetryDecision = { retry: false } | { retry: true; delayMs: number; failure: TaskFailure };

/**
 * The retry decision of attempt `attempt` of `maxAttempts` that ended with
 * `failure` (a `Decision`'s; null when the task did not fail): a retryable failure with attempts left
 * is retried after the step's delay, unless the run is `stopping`.
 */
export function decideRetry(
  failure: TaskFailure | null,
  attempts: { attempt: number; maxAttempts: number },
  step: Pick<Step, 'retryDelayMs' | 'retryBackoff'>,
  stopping: boolean,
): RetryDecision {
  if (failure === null || !failure.retryable || attempts.attempt >= attempts.maxAttempts || stopping) return { retry: false };
  return { retry: true, delayMs: retryDelayMs(step.retryDelayMs, step.retryBackoff, attempts.attempt), failure };
}

/**
 * The delay before the attempt after `failedAttempt` (1-based):
 * `delayMs`, or `delayMs × 2^(failedAttempt−1)` with backoff (30s → 30s, 60s, 120s).
 */
export function retryDelayMs(delayMs: number, backoff: boolean, failedAttempt: number): number {
  if (delayMs <= 0) return 0;
  return backoff ? delayMs * 2 ** Math.max(0, failedAttempt - 1) : delayMs;
}
