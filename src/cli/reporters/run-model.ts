/**
 * What the terminal view shows of one run, kept from the engine's events:
 * a row per step (status, attempt, start and end, latest log line, error),
 * the run's status, and the log lines `--logs` prints above the live area.
 * Pure data and functions, so the ink view is a function of it and a clock.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { TaskRunStatus } from '../../engine/ports/status.js';
import { summaryLine } from '../../dag/summary.js';
import type { Job } from '../../jobdef/types.js';
import { logLine } from './log-stream.js';
import type { RunOutcome } from './reporter.js';
import type { StepNotes } from './step-notes.js';
import { nameTasks, runError, taskError } from './task-line.js';

/** One step's row. */
export interface StepView {
  name: string;
  status: TaskRunStatus;
  attempt: number;
  maxAttempts: number;
  /** Epoch ms of the current attempt's start. */
  startedAt: number | null;
  /** Epoch ms of the end (the row's elapsed time freezes there). */
  endedAt: number | null;
  lastLog: string | null;
  /** Why it failed, was skipped or cancelled. */
  detail: string | null;
  /** Printed under the step once the run ended: warnings, and a failed step's last output lines (./step-notes.ts). */
  notes: string[];
}

/** One run as the view shows it. */
export interface RunView {
  alias: string;
  paths: readonly string[];
  /** `a -> [b, c] -> d (4 steps, max parallelism: 2)`. */
  dag: string;
  steps: StepView[];
  status: 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  startedAt: number;
  endedAt: number | null;
  /** Printed log lines (`name | text`), only when `--logs` is on. */
  logs: { key: number; text: string }[];
}

/** The view of a run about to start. */
export function initialView(job: Job, paths: readonly string[], now: number): RunView {
  return {
    alias: job.alias,
    paths,
    dag: summaryLine({ nodes: job.steps, edges: job.edges }),
    steps: job.steps.map((s) => ({
      name: s.name,
      status: 'pending',
      attempt: 1,
      maxAttempts: s.retries + 1,
      startedAt: null,
      endedAt: null,
      lastLog: null,
      detail: null,
      notes: [],
    })),
    status: 'running',
    error: null,
    startedAt: now,
    endedAt: null,
    logs: [],
  };
}

/** A line of the output or branch protocol (docs/decisions.md §2.9): data for the engine, not news for the row. */
const PROTOCOL_LINE = /##caesium::(?:output|branch) /;

/** Folds one engine event into `view` (in place); `keepLogs` records log lines for `--logs`. */
export function applyEvent(view: RunView, event: EngineEvent, keepLogs: boolean, names: Map<string, string>): void {
  const stepOf = (name: string): StepView | undefined => view.steps.find((s) => s.name === name);
  const at = (iso: string | undefined, fallback: string): number => Date.parse(iso ?? fallback);
  switch (event.type) {
    case 'run_started':
      view.startedAt = Date.parse(event.payload.started_at);
      return;
    case 'task_log': {
      const step = stepOf(event.name);
      if (step !== undefined && event.text.trim() !== '' && !PROTOCOL_LINE.test(event.text)) step.lastLog = event.text;
      if (keepLogs) view.logs.push({ key: view.logs.length, text: logLine(event) });
      return;
    }
    case 'task_ready':
    case 'task_claimed':
      names.set(event.payload.id, event.payload.name);
      return;
    case 'task_started': {
      const p = event.payload;
      names.set(p.id, p.name);
      update(stepOf(p.name), {
        status: 'running',
        attempt: p.attempt,
        maxAttempts: p.max_attempts,
        startedAt: at(p.started_at, event.timestamp),
        endedAt: null,
        detail: null,
      });
      return;
    }
    case 'task_succeeded':
    case 'task_cached':
      update(stepOf(event.payload.name), { status: event.payload.status, endedAt: at(event.payload.completed_at, event.timestamp) });
      return;
    case 'task_failed': {
      const p = event.payload;
      const detail = taskError(nameTasks(p.failure?.message ?? p.error ?? 'failed', names), p.exit_code);
      update(stepOf(p.name), { status: 'failed', endedAt: at(p.completed_at, event.timestamp), detail });
      return;
    }
    case 'task_retrying': {
      const f = event.payload.failure;
      update(stepOf(event.payload.name), {
        status: 'pending',
        attempt: event.payload.attempt,
        detail: `retrying after: ${taskError(nameTasks(f.message, names), f.exitCode) ?? ''}`,
      });
      return;
    }
    case 'task_skipped':
      update(stepOf(event.payload.name), { status: 'skipped', detail: nameTasks(event.payload.reason, names) });
      return;
    case 'run_completed':
    case 'run_failed':
    case 'run_cancelled':
    case 'run_terminal':
    case 'schema_violation_recorded':
    case 'run_queued':
    case 'run_retried':
    case 'job_paused':
    case 'job_unpaused':
      return;
  }
}

function update(step: StepView | undefined, change: Partial<StepView>): void {
  if (step !== undefined) Object.assign(step, change);
}

/** Folds the run's end into `view`: final statuses, durations and errors from the summary; `notes` fills each step's notes. */
export function applyOutcome(view: RunView, outcome: RunOutcome, now: number, notes?: StepNotes): void {
  view.error = runError(outcome);
  view.endedAt = now;
  if (outcome.kind === 'crashed') {
    view.status = 'failed';
    return;
  }
  const { summary } = outcome;
  view.status = summary.status;
  view.endedAt = Date.parse(summary.completedAt);
  const names = new Map(summary.tasks.map((t) => [t.id, t.name]));
  for (const t of summary.tasks) {
    const step = view.steps.find((s) => s.name === t.name);
    if (step === undefined) continue;
    step.status = t.status;
    step.attempt = t.attempt;
    if (t.startedAt !== null) step.startedAt = Date.parse(t.startedAt);
    if (t.completedAt !== null) step.endedAt = Date.parse(t.completedAt);
    if (notes !== undefined) step.notes = notes.linesFor(t);
    if (t.error !== null)
      step.detail = t.status === 'failed' ? taskError(nameTasks(t.error, names), t.exitCode) : nameTasks(t.error, names);
  }
}
