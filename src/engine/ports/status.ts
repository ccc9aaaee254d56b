/** Status strings of runs and task runs (docs/decisions.md §4.1). */

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
/** A run's status. */
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TASK_RUN_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cached', 'cancelled'] as const;
/** A task run's status. */
export type TaskRunStatus = (typeof TASK_RUN_STATUSES)[number];

/** Terminal statuses a task run never leaves: succeeded, failed, skipped, cached, cancelled. */
export function isTerminalTaskStatus(status: TaskRunStatus): boolean {
  switch (status) {
    case 'pending':
    case 'running':
      return false;
    case 'succeeded':
    case 'failed':
    case 'skipped':
    case 'cached':
    case 'cancelled':
      return true;
  }
}

/** Success for trigger rules: `succeeded` or `cached` (docs/decisions.md §2.3). */
export function isSuccessTaskStatus(status: TaskRunStatus): boolean {
  return status === 'succeeded' || status === 'cached';
}
