/** Builds run JSON for one run or a page of runs without a query per run. */
import type { CatalogJob, RunRecord, TaskRunRecord } from '../engine/ports/store.js';
import type { AppDeps } from './app-deps.js';
import type { JobView } from './job-views.js';
import { runJson, type RunJobInfo } from './views/run-json.js';

/** The JSON of `runs` (all of the view's job): one query for every task run, one per distinct version for its tasks. */
export async function runsJson(deps: AppDeps, view: JobView, runs: readonly RunRecord[]): Promise<Record<string, unknown>[]> {
  if (runs.length === 0) return [];
  const taskRuns = groupByRun(await deps.store.catalog.taskRunsOf(runs.map((r) => r.id)));
  const infos = new Map<string, RunJobInfo>();
  const out: Record<string, unknown>[] = [];
  for (const run of runs) {
    let info = infos.get(run.jobId);
    if (info === undefined) {
      info = await runJobInfo(deps, view.entry, run.jobId);
      infos.set(run.jobId, info);
    }
    out.push(runJson(run, info, taskRuns.get(run.id) ?? []));
  }
  return out;
}

/** The JSON of one run, with its callbacks. */
export async function oneRunJson(deps: AppDeps, view: JobView, run: RunRecord): Promise<Record<string, unknown>> {
  const [info, taskRuns, callbacks] = await Promise.all([
    runJobInfo(deps, view.entry, run.jobId),
    deps.store.taskRuns.listByRun(run.id),
    deps.store.callbacks.listRuns(run.id),
  ]);
  return runJson(run, info, taskRuns, callbacks);
}

async function runJobInfo(deps: AppDeps, entry: CatalogJob, versionId: string): Promise<RunJobInfo> {
  const version = await deps.store.jobs.get(versionId);
  const labels = version === undefined ? {} : deps.views.jobOf(version).labels;
  return { entry, labels, tasks: await deps.views.tasksOf(versionId) };
}

function groupByRun(rows: readonly TaskRunRecord[]): Map<string, TaskRunRecord[]> {
  const out = new Map<string, TaskRunRecord[]>();
  for (const row of rows) {
    const list = out.get(row.runId);
    if (list === undefined) out.set(row.runId, [row]);
    else list.push(row);
  }
  return out;
}
