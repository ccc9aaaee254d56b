/**
 * A run as machine-readable JSON: the document `caesium dev --once --json`
 * prints, validated by schemas/run-result.v1.json. Keys are camelCase like
 * the harness report's; fields are only ever added.
 */
import type { RunSummary, TaskSummary } from '../../engine/run-types.js';
import type { RunOutcome, RunStart } from './reporter.js';
import { runError } from './task-line.js';

/** One task of a run. */
export interface TaskResultJson {
  name: string;
  status: TaskSummary['status'];
  attempt: number;
  maxAttempts: number;
  exitCode: number | null;
  result: string | null;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  cacheHit: boolean;
  output: Record<string, string>;
  branchSelections: string[];
  schemaViolations: { key: string; message: string }[];
  warnings: string[];
}

/** One run (a job that crashed the engine has `runId` null and no tasks). */
export interface RunResultJson {
  jobAlias: string;
  jobId: string | null;
  runId: string | null;
  status: RunSummary['status'];
  error: string | null;
  params: Record<string, string>;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  tasks: TaskResultJson[];
}

/** The whole document. */
export interface RunResultsJson {
  version: 1;
  /** `succeeded` when every run did. */
  status: 'succeeded' | 'failed';
  runs: RunResultJson[];
}

/** The JSON of one finished (or crashed) run. */
export function runResultJson(start: RunStart, outcome: RunOutcome): RunResultJson {
  if (outcome.kind === 'crashed') {
    return {
      jobAlias: start.job.alias,
      jobId: null,
      runId: null,
      status: 'failed',
      error: outcome.error,
      params: {},
      startedAt: null,
      completedAt: null,
      durationMs: null,
      tasks: [],
    };
  }
  return summaryJson(outcome.summary);
}

/** The JSON of a run the engine finished (`error`: the run's error text, step names and all). */
export function summaryJson(s: RunSummary): RunResultJson {
  return {
    jobAlias: s.jobAlias,
    jobId: s.jobId,
    runId: s.runId,
    status: s.status,
    error: runError({ kind: 'finished', summary: s }),
    params: s.params,
    startedAt: s.startedAt,
    completedAt: s.completedAt,
    durationMs: s.durationMs,
    tasks: s.tasks.map(taskJson),
  };
}

function taskJson(t: TaskSummary): TaskResultJson {
  return {
    name: t.name,
    status: t.status,
    attempt: t.attempt,
    maxAttempts: t.maxAttempts,
    exitCode: t.exitCode,
    result: t.result,
    error: t.error,
    startedAt: t.startedAt,
    completedAt: t.completedAt,
    durationMs: t.durationMs,
    cacheHit: t.cacheHit,
    output: t.output,
    branchSelections: t.branchSelections,
    schemaViolations: t.schemaViolations,
    warnings: t.warnings,
  };
}
