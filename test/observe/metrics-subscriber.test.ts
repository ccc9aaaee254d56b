import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import { createEventBus } from '../../src/observe/event-bus.js';
import { createMetrics, type CaesiumMetrics } from '../../src/observe/metrics/create-metrics.js';
import { createMetricsSubscriber } from '../../src/observe/metrics/metrics-subscriber.js';
import { readMetric } from '../../src/observe/metrics/read-metric.js';
import { RunEvents } from './support/synthetic.js';

async function feed(events: EngineEvent[], metrics = createMetrics()): Promise<CaesiumMetrics> {
  const bus = createEventBus({ metrics });
  bus.subscribe(createMetricsSubscriber(metrics));
  for (const e of events) bus.sink(e);
  await bus.close();
  return metrics;
}

const read = (m: CaesiumMetrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> =>
  readMetric(m.registry, name, labels);

/** extract (30 s) → load (2 s, fails), with `report` skipped. */
function failingRun(r = new RunEvents({ tasks: ['extract', 'load', 'report'] })): EngineEvent[] {
  return [
    r.runStarted({ total_tasks: 3 }),
    r.taskStarted('extract', { engine: 'docker' }),
    r.advance(30_000).taskSucceeded('extract', undefined, { engine: 'docker' }),
    r.taskStarted('load', { engine: 'local' }),
    r.advance(2_000).taskFailed('load', 'exit code 1', { engine: 'local' }),
    r.taskSkipped('report'),
    ...r.runEnded('failed', 'task load failed'),
  ];
}

describe('metrics subscriber', () => {
  it('counts a run at its end, with its duration, and the active gauge goes up and back down', async () => {
    const r = new RunEvents({ tasks: ['a'] });
    const metrics = createMetrics();
    const bus = createEventBus();
    bus.subscribe(createMetricsSubscriber(metrics));
    bus.sink(r.runStarted({ total_tasks: 1 }));
    await bus.flush();
    expect(await read(metrics, 'caesium_jobs_active', { job_id: r.jobId })).toBe(1);
    expect(await read(metrics, 'caesium_job_runs_total')).toBeUndefined();
    for (const e of [r.taskStarted('a'), r.advance(90_000).taskSucceeded('a'), ...r.runEnded('succeeded')]) bus.sink(e);
    await bus.flush();
    expect(await read(metrics, 'caesium_jobs_active', { job_id: r.jobId })).toBe(0);
    expect(await read(metrics, 'caesium_job_runs_total', { job_id: r.jobId, status: 'succeeded' })).toBe(1); // run_terminal is not a second end
    expect(await read(metrics, 'caesium_job_run_duration_seconds_sum', { job_id: r.jobId, status: 'succeeded' })).toBe(90);
    expect(await read(metrics, 'caesium_job_run_duration_seconds_bucket', { job_id: r.jobId, le: '60' })).toBe(0);
    expect(await read(metrics, 'caesium_job_run_duration_seconds_bucket', { job_id: r.jobId, le: '120' })).toBe(1);
  });

  it('counts executed task runs by job, task id, engine and status, with durations; skips are not task runs', async () => {
    const r = new RunEvents({ tasks: ['extract', 'load', 'report'] });
    const m = await feed(failingRun(r));
    const extract = r.task('extract').taskId;
    const load = r.task('load').taskId;
    expect(await read(m, 'caesium_task_runs_total', { job_id: r.jobId, task_id: extract, engine: 'docker', status: 'succeeded' })).toBe(1);
    expect(await read(m, 'caesium_task_runs_total', { job_id: r.jobId, task_id: load, engine: 'local', status: 'failed' })).toBe(1);
    expect(await read(m, 'caesium_task_runs_total')).toBe(2);
    expect(await read(m, 'caesium_task_runs_total', { task_id: r.task('report').taskId })).toBeUndefined();
    expect(await read(m, 'caesium_task_run_duration_seconds_sum', { engine: 'docker', status: 'succeeded' })).toBe(30);
    expect(await read(m, 'caesium_task_run_duration_seconds', { engine: 'local', status: 'failed' })).toBe(1);
    expect(await read(m, 'caesium_task_run_duration_seconds_bucket', { engine: 'local', le: '1' })).toBe(0);
    expect(await read(m, 'caesium_task_run_duration_seconds_bucket', { engine: 'local', le: '5' })).toBe(1);
    expect(await read(m, 'caesium_job_runs_total', { status: 'failed' })).toBe(1);
  });

  it('counts final task failures by step, failed runs, and runs that hit their run timeout', async () => {
    const r = new RunEvents({ tasks: ['extract', 'load', 'report'] });
    const m = await feed(failingRun(r));
    expect(await read(m, 'caesium_task_failures_total', { job_id: r.jobId, task_name: 'load', engine: 'local' })).toBe(1);
    expect(await read(m, 'caesium_task_failures_total')).toBe(1);
    expect(await read(m, 'caesium_run_failures_total', { job_id: r.jobId })).toBe(1);
    expect(await read(m, 'caesium_run_timeouts_total')).toBeUndefined();
    const t = new RunEvents({ tasks: ['slow'] });
    const timedOut = await feed([t.runStarted({ total_tasks: 1 }), ...t.runEnded('failed', 'run timed out after 5s')]);
    expect(await read(timedOut, 'caesium_run_timeouts_total', { job_id: t.jobId })).toBe(1);
    expect(await read(timedOut, 'caesium_run_failures_total', { job_id: t.jobId })).toBe(1);
  });

  it('labels task runs with the engine the payload says the task ran on', async () => {
    const r = new RunEvents({ tasks: ['a', 'b'], engine: 'podman' });
    const events = [
      r.runStarted(),
      r.taskStarted('a'),
      r.taskSucceeded('a'),
      r.taskStarted('b'),
      r.taskSucceeded('b', undefined, { engine: 'local' }),
      ...r.runEnded('succeeded'),
    ];
    const m = await feed(events);
    expect(await read(m, 'caesium_task_runs_total', { task_id: r.task('a').taskId, engine: 'podman' })).toBe(1);
    expect(await read(m, 'caesium_task_runs_total', { task_id: r.task('b').taskId, engine: 'local' })).toBe(1);
    expect(await read(m, 'caesium_task_runs_total', { engine: 'unknown' })).toBeUndefined();
  });

  it('observes the task batch size at run start from total_tasks', async () => {
    const fromPayload = await feed(failingRun());
    expect(await read(fromPayload, 'caesium_task_register_batch_size_sum')).toBe(3);
    expect(await read(fromPayload, 'caesium_task_register_batch_size_bucket', { le: '2' })).toBe(0);
    expect(await read(fromPayload, 'caesium_task_register_batch_size_bucket', { le: '5' })).toBe(1);

    const r = new RunEvents({ tasks: ['a', 'b'] });
    const metrics = createMetrics();
    const bus = createEventBus();
    bus.subscribe(createMetricsSubscriber(metrics));
    bus.sink(r.runStarted());
    await bus.flush();
    expect(await read(metrics, 'caesium_task_register_batch_size_sum')).toBe(2);

    const cancelled = new RunEvents({ tasks: ['a', 'b', 'c', 'd'] });
    const m = await feed([cancelled.runStarted(), ...cancelled.runEnded('cancelled')]);
    expect(await read(m, 'caesium_task_register_batch_size_sum')).toBe(4);
    expect(await read(m, 'caesium_task_register_batch_size_count')).toBe(1); // once per run, not again at its end
    expect(await read(m, 'caesium_job_runs_total', { status: 'cancelled' })).toBe(1);
  });

  it('counts retries by alias, step name and failed attempt', async () => {
    const r = new RunEvents({ alias: 'nightly', tasks: ['fetch'] });
    const m = await feed([
      r.runStarted(),
      r.taskStarted('fetch'),
      r.taskRetrying('fetch'),
      r.taskStarted('fetch'),
      r.taskRetrying('fetch'),
      r.taskStarted('fetch'),
      r.taskSucceeded('fetch'),
      ...r.runEnded('succeeded'),
    ]);
    expect(await read(m, 'caesium_task_retries_total', { job_alias: 'nightly', task_name: 'fetch', attempt: '1' })).toBe(1);
    expect(await read(m, 'caesium_task_retries_total', { job_alias: 'nightly', task_name: 'fetch', attempt: '2' })).toBe(1);
    expect(await read(m, 'caesium_task_retries_total')).toBe(2);
    expect(await read(m, 'caesium_task_runs_total', { status: 'succeeded' })).toBe(1);
  });

  it('counts cache hits from task_cached (not as task runs), misses and short-circuits through the record functions', async () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract', 'load'] });
    const metrics = createMetrics();
    const { recordCacheMiss: miss, recordCacheShortCircuit: shortCircuit } = metrics; // passed around unbound, as EngineDeps takes them
    miss('etl', 'load');
    shortCircuit('etl', 'load');
    shortCircuit('etl', 'load');
    await feed(
      [r.runStarted(), r.taskCached('extract', { rows: '10' }), r.taskStarted('load'), r.taskSucceeded('load'), ...r.runEnded('succeeded')],
      metrics,
    );
    expect(await read(metrics, 'caesium_task_cache_hits_total', { job_alias: 'etl', task_name: 'extract' })).toBe(1);
    expect(await read(metrics, 'caesium_task_cache_misses_total', { job_alias: 'etl', task_name: 'load' })).toBe(1);
    expect(await read(metrics, 'caesium_task_cache_short_circuits_total', { job_alias: 'etl', task_name: 'load' })).toBe(2);
    expect(await read(metrics, 'caesium_task_cache_short_circuits_total', { task_name: 'extract' })).toBeUndefined();
    expect(await read(metrics, 'caesium_task_runs_total')).toBe(1);
    expect(await read(metrics, 'caesium_task_runs_total', { task_id: r.task('extract').taskId })).toBeUndefined();
  });

  it('never moves the active gauge for a run it did not see start (a resumed run)', async () => {
    const r = new RunEvents({ tasks: ['a'] });
    const m = await feed(r.runEnded('succeeded'));
    expect(await read(m, 'caesium_jobs_active')).toBeUndefined();
    expect(await read(m, 'caesium_job_runs_total', { status: 'succeeded' })).toBe(1);
    expect(await read(m, 'caesium_task_register_batch_size_count')).toBe(0);
  });

  it('keeps two engine instances apart', async () => {
    const one = await feed(failingRun());
    const two = await feed([]);
    expect(await read(one, 'caesium_job_runs_total')).toBe(1);
    expect(await read(two, 'caesium_job_runs_total')).toBeUndefined();
  });

  it('readMetric: undefined for an unknown family, sums over unnamed labels', async () => {
    const m = await feed(failingRun());
    expect(await read(m, 'caesium_nope_total')).toBeUndefined();
    expect(await read(m, 'caesium_nope_bucket')).toBeUndefined();
    expect(await read(m, 'caesium_job_runs_total', { status: 'succeeded' })).toBeUndefined();
    expect(await readMetric(m.registry, 'caesium_task_retries_total', { attempt: 1 })).toBeUndefined();
  });
});
