/** Builds run JSON for one run or a page of runs without a query per run. */
import type { RunJson } from '../api/run.js';
import type { CatalogJob, RunRecord, RunTrigger, TaskRunRecord } from '../store/ports/store.js';
import type { AppDeps } from './app-deps.js';
import type { JobView } from './job-views.js';
import { runJson, type RunJobInfo } from './views/run-json.js';

/**
 * The JSON of `runs` (all of the view's job): one query for every task run, one for the triggers that fired
 * them, one per distinct version for its tasks.
 */
export async function runsJson(deps: AppDeps, view: JobView, runs: readonly RunRecord[]): Promise<RunJson[]> {
  if (runs.length === 0) return [];
  const [taskRunRows, triggers] = await Promise.all([deps.store.catalog.taskRunsOf(runs.map((r) => r.id)), triggersOf(deps, runs)]);
  const taskRuns = groupByRun(taskRunRows);
  const infos = new Map<string, RunJobInfo>();
  const out: RunJson[] = [];
  for (const run of runs) {
    let info = infos.get(run.jobId);
    if (info === undefined) {
      info = await runJobInfo(deps, view.entry, run.jobId);
      infos.set(run.jobId, info);
    }
    out.push(
      runJson(run, info, taskRuns.get(run.id) ?? [], {
        trigger: triggerOf(triggers, run),
        queuePosition: deps.launcher.queuePosition(run.id),
      }),
    );
  }
  return out;
}

/** The JSON of one run, with its callbacks. */
export async function oneRunJson(deps: AppDeps, view: JobView, run: RunRecord): Promise<RunJson> {
  const [info, taskRuns, callbacks, triggers] = await Promise.all([
    runJobInfo(deps, view.entry, run.jobId),
    deps.store.taskRuns.listByRun(run.id),
    deps.store.callbacks.listRuns(run.id),
    triggersOf(deps, [run]),
  ]);
  return runJson(run, info, taskRuns, { callbacks, trigger: triggerOf(triggers, run), queuePosition: deps.launcher.queuePosition(run.id) });
}

/**
 * The JSON of a run just started (the 202 of `POST /v1/jobs/:id/run`): no task
 * runs yet (docs/decisions.md §11.4: tasks empty), no callbacks, and nothing read
 * that the view already holds, so admission stays a few queries.
 */
export async function startedRunJson(deps: AppDeps, view: JobView, run: RunRecord): Promise<RunJson> {
  const info =
    run.jobId === view.version.id
      ? { entry: view.entry, labels: view.job.labels, tasks: await deps.views.tasksOf(run.jobId) }
      : await runJobInfo(deps, view.entry, run.jobId);
  return runJson(run, info, [], { totalTasks: info.tasks.size, queuePosition: deps.launcher.queuePosition(run.id) });
}

async function runJobInfo(deps: AppDeps, entry: CatalogJob, versionId: string): Promise<RunJobInfo> {
  const version = await deps.store.jobs.get(versionId);
  const labels = version === undefined ? {} : version.job.labels;
  return { entry, labels, tasks: await deps.views.tasksOf(versionId) };
}

/** The triggers that fired any of `runs` (docs/decisions.md §11.3: by join, only for runs with a trigger id), by id. */
async function triggersOf(deps: AppDeps, runs: readonly RunRecord[]): Promise<Map<string, RunTrigger>> {
  const ids = runs.flatMap((r) => (r.triggerId === null ? [] : [r.triggerId]));
  if (ids.length === 0) return new Map();
  return new Map((await deps.store.catalog.runTriggers(ids)).map((t) => [t.id, t]));
}

function triggerOf(triggers: ReadonlyMap<string, RunTrigger>, run: RunRecord): RunTrigger | undefined {
  return run.triggerId === null ? undefined : triggers.get(run.triggerId);
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
