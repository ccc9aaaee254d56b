/**
 * The metrics reporter: a bus subscriber that turns engine events into the
 * run, task, retry and cache-hit families of docs/decisions.md §5. Everything
 * it counts is in the payloads (the engine a task ran on, the run's task
 * count), so it needs no job definitions. Misses and short-circuits are not
 * events: the engine calls `recordCacheMiss`/`recordCacheShortCircuit`.
 */
import type { EngineEvent, RunPayload, TaskEndedPayload } from '../../engine/ports/events.js';
import type { BusSubscriber } from '../bus-subscriber.js';
import type { CaesiumMetrics } from './create-metrics.js';

/** How the engine words a run that hit its run timeout (docs/decisions.md D18). */
const RUN_TIMEOUT_PREFIX = 'run timed out after ';

/** The event types that change a metric (the rest never reach the queue). */
const FED_BY: ReadonlySet<EngineEvent['type']> = new Set([
  'run_started',
  'run_retried',
  'run_completed',
  'run_failed',
  'run_cancelled',
  'task_succeeded',
  'task_failed',
  'task_retrying',
  'task_cached',
]);

/** Creates the subscriber that feeds `metrics` from engine events. */
export function createMetricsSubscriber(metrics: CaesiumMetrics): BusSubscriber {
  /** Job id of each run this process saw start. */
  const active = new Map<string, string>();
  const m = <N extends Parameters<CaesiumMetrics['family']>[0]>(name: N) => metrics.family(name);

  const runEnded = (payload: RunPayload, status: 'succeeded' | 'failed' | 'cancelled', timestamp: string): void => {
    m('caesium_job_runs_total').inc({ job_id: payload.job_id, status });
    if (status === 'failed') {
      m('caesium_run_failures_total').inc({ job_id: payload.job_id });
      if (payload.error?.startsWith(RUN_TIMEOUT_PREFIX) === true) m('caesium_run_timeouts_total').inc({ job_id: payload.job_id });
    }
    const seconds = elapsedSeconds(payload.started_at, payload.completed_at ?? timestamp);
    if (seconds !== undefined) m('caesium_job_run_duration_seconds').observe({ job_id: payload.job_id, status }, seconds);
    const jobId = active.get(payload.id);
    if (jobId === undefined) return; // started before this process (a resumed run): the gauge never counted it
    active.delete(payload.id);
    m('caesium_jobs_active').dec({ job_id: jobId });
  };

  const taskEnded = (jobId: string, payload: TaskEndedPayload, status: 'succeeded' | 'failed'): void => {
    if (payload.cache_hit || payload.status === 'cached') return; // a cache hit is not an executed task run
    const engine = payload.engine;
    m('caesium_task_runs_total').inc({ job_id: jobId, task_id: payload.task_id, engine, status });
    if (status === 'failed') m('caesium_task_failures_total').inc({ job_id: jobId, task_name: payload.name, engine });
    const seconds = elapsedSeconds(payload.started_at, payload.completed_at);
    if (seconds !== undefined) m('caesium_task_run_duration_seconds').observe({ job_id: jobId, engine, status }, seconds);
  };

  return {
    name: 'metrics',
    accepts: (event) => FED_BY.has(event.type),
    handle(event: EngineEvent): void {
      switch (event.type) {
        case 'run_started': {
          const p = event.payload;
          m('caesium_jobs_active').inc({ job_id: p.job_id });
          m('caesium_task_register_batch_size').observe(p.total_tasks);
          active.set(p.id, p.job_id);
          return;
        }
        case 'run_retried': {
          // A new attempt: active again until it ends, and counted as a retry.
          const p = event.payload;
          m('caesium_run_retries_total').inc({ job_id: p.job_id });
          if (!active.has(p.id)) m('caesium_jobs_active').inc({ job_id: p.job_id });
          active.set(p.id, p.job_id);
          return;
        }
        case 'run_completed':
          return runEnded(event.payload, 'succeeded', event.timestamp);
        case 'run_failed':
          return runEnded(event.payload, 'failed', event.timestamp);
        case 'run_cancelled':
          return runEnded(event.payload, 'cancelled', event.timestamp);
        case 'task_succeeded':
          return taskEnded(event.jobId, event.payload, 'succeeded');
        case 'task_failed':
          return taskEnded(event.jobId, event.payload, 'failed');
        case 'task_retrying':
          // The original puts the task UUID in `task_name` (an accident, docs/decisions.md §5); the label
          // means the step's name, so caesium puts the step name there.
          m('caesium_task_retries_total').inc({
            job_alias: event.payload.job_alias,
            task_name: event.payload.name,
            attempt: String(event.payload.failed_attempt),
          });
          return;
        case 'task_cached':
          m('caesium_task_cache_hits_total').inc({ job_alias: event.payload.job_alias, task_name: event.payload.name });
          return;
        case 'run_terminal': // repeats the completion event
        case 'task_ready':
        case 'task_claimed':
        case 'task_started':
        case 'task_skipped': // skips are not task runs (docs/decisions.md §5)
        case 'schema_violation_recorded':
        case 'run_queued':
        case 'job_paused':
        case 'job_unpaused':
        case 'task_log':
          return;
      }
    },
  };
}

/** Seconds between two ISO times, or undefined when one is missing or unreadable. */
function elapsedSeconds(from: string | undefined, to: string | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, ms) / 1000 : undefined;
}
