import { constants } from 'node:os';
import type { TaskExit } from '../engine/ports/runtime.js';

/**
 * How an exit becomes a result (docs/decisions.md §2.12), the same for every engine:
 * 0 → `success`; SIGKILL (137) → `killed`; SIGTERM/SIGINT/SIGHUP/SIGQUIT
 * (143, 130, 129, 131) → `terminated`; an out-of-memory kill →
 * `resource_failure`; any other non-zero code → `failure`.
 *
 * The original also maps container exit codes 125–127 to `startup_failure`; we
 * report a task that cannot start as a `RuntimeError` from `start()` instead,
 * so an `exit 127` of the task's own making stays a `failure`.
 */
export function exitFromCode(code: number, oomKilled = false): TaskExit {
  if (oomKilled) return { result: 'resource_failure', exitCode: code };
  if (code === 0) return { result: 'success', exitCode: 0 };
  if (code === 128 + constants.signals.SIGKILL) return { result: 'killed', exitCode: code };
  if (TERMINATING.some((signal) => code === 128 + constants.signals[signal])) return { result: 'terminated', exitCode: code };
  return { result: 'failure', exitCode: code };
}

/** A host process's exit: a signal counts as exit code 128 + its number, as in a shell or a container. */
export function exitFromProcess(code: number | null, signal: NodeJS.Signals | null): TaskExit {
  if (signal !== null) return exitFromCode(128 + (constants.signals[signal] ?? 0));
  return code === null ? { result: 'unknown', exitCode: null } : exitFromCode(code);
}

const TERMINATING = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const;
