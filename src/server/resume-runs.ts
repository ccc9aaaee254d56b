/**
 * Restart safety (design.md: "a restart resumes from the rows"): when the
 * server starts, every run a previous process left `running` (it was killed,
 * or its machine went down) is resumed through the engine's `resumeRun`.
 *
 * Before a run resumes, what its dead attempts may have left is released: the
 * process groups of its local tasks (they lead their own group and outlive a
 * SIGKILLed parent) and the containers labelled with the run on the container
 * engines its running tasks used. Only then does a new attempt start, so it is
 * never caught by that cleanup.
 *
 * Each run continues on the job version it was created with (its row names
 * the version), whatever was applied since; the engine names its job by the
 * stable id the version row carries, like any other run's. A run that cannot be resumed (its version is
 * gone) ends `failed`, so no run stays `running` forever.
 */
import type { Engine } from '../jobdef/types.js';
import type { RunRecord, Store } from '../engine/ports/store.js';
import { resumeRun } from '../engine/resume-run.js';
import { killRunProcesses } from '../runtime/local-orphans.js';
import type { RunLauncher } from './run-launcher.js';

export interface ResumeRunsDeps {
  store: Store;
  launcher: RunLauncher;
  log: (line: string) => void;
  /** Kills leftover local task processes of runs (default: the /proc scan of `killRunProcesses`). */
  killRunProcesses?: (runIds: readonly string[]) => Promise<number>;
}

/** Resumes every `running` run; resolves (after cleanup, once each is under way) to how many were resumed. */
export async function resumeRuns(deps: ResumeRunsDeps): Promise<number> {
  let resumed = 0;
  for (const run of await deps.store.runs.listRunning()) {
    try {
      if (await resumeOne(deps, run)) resumed++;
    } catch (error) {
      deps.log(`caesium server: cannot resume run ${run.id}: ${message(error)}`);
    }
  }
  return resumed;
}

async function resumeOne(deps: ResumeRunsDeps, run: RunRecord): Promise<boolean> {
  const { store, launcher, log } = deps;
  const version = await store.jobs.get(run.jobId);
  if (version === undefined) {
    await abandon(store, run, `cannot resume run: job version ${run.jobId} no longer exists`);
    log(`caesium server: run ${run.id} ended failed: its job version ${run.jobId} no longer exists`);
    return false;
  }
  const job = version.job;
  const running = (await store.taskRuns.listByRun(run.id)).filter((r) => r.status === 'running');
  const engines = new Set<Engine>(running.map((r) => job.steps.find((s) => s.name === r.name)?.engine ?? 'local'));
  await releaseLeftovers(deps, run.id, engines);
  log(`caesium server: resuming run ${run.id} of ${version.alias} (version ${version.version}; ${running.length} task(s) were running)`);

  launcher.adopt(run.id, (signal) => resumeRun(job, launcher.engineDeps(), { ...launcher.runOptions, runId: run.id, signal }));
  return true;
}

/** Kills the run's leftover local processes and removes its containers; a failure is logged, not fatal. */
async function releaseLeftovers(deps: ResumeRunsDeps, runId: string, engines: ReadonlySet<Engine>): Promise<void> {
  const { launcher, log } = deps;
  if (engines.has('local')) {
    const killed = await (deps.killRunProcesses ?? killRunProcesses)([runId]).catch((error: unknown) => {
      log(`caesium server: cannot stop leftover processes of run ${runId}: ${message(error)}`);
      return 0;
    });
    if (killed > 0) log(`caesium server: killed ${killed} leftover process group(s) of run ${runId}`);
  }
  const containerEngines = [...engines].filter((e) => e === 'docker' || e === 'podman');
  if (containerEngines.length === 0) return;
  try {
    for (const engine of containerEngines) await launcher.runtimes.get(engine); // removeRunContainers covers engines in use
    const removed = await launcher.runtimes.removeRunContainers(runId);
    if (removed > 0) log(`caesium server: removed ${removed} leftover container(s) of run ${runId}`);
  } catch (error) {
    log(`caesium server: cannot remove leftover containers of run ${runId}: ${message(error)}`);
  }
}

async function abandon(store: Store, run: RunRecord, error: string): Promise<void> {
  const completedAt = new Date().toISOString();
  await store.transaction(async (tx) => {
    await tx.taskRuns.resolveUnfinished(run.id, { status: 'skipped', error, completedAt });
    await tx.runs.finish(run.id, { status: 'failed', error, completedAt });
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
