import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import { createEventBus } from '../../src/observe/event-bus.js';
import { createLineageEmitter, type LineageFailure } from '../../src/observe/lineage/emitter.js';
import type { RunEvent } from '../../src/observe/lineage/run-event.js';
import { createHttpTransport } from '../../src/observe/lineage/transports/http.js';
import { createRecordingTransport } from '../../src/observe/lineage/transports/recording.js';
import type { LineageTransport } from '../../src/observe/lineage/transports/transport.js';
import { createMetrics } from '../../src/observe/metrics/create-metrics.js';
import { readMetric } from '../../src/observe/metrics/read-metric.js';
import { deadUrl, startLineageServer } from './support/lineage-server.js';
import { lineageProblems } from './support/openlineage-schema.js';
import { RunEvents } from './support/synthetic.js';

/** Every lineage case: success, failure, retry, skip, cache hit, logs. */
function everyCase(): { r: RunEvents; events: EngineEvent[] } {
  const r = new RunEvents({ alias: 'etl', tasks: ['cached', 'flaky', 'broken', 'after'] });
  const events: EngineEvent[] = [
    r.runStarted({ total_tasks: 4, job_alias: 'etl' }),
    r.taskCached('cached', { out: '/data/cached.csv' }),
    r.taskStarted('flaky'),
    r.log('flaky', 'trying'),
    r.taskRetrying('flaky'),
    r.taskStarted('flaky'),
    r.advance(1500).taskSucceeded('flaky', { table: 'db.public.flaky' }),
    r.taskStarted('broken'),
    r.taskFailed('broken', 'exit code 7'),
    r.taskSkipped('after'),
    ...r.runEnded('failed', 'task broken failed'),
  ];
  return { r, events };
}

const EXPECTED_TYPES = ['START', 'START', 'COMPLETE', 'START', 'START', 'COMPLETE', 'START', 'FAIL', 'ABORT', 'FAIL'];

describe('lineage emitter', () => {
  it('emits valid events for every case through the bus, in order, and counts them', async () => {
    const metrics = createMetrics();
    const transport = createRecordingTransport();
    const bus = createEventBus({ metrics });
    bus.subscribe(createLineageEmitter({ transport, metrics }));
    for (const e of everyCase().events) bus.sink(e);
    await bus.close();
    expect(transport.events.map((e) => e.eventType)).toEqual(EXPECTED_TYPES);
    for (const e of transport.events) expect(lineageProblems(e), `${e.eventType} ${e.job.name}`).toEqual([]);
    const count = (labels: Record<string, string>): Promise<number | undefined> =>
      readMetric(metrics.registry, 'caesium_lineage_events_emitted_total', labels);
    expect(await count({ event_type: 'START', status: 'success' })).toBe(5);
    expect(await count({ event_type: 'COMPLETE', status: 'success' })).toBe(2);
    expect(await count({ event_type: 'FAIL', status: 'success' })).toBe(2);
    expect(await count({ event_type: 'ABORT', status: 'success' })).toBe(1);
    expect(await count({ status: 'error' })).toBeUndefined();
    expect(await readMetric(metrics.registry, 'caesium_lineage_emit_duration_seconds_count', { transport: 'recording' })).toBe(10);
  });

  it('delivers every event to a real OpenLineage endpoint, each one valid', async () => {
    const server = await startLineageServer();
    const bus = createEventBus();
    bus.subscribe(createLineageEmitter({ transport: createHttpTransport({ url: `${server.url}/api/v1/lineage` }), namespace: 'prod' }));
    try {
      for (const e of everyCase().events) bus.sink(e);
      await bus.close();
      const received = server.requests.map((q) => JSON.parse(q.body) as RunEvent);
      expect(received.map((e) => e.eventType)).toEqual(EXPECTED_TYPES);
      for (const e of received) expect(lineageProblems(e)).toEqual([]);
      expect(new Set(received.map((e) => e.job.namespace))).toEqual(new Set(['prod']));
    } finally {
      await server.close();
    }
  });

  it('never throws into the run or holds it up: an unreachable endpoint is counted and reported', async () => {
    const metrics = createMetrics();
    const failures: LineageFailure[] = [];
    const bus = createEventBus({ metrics });
    bus.subscribe(
      createLineageEmitter({
        transport: createHttpTransport({ url: await deadUrl(), attempts: 2, backoffMs: 1 }),
        metrics,
        onError: (f) => failures.push(f),
      }),
    );
    const { events } = everyCase();
    const started = performance.now();
    for (const e of events) expect(() => bus.sink(e)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(50); // publishing does no I/O
    await bus.close();
    expect(await readMetric(metrics.registry, 'caesium_lineage_events_emitted_total', { status: 'error' })).toBe(10);
    expect(await readMetric(metrics.registry, 'caesium_lineage_events_emitted_total', { status: 'success' })).toBeUndefined();
    expect(await readMetric(metrics.registry, 'caesium_lineage_emit_duration_seconds_count', { transport: 'http' })).toBe(10);
    expect(failures).toHaveLength(10);
    expect(failures[0]).toMatchObject({ source: 'run_started', eventType: 'START', job: 'etl' });
    expect(failures[0]?.error.message).toMatch(/\(attempt 2 of 2\)$/);
  });

  it('a stalled endpoint delays only lineage; the bus close timeout and the emitter close end it', async () => {
    const server = await startLineageServer(() => undefined);
    const bus = createEventBus();
    const emitter = createLineageEmitter({ transport: createHttpTransport({ url: server.url, timeoutMs: 60_000 }) });
    bus.subscribe(emitter);
    const other: string[] = [];
    bus.subscribe({ name: 'other', handle: (e) => void other.push(e.type) });
    try {
      const { events } = everyCase();
      for (const e of events) bus.sink(e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(other).toHaveLength(events.length);
      const started = Date.now();
      await bus.close({ timeoutMs: 100 }); // gives up waiting, then closes the emitter, which aborts the request
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });

  it('survives a transport that throws and a job lookup that rejects', async () => {
    let calls = 0;
    const failures: LineageFailure[] = [];
    const throwing: LineageTransport = {
      name: 'broken',
      emit: () => {
        calls++;
        if (calls === 1) throw new Error('sync boom');
        return Promise.resolve();
      },
      close: () => Promise.reject(new Error('close boom')),
    };
    const emitter = createLineageEmitter({
      transport: throwing,
      onError: (f) => failures.push(f),
      jobLookup: () => Promise.reject(new Error('db down')),
    });
    const { events } = everyCase();
    for (const e of events) void emitter.handle(e);
    await emitter.flush();
    expect(calls).toBe(10);
    expect(failures.map((f) => f.error.message)).toEqual(['sync boom']);
    await emitter.close();
    await emitter.close();
    expect(failures.map((f) => f.error.message)).toEqual(['sync boom', 'close boom']);
    await emitter.handle(events[0]!); // after close: ignored
    expect(calls).toBe(10);
  });

  it('flush waits for delivery of everything handed over so far', async () => {
    const delivered: string[] = [];
    const slow: LineageTransport = {
      name: 'slow',
      emit: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        delivered.push(e.eventType);
      },
      close: () => Promise.resolve(),
    };
    const emitter = createLineageEmitter({ transport: slow });
    for (const e of everyCase().events) void emitter.handle(e);
    expect(delivered).toEqual([]);
    await emitter.flush();
    expect(delivered).toEqual(EXPECTED_TYPES);
  });
});
