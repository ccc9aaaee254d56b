/**
 * Sweeping a run's leftovers on this host: the process groups of its `local`
 * tasks (found by the `CAESIUM_RUN_ID` every task carries, so a task that left
 * its group is found too) and the containers labelled with the run on the
 * container engines. One step for every front door: `caesium dev` and the
 * harness after a cancelled run, the server's pool after a cancelled run, and
 * the server on restart before a run a dead process left `running` resumes.
 * When the engine stopped the run itself this normally finds nothing: it is
 * the safety net that keeps a run from leaving anything behind.
 */
import type { Runtime } from '../engine/ports/runtime.js';
import type { Engine } from '../jobdef/types.js';
import { killRunProcesses } from './local/local-orphans.js';

export interface SweepOptions {
  /**
   * The engines the run's tasks used: processes are looked for only when
   * `local` is among them, and the container engines among them are reached
   * even when this process has not used them yet. Default: the host's
   * processes, and the containers on every engine this process has used.
   */
  engines?: ReadonlySet<Engine>;
  /** Kills the leftover local process groups of runs; default the /proc scan of `killRunProcesses`. */
  killProcesses?: (runIds: readonly string[]) => Promise<number>;
}

/** What a sweep removed, and what it could not (failure as data: a sweep never rejects). */
export interface RunSweep {
  processGroups: number;
  containers: number;
  failures: { what: 'processes' | 'containers'; error: unknown }[];
}

/** What a sweep uses of the runtime registry. */
export interface SweepTarget {
  get(engine: Engine): Promise<Runtime>;
  /** Removes the run's containers on every container engine in use. */
  removeRunContainers(runId: string): Promise<number>;
}

/** Sweeps run `runId`'s leftovers. */
export async function sweepRun(runtimes: SweepTarget, runId: string, options: SweepOptions = {}): Promise<RunSweep> {
  const { engines } = options;
  const swept: RunSweep = { processGroups: 0, containers: 0, failures: [] };
  if (engines === undefined || engines.has('local')) {
    try {
      swept.processGroups = await (options.killProcesses ?? killRunProcesses)([runId]);
    } catch (error) {
      swept.failures.push({ what: 'processes', error });
    }
  }
  const containerEngines = [...(engines ?? [])].filter((e) => e === 'docker' || e === 'podman');
  if (engines !== undefined && containerEngines.length === 0) return swept;
  try {
    for (const engine of containerEngines) await runtimes.get(engine);
    swept.containers = await runtimes.removeRunContainers(runId);
  } catch (error) {
    swept.failures.push({ what: 'containers', error });
  }
  return swept;
}
