/**
 * The server's background scheduling: the cron scheduler and the backfill
 * manager, wired to the run launcher, the metrics and the event bus (a run
 * that ends wakes the backfills). `stop` must run before the launcher shuts
 * down, so that runs cancelled by the shutdown are not counted as failed
 * backfill slots.
 */
import { systemClock, type Clock } from '../engine/ports/clock.js';
import type { Store } from '../store/ports/store.js';
import type { BusSubscriber } from '../observe/bus-subscriber.js';
import type { CaesiumMetrics } from '../observe/metrics/create-metrics.js';
import { BackfillManager } from './backfill/backfill-manager.js';
import { CronScheduler } from './cron/cron-scheduler.js';
import type { JobViews } from './job-views.js';
import type { RunLauncher } from './run-launcher.js';

export interface SchedulingDeps {
  store: Store;
  views: JobViews;
  launcher: Pick<RunLauncher, 'start'>;
  metrics: Pick<CaesiumMetrics, 'family'>;
  subscribe: (subscriber: BusSubscriber) => () => void;
  log: (line: string) => void;
  clock?: Clock;
}

export interface Scheduling {
  cron: CronScheduler;
  backfills: BackfillManager;
  /** Stops both (backfills stay `running` in the store and resume on the next start). */
  stop(): Promise<void>;
}

/** Resumes running backfills and starts the cron loop. */
export async function startScheduling(deps: SchedulingDeps): Promise<Scheduling> {
  const { store, views, launcher, metrics, log } = deps;
  const clock = deps.clock ?? systemClock;
  const backfills = new BackfillManager({
    store,
    clock,
    log,
    metrics,
    launch: async (jobId, params, backfillId) => (await launcher.start(await views.byId(jobId), params, { backfillId })).id,
  });
  const unsubscribe = deps.subscribe({
    name: 'backfills',
    accepts: (event) => event.type === 'run_terminal',
    handle: () => backfills.wake(),
  });
  const cron = new CronScheduler({
    store,
    clock,
    log,
    fire: async (row, params) => {
      const view = await views.byId(row.jobId);
      if (view.entry.paused) return;
      metrics.family('caesium_trigger_fires_total').inc({ job_id: row.jobId, trigger_type: 'cron' });
      await launcher.start(view, params, { triggerId: row.triggerId });
    },
  });
  await backfills.resume();
  cron.start();
  let stopping: Promise<void> | undefined;
  return {
    cron,
    backfills,
    stop: () =>
      (stopping ??= (async () => {
        unsubscribe();
        await Promise.all([cron.stop(), backfills.stop()]);
      })()),
  };
}
