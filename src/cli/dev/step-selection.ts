/**
 * Which steps a dev cycle runs: `--from` / `--only` as given, and with
 * `--failed` the steps that did not succeed in the job's last local run
 * (read once per job and session, so watch mode re-runs the same selection
 * on every change). Also the cache plan a partial run and `--dry-run` use.
 */
import { previewCache, type PlannedStep } from '../../engine/cache-preview.js';
import type { Job } from '../../jobdef/types.js';
import { createMemoryStore } from '../../store/index.js';
import type { Io } from '../io.js';
import { failedSteps, readLastRun } from './last-run.js';
import type { StepSelection } from './partial-select.js';
import type { StepFilter } from './partial.js';
import { engineDepsOf, runOptionsOf, type CycleDeps } from './run-definitions.js';

/** The cache plan of `job` with the cycle's cache (every step `off` without one); nothing runs. */
export async function cachePlan(job: Job, deps: CycleDeps): Promise<PlannedStep[]> {
  const store = await createMemoryStore();
  try {
    return await previewCache(
      job,
      engineDepsOf(deps, store, () => undefined),
      runOptionsOf(deps.options, deps.chosen?.get(job)),
    );
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** The session's step selection; `remembered` keeps each job's `--failed` steps across cycles. */
export function stepSelection(deps: CycleDeps, io: Io, remembered: Map<string, string[]>): StepSelection {
  const { options } = deps;
  return {
    filterOf: (job): StepFilter | undefined => {
      if (!options.failed) return options.steps;
      let failed = remembered.get(job.alias);
      if (failed === undefined) {
        const dir = deps.stateDir?.(job);
        const last = dir === undefined ? undefined : readLastRun(dir, job);
        if (last === undefined) {
          io.err.write(
            `--failed: no local run of ${job.alias} is recorded${dir === undefined ? '' : ` in ${dir}`}; run it once without --failed\n`,
          );
          return undefined;
        }
        failed = failedSteps(job, last);
        remembered.set(job.alias, failed);
      }
      if (failed.length === 0) {
        io.err.write(`--failed: nothing failed in the last local run of ${job.alias}; not running it\n`);
        return undefined;
      }
      io.err.write(`--failed: re-running ${failed.join(', ')} of ${job.alias}\n`);
      return { from: options.steps.from, only: [...new Set([...options.steps.only, ...failed])] };
    },
    preview: (job) => (deps.cache === undefined ? Promise.resolve([]) : cachePlan(job, deps)),
    chosen: deps.chosen ?? new WeakMap(),
  };
}
