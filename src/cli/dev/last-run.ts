/**
 * The result of the last local run of each job, for `caesium dev --failed`:
 * one JSON file per job in `last-run/` of the local state folder (the task
 * cache's folder: `.caesium` beside the job file, or `--cache-dir`). A
 * partial run updates the steps it ran and keeps the others' statuses, so
 * `--failed` after `--failed` re-runs what still fails. Written whole to a
 * temporary file and renamed, so a reader never sees half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunSummary } from '../../engine/run-types.js';
import type { Job } from '../../jobdef/types.js';

/** What is kept of a job's last local run. */
export interface LastRun {
  alias: string;
  runId: string;
  status: string;
  completedAt: string;
  /** Status of each step, by name, as it last ran. */
  steps: Record<string, string>;
}

/** The state file of `job` in `stateDir`. */
function lastRunPath(stateDir: string, job: Job): string {
  return join(stateDir, 'last-run', `${encodeURIComponent(job.alias)}.json`);
}

/** The job's last local run, or undefined when none was recorded (or the file is unreadable). */
export function readLastRun(stateDir: string, job: Job): LastRun | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lastRunPath(stateDir, job), 'utf8')) as Partial<LastRun>;
    if (typeof parsed.steps !== 'object' || parsed.steps === null) return undefined;
    return parsed as LastRun;
  } catch {
    return undefined;
  }
}

/** Records `summary` over what was kept of earlier runs (steps it did not run keep their status). */
export function recordLastRun(stateDir: string, job: Job, summary: RunSummary): void {
  const before = readLastRun(stateDir, job);
  const steps: Record<string, string> = {};
  const names = new Set(job.spec.steps.map((s) => s.name));
  for (const [name, status] of Object.entries(before?.steps ?? {})) if (names.has(name)) steps[name] = status;
  for (const t of summary.tasks) steps[t.name] = t.status;
  const record: LastRun = { alias: job.alias, runId: summary.runId, status: summary.status, completedAt: summary.completedAt, steps };
  const path = lastRunPath(stateDir, job);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temp, path);
}

/** Steps of `job` that did not succeed in `last` (neither succeeded nor cached), in definition order. */
export function failedSteps(job: Job, last: LastRun): string[] {
  return job.steps
    .map((s) => s.name)
    .filter((n) => last.steps[n] !== undefined && last.steps[n] !== 'succeeded' && last.steps[n] !== 'cached');
}
