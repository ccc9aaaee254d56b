/**
 * The per-task line of `caesium dev` (docs/decisions.md §13.2):
 * `  <icon>  <name padded to longest>  <status>[  (<duration>)][  error: <msg>]`.
 * Icons are padded to five columns plus a space, so the four-letter icons of
 * the original keep their two-space gap (`  OK    extract`) and caesium's
 * five-letter `CACHE` and `RETRY` still align the names.
 */
import type { ChalkInstance } from 'chalk';
import type { TaskRunStatus } from '../../engine/ports/status.js';
import { formatDuration } from '../../jobdef/duration.js';
import type { RunOutcome } from './reporter.js';

/** The icon of a task status: `OK`, `FAIL`, `....` (running), `SKIP`, `CACHE`, four spaces otherwise. */
export function statusIcon(status: TaskRunStatus): string {
  switch (status) {
    case 'succeeded':
      return 'OK';
    case 'failed':
      return 'FAIL';
    case 'running':
      return '....';
    case 'skipped':
      return 'SKIP';
    case 'cached':
      return 'CACHE';
    case 'pending':
    case 'cancelled':
      return '    ';
  }
}

/** One task line before formatting. */
export interface TaskLine {
  icon: string;
  name: string;
  /** `running`, `succeeded`, `skipped`, … (free text: `running (attempt 2/3)`). */
  status: string;
  /** Printed as `(1.204s)`, truncated to the millisecond, when positive. */
  durationMs?: number | null;
  /** Printed in parentheses after the status (skip reasons). */
  note?: string | null;
  error?: string | null;
}

/** Formats one line; `nameWidth` is the longest step name of the job. */
export function formatTaskLine(line: TaskLine, nameWidth: number, color?: ChalkInstance): string {
  const icon = line.icon.padEnd(5);
  const dur =
    line.durationMs !== undefined && line.durationMs !== null && line.durationMs > 0
      ? `  (${formatDuration(Math.trunc(line.durationMs))})`
      : '';
  const note = line.note ? `  (${line.note})` : '';
  const err = line.error ? `  error: ${line.error}` : '';
  return `  ${paint(icon, line.icon, color)} ${line.name.padEnd(nameWidth)}  ${line.status}${dur}${note}${err}`;
}

/** The width of the longest name. */
export function nameWidth(names: readonly string[]): number {
  return names.reduce((w, n) => Math.max(w, n.length), 0);
}

/** Milliseconds between two ISO timestamps, or null when either is missing. */
export function elapsed(startedAt: string | null | undefined, completedAt: string | null | undefined): number | null {
  if (!startedAt || !completedAt) return null;
  const ms = Date.parse(completedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Names the task runs an engine message mentions: `task <task-run uuid> …`
 * becomes `task "load" …`. The ids of an in-memory dev run mean nothing to
 * the reader; the step name does.
 */
export function nameTasks(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/\btask ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g, (whole, id: string) => {
    const name = names.get(id);
    return name === undefined ? whole : `task "${name}"`;
  });
}

/** A failed task's error with its exit code when the message does not say it. */
export function taskError(error: string | null | undefined, exitCode: number | null | undefined): string | null {
  if (!error) return null;
  return exitCode !== undefined && exitCode !== null && exitCode !== 0 && !error.includes('exit code')
    ? `${error} (exit code ${exitCode})`
    : error;
}

/** The run's error as printed (task ids named), or null when it succeeded. */
export function runError(outcome: RunOutcome): string | null {
  if (outcome.kind === 'crashed') return outcome.error;
  const { summary } = outcome;
  if (summary.status === 'succeeded') return null;
  const names = new Map<string, string>();
  for (const t of summary.tasks) {
    names.set(t.id, t.name);
    names.set(t.taskId, t.name);
  }
  return nameTasks(summary.error ?? `run ${summary.status}`, names);
}

function paint(text: string, icon: string, color: ChalkInstance | undefined): string {
  if (color === undefined || color.level === 0) return text;
  switch (icon) {
    case 'OK':
      return color.green(text);
    case 'FAIL':
      return color.red(text);
    case 'SKIP':
    case 'RETRY':
    case 'WARN':
      return color.yellow(text);
    case 'CACHE':
    case '....':
      return color.cyan(text);
    default:
      return text;
  }
}
