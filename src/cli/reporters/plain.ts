/**
 * The plain reporter: `caesium dev` off a terminal (CI, pipes).
 *
 * Streams (caesium keeps results on stdout, progress and diagnostics on
 * stderr, docs/decisions.md §13):
 *   stdout  `caesium dev <alias>  <paths>`, a rule of 60 `-`, the final task
 *           table (one line per step, definition order), then
 *           `  OK    <alias> completed successfully` or `  FAIL  <alias>: <err>`;
 *           under a step's line its warnings and, when it failed, the last
 *           lines of its output (./step-notes.ts; no tail with `--logs`);
 *   stderr  one live line per task event as it happens (started, succeeded,
 *           failed, retrying, skipped, cached, a schema warning), and
 *           `Run failed: <err>`.
 * So `caesium dev --once 2>/dev/null` prints the original's lines plus the table.
 */
import type { ChalkInstance } from 'chalk';
import type { EngineEvent } from '../../engine/ports/events.js';
import { formatDuration } from '../../jobdef/duration.js';
import type { DevReporter, RunOutcome } from './reporter.js';
import { StepNotes } from './step-notes.js';
import { violationsText } from '../../engine/violation-text.js';
import { elapsed, formatTaskLine, nameTasks, nameWidth, runError, statusIcon, taskError, type TaskLine } from './task-line.js';

/** Where the plain reporter writes. */
export interface PlainStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  color?: ChalkInstance;
  /** `--logs`: every line is streamed, so no tail is printed under a failed step. */
  logs?: boolean;
}

/** The header of a run: `caesium dev <alias>  <paths joined by ", ">` and 60 dashes. */
function headerLines(alias: string, paths: readonly string[]): string[] {
  return [`caesium dev ${alias}  ${paths.join(', ')}`, '-'.repeat(60)];
}

/** Creates the plain reporter. */
export function createPlainReporter(streams: PlainStreams): DevReporter {
  const { out, err, color } = streams;
  let width = 0;
  const names = new Map<string, string>();
  let notes = new StepNotes(streams.logs !== true);
  const progress = (line: TaskLine): void => void err.write(`${formatTaskLine(line, width, color)}\n`);
  return {
    onRunStart({ job, paths }) {
      width = nameWidth(job.steps.map((s) => s.name));
      names.clear();
      notes = new StepNotes(streams.logs !== true);
      out.write(
        headerLines(job.alias, paths)
          .map((l) => `${l}\n`)
          .join(''),
      );
    },
    onEvent(event) {
      notes.onEvent(event);
      const line = progressLine(event, names);
      if (line !== undefined) progress(line);
    },
    onRunEnd({ job }, outcome) {
      out.write(
        resultLines(job.alias, outcome, width, color, notes)
          .map((l) => `${l}\n`)
          .join(''),
      );
      const error = runError(outcome);
      if (error !== null) err.write(`Run failed: ${error}\n`);
    },
  };
}

/** The live line of an event, or undefined for events that get none. */
function progressLine(event: EngineEvent, names: Map<string, string>): TaskLine | undefined {
  switch (event.type) {
    case 'task_ready':
    case 'task_claimed':
      names.set(event.payload.id, event.payload.name);
      return undefined;
    case 'task_started': {
      const p = event.payload;
      names.set(p.id, p.name);
      return { icon: '....', name: p.name, status: p.attempt > 1 ? `running (attempt ${p.attempt}/${p.max_attempts})` : 'running' };
    }
    case 'task_succeeded':
      return {
        icon: 'OK',
        name: event.payload.name,
        status: 'succeeded',
        durationMs: elapsed(event.payload.started_at, event.payload.completed_at),
      };
    case 'task_failed': {
      const p = event.payload;
      const message = nameTasks(p.failure?.message ?? p.error ?? 'failed', names);
      return {
        icon: 'FAIL',
        name: p.name,
        status: 'failed',
        durationMs: elapsed(p.started_at, p.completed_at),
        error: taskError(message, p.exit_code),
      };
    }
    case 'task_retrying': {
      const p = event.payload;
      const status = p.retry_delay_ms > 0 ? `retrying in ${formatDuration(p.retry_delay_ms)}` : 'retrying';
      const error = taskError(nameTasks(p.failure.message, names), p.failure.exitCode);
      return { icon: 'RETRY', name: p.name, status: `${status} (attempt ${p.failed_attempt}/${p.max_attempts} failed)`, error };
    }
    case 'task_skipped':
      return { icon: 'SKIP', name: event.payload.name, status: 'skipped', note: nameTasks(event.payload.reason, names) };
    case 'task_cached':
      return { icon: 'CACHE', name: event.payload.name, status: 'cached' };
    case 'schema_violation_recorded':
      return {
        icon: 'WARN',
        name: event.payload.name,
        status: `output violates declared schema: ${violationsText(event.payload.schema_violations)}`,
      };
    case 'run_started':
    case 'run_completed':
    case 'run_failed':
    case 'run_cancelled':
    case 'run_terminal':
    case 'run_queued':
    case 'run_retried':
    case 'job_paused':
    case 'job_unpaused':
    case 'task_log':
      return undefined;
  }
}

/** The stdout lines of a finished run: the task table (with each step's notes), then the OK or FAIL line. */
export function resultLines(alias: string, outcome: RunOutcome, width: number, color?: ChalkInstance, notes?: StepNotes): string[] {
  const lines: string[] = [];
  if (outcome.kind === 'finished') {
    const names = new Map(outcome.summary.tasks.map((t) => [t.id, t.name]));
    for (const t of outcome.summary.tasks) {
      const reason = t.error === null ? null : nameTasks(t.error, names);
      lines.push(
        formatTaskLine(
          {
            icon: statusIcon(t.status),
            name: t.name,
            status: t.status,
            durationMs: t.durationMs,
            note: t.status === 'skipped' || t.status === 'cancelled' ? reason : null,
            error: t.status === 'failed' ? taskError(reason, t.exitCode) : null,
          },
          width,
          color,
        ),
      );
      if (notes !== undefined) lines.push(...notes.linesFor(t));
    }
  }
  const error = runError(outcome);
  const ok = color && color.level > 0 ? color.green('OK  ') : 'OK  ';
  const fail = color && color.level > 0 ? color.red('FAIL') : 'FAIL';
  lines.push(error === null ? `  ${ok}  ${alias} completed successfully` : `  ${fail}  ${alias}: ${error}`);
  return lines;
}
