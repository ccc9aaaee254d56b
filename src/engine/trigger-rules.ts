/** Trigger rules (docs/decisions.md §2.3 with D6), as a pure function of predecessor statuses. */
import { isSuccessTaskStatus, isTerminalTaskStatus, type TaskRunStatus } from './ports/status.js';

/** Whether a task runs once its predecessors are done, and if not, why it is skipped. */
export type TriggerDecision = { run: true } | { run: false; reason: string };

/** The skip reason docs/decisions.md D6 gives an `all_success` task below a failed predecessor. */
const UPSTREAM_FAILED = 'upstream failed';

/**
 * Evaluates `rule` against the statuses of a task's direct predecessors.
 * Predecessors without an outcome yet (pending, running) are ignored; a task
 * with no predecessors always runs; an unknown rule behaves as `all_success`.
 */
export function evaluateTriggerRule(rule: string, predecessors: readonly TaskRunStatus[]): TriggerDecision {
  const done = predecessors.filter(isTerminalTaskStatus);
  if (done.length === 0) return { run: true };
  const holds = ruleHolds(rule, done);
  if (holds) return { run: true };
  if (!isKnownTolerantRule(rule) && done.includes('failed')) return { run: false, reason: UPSTREAM_FAILED };
  return { run: false, reason: `trigger rule "${rule}" not satisfied` };
}

function ruleHolds(rule: string, done: readonly TaskRunStatus[]): boolean {
  switch (rule) {
    case 'all_done':
    case 'always':
      return true;
    case 'all_failed':
      return done.every((s) => s === 'failed');
    case 'one_success':
      return done.some(isSuccessTaskStatus);
    default:
      return done.every(isSuccessTaskStatus);
  }
}

/** Rules that may run after a failed predecessor: all_done, always, all_failed, one_success. */
export function isKnownTolerantRule(rule: string): boolean {
  return rule === 'all_done' || rule === 'always' || rule === 'all_failed' || rule === 'one_success';
}
