/** Task results and failures as data, with the original's texts (docs/decisions.md §2.12). */
import type { TaskFailure } from './ports/events.js';
import type { TaskExit } from './ports/runtime.js';

/** The error text of a non-success engine result. */
function resultErrorText(result: string): string {
  switch (result) {
    case 'failure':
      return 'command exited with non-zero status';
    case 'startup_failure':
      return 'atom failed to start (check image/command)';
    case 'resource_failure':
      return 'atom exhausted resources (e.g. OOM)';
    case 'killed':
      return 'atom was forcefully killed';
    case 'terminated':
      return 'atom was gracefully terminated';
    default:
      return result;
  }
}

/** Whether an engine result means success (`""`, `success`, `ok`). */
export function isSuccessResult(result: string): boolean {
  return result === '' || result === 'success' || result === 'ok';
}

/** The failure of an exited attempt, or undefined when it succeeded. */
export function exitFailure(exit: TaskExit): TaskFailure | undefined {
  if (isSuccessResult(exit.result)) return undefined;
  return { type: 'exit', retryable: true, exitCode: exit.exitCode, result: exit.result, message: resultErrorText(exit.result) };
}

/** A failure that is not an exit (start, runtime, timeout, schema, branch, internal). */
export function failure(
  type: Exclude<TaskFailure['type'], 'exit'>,
  message: string,
  retryable = true,
  exitCode: number | null = null,
): TaskFailure {
  return { type, retryable, exitCode, result: null, message };
}

/** The run error a failed task (named by its step) gives its run. */
export function runErrorFor(stepName: string, f: TaskFailure): string {
  return f.type === 'exit' && f.result !== null ? resultRunError(stepName, f.result) : f.message;
}

/** The run error of a task that exited with a failing result; it names the step, never the task-run id. */
export function resultRunError(stepName: string, result: string): string {
  return `task ${taskName(stepName)} failed with result "${result}"`;
}

/** How error texts name a task: its step name, quoted (`task "load" …`). */
export function taskName(stepName: string): string {
  return JSON.stringify(stepName);
}
