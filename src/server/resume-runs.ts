/**
 * Restart safety (docs/architecture.md, "The execution model"): when the
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
import type { RunRecord, Store } from '../store/ports/store.js';
import { resumeRun } from '../engine/resume-run.js';
import type { RunLauncher } from './run-launcher.js';
import { errorText } from '../errors.js';

export interface ResumeRunsDeps {
  store: Store;
  launcher: RunLauncher;
  log: (line: string) => void;
  /** Kills leftover local task processes of runs (default: the /proc scan of the runtime's sweep). */
  killRunProcesses?: (runIds: readonly string[]) => Promise<number>;
}

/** Resumes every `running` run; resolves (after cleanup, once each is under way) to how many were resumed. */
export async function resumeRuns(deps: ResumeRunsDeps): Promise<number> {
  let resumed = 0;
  for (const run of await deps.store.runs.listRunning()) {
    try {
      if (await resumeOne(deps, run)) resumed++;
    } catch (error) {
      deps.log(`caesium server: cannot resume run ${run.id}: ${errorText(error)}`);
    }
  }
  return resumed;
}

/** Resumes one `running` run here (after a restart, or when this node took its lease over); false when it was ended instead. */
export async function resumeOne(deps: ResumeRunsDeps, run: RunRecord): Promise<boolean> {
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

  launcher.adopt(run.id, (signal, drain) =>
    resumeRun(job, launcher.engineDeps(), { ...launcher.runOptions, runId: run.id, signal, drain }),
  );
  return true;
}

/** Sweeps the run's leftover local processes and containers (see src/runtime/sweep-run.ts); a failure is logged, not fatal. */
async function releaseLeftovers(deps: ResumeRunsDeps, runId: string, engines: ReadonlySet<Engine>): Promise<void> {
  const { launcher, log } = deps;
  const swept = await launcher.runtimes.sweepRun(runId, {
    engines,
    ...(deps.killRunProcesses === undefined ? {} : { killProcesses: deps.killRunProcesses }),
  });
  const report = (what: 'processes' | 'containers', done: string | undefined, action: string): void => {
    const failed = swept.failures.find((f) => f.what === what);
    if (failed !== undefined) log(`caesium server: cannot ${action} of run ${runId}: ${errorText(failed.error)}`);
    else if (done !== undefined) log(`caesium server: ${done} of run ${runId}`);
  };
  report(
    'processes',
    swept.processGroups > 0 ? `killed ${swept.processGroups} leftover process group(s)` : undefined,
    'stop leftover processes',
  );
  report(
    'containers',
    swept.containers > 0 ? `removed ${swept.containers} leftover container(s)` : undefined,
    'remove leftover containers',
  );
}

async function abandon(store: Store, run: RunRecord, error: string): Promise<void> {
  const completedAt = new Date().toISOString();
  await store.transaction(async (tx) => {
    await tx.taskRuns.resolveUnfinished(run.id, { status: 'skipped', error, completedAt });
    await tx.runs.finish(run.id, { status: 'failed', error, completedAt });
  });
}
