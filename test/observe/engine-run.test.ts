/**
 * The real engine (memory store, the engine tests' scripted runtime)
 * publishing into the bus, with metrics and lineage subscribed: what the
 * harness and the server wire up. No job lookup: alias, task count and
 * engines come from the event payloads alone.
 */
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/observe/event-bus.js';
import { createLineageEmitter } from '../../src/observe/lineage/emitter.js';
import { createRecordingTransport } from '../../src/observe/lineage/transports/recording.js';
import { createMetrics } from '../../src/observe/metrics/create-metrics.js';
import { createMetricsSubscriber } from '../../src/observe/metrics/metrics-subscriber.js';
import { readMetric } from '../../src/observe/metrics/read-metric.js';
import { makeJob } from '../engine/support/job.js';
import { runScenario } from '../engine/support/scenario.js';
import { lineageProblems } from './support/openlineage-schema.js';

describe('engine → bus → metrics and lineage', () => {
  it('observes a run with a retry, a failure and a skip', async () => {
    const job = makeJob(
      [
        { name: 'extract', engine: 'podman' },
        { name: 'flaky', dependsOn: ['extract'], retries: 1 },
        { name: 'broken', dependsOn: ['extract'] },
        { name: 'report', dependsOn: ['broken'] },
      ],
      { alias: 'nightly' },
    );
    const metrics = createMetrics();
    const transport = createRecordingTransport();
    const bus = createEventBus({ metrics });
    bus.subscribe(createMetricsSubscriber(metrics));
    bus.subscribe(createLineageEmitter({ transport, metrics }));
    const s = await runScenario(
      job,
      {
        extract: { delayMs: 2_000, logs: ['##caesium::output {"file": "/data/extract.csv"}'] },
        flaky: [{ exitCode: 2 }, { delayMs: 500 }],
        broken: { exitCode: 1 },
      },
      { onEvent: (e) => bus.sink(e) },
    );
    await bus.close();
    expect(s.summary.status).toBe('failed');
    const jobId = s.summary.jobId;
    const read = (name: string, labels: Record<string, string | number> = {}): Promise<number | undefined> =>
      readMetric(metrics.registry, name, labels);

    expect(await read('caesium_job_runs_total', { job_id: jobId, status: 'failed' })).toBe(1);
    expect(await read('caesium_jobs_active', { job_id: jobId })).toBe(0);
    expect(await read('caesium_task_register_batch_size_sum')).toBe(4);
    expect(
      await read('caesium_task_runs_total', { job_id: jobId, task_id: s.task('extract').taskId, engine: 'podman', status: 'succeeded' }),
    ).toBe(1);
    expect(await read('caesium_task_runs_total', { engine: 'docker', status: 'succeeded' })).toBe(1);
    expect(await read('caesium_task_runs_total', { engine: 'docker', status: 'failed' })).toBe(1);
    expect(await read('caesium_task_runs_total')).toBe(3);
    expect(await read('caesium_task_run_duration_seconds_sum', { engine: 'podman' })).toBe(2);
    expect(await read('caesium_task_retries_total', { job_alias: 'nightly', task_name: 'flaky', attempt: '1' })).toBe(1);
    expect(await read('caesium_event_bus_dropped_total')).toBeUndefined();

    const events = transport.events;
    for (const e of events) expect(lineageProblems(e), `${e.eventType} ${e.job.name}`).toEqual([]);
    const named = events.map(
      (e) =>
        `${e.eventType} ${e.job.name.replace(/task\.[0-9a-f-]+$/, (t) => `task.${s.summary.tasks.find((x) => `task.${x.taskId}` === t)?.name ?? '?'}`)}`,
    );
    expect(named[0]).toBe('START nightly');
    expect(named.at(-1)).toBe('FAIL nightly');
    expect(named.filter((n) => n.endsWith('.flaky'))).toEqual([
      'START nightly.task.flaky',
      'START nightly.task.flaky',
      'COMPLETE nightly.task.flaky',
    ]);
    expect(named).toContain('FAIL nightly.task.broken');
    expect(named).toContain('ABORT nightly.task.report');
    // No trigger fired this run (it was started directly), so the DAG facet names none.
    expect(events[0]?.run).toMatchObject({ runId: s.summary.runId, facets: { caesium_dag: { totalTasks: 4 } } });
    expect(events[0]?.run.facets?.caesium_dag).toMatchObject({ triggerType: undefined });
    const extractDone = events.find((e) => e.eventType === 'COMPLETE' && e.job.name.endsWith(s.task('extract').taskId));
    expect(extractDone?.run.runId).toBe(s.task('extract').id);
    expect(extractDone?.outputs.map((d) => d.name)).toEqual(['/data/extract.csv']);
    expect(extractDone?.run.facets?.caesium_execution).toMatchObject({ engine: 'podman', image: 'alpine:3', command: ['true'] });
  });

  it('reports the engine a task really ran on when --engine overrides the steps', async () => {
    const job = makeJob(
      [
        { name: 'a', engine: 'docker' },
        { name: 'b', engine: 'podman', dependsOn: ['a'] },
      ],
      { alias: 'etl' },
    );
    const metrics = createMetrics();
    const transport = createRecordingTransport();
    const bus = createEventBus({ metrics });
    bus.subscribe(createMetricsSubscriber(metrics));
    bus.subscribe(createLineageEmitter({ transport, metrics }));
    const s = await runScenario(job, {}, { engineOverride: 'local', onEvent: (e) => bus.sink(e) });
    await bus.close();
    expect(
      s
        .lifecycle()
        .filter((e) => e.type === 'task_started')
        .map((e) => (e.type === 'task_started' ? e.payload.engine : '')),
    ).toEqual(['local', 'local']);
    expect(await readMetric(metrics.registry, 'caesium_task_runs_total', { engine: 'local', status: 'succeeded' })).toBe(2);
    expect(await readMetric(metrics.registry, 'caesium_task_runs_total', { engine: 'docker' })).toBeUndefined();
    expect(await readMetric(metrics.registry, 'caesium_task_runs_total', { engine: 'podman' })).toBeUndefined();
    const executions = transport.events.filter((e) => e.job.name !== 'etl').map((e) => e.run.facets?.caesium_execution);
    expect(executions).toHaveLength(4);
    for (const facet of executions) expect(facet).toMatchObject({ engine: 'local', image: 'alpine:3', command: ['true'] });
  });
});
