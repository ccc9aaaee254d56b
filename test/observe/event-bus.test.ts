import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import type { BusSubscriber } from '../../src/observe/bus-subscriber.js';
import { createEventBus, type SubscriberFailure } from '../../src/observe/event-bus.js';
import { createMetrics } from '../../src/observe/metrics/create-metrics.js';
import { readMetric } from '../../src/observe/metrics/read-metric.js';
import { RunEvents } from './support/synthetic.js';

function recorder(name = 'rec', extra: Partial<BusSubscriber> = {}): BusSubscriber & { seen: string[] } {
  const seen: string[] = [];
  return { name, seen, handle: (e: EngineEvent) => void seen.push(e.type), ...extra };
}

function sampleEvents(): EngineEvent[] {
  const r = new RunEvents({ tasks: ['a'] });
  return [r.runStarted(), r.taskStarted('a'), r.log('a', 'hi'), r.taskSucceeded('a'), ...r.runEnded('succeeded')];
}

describe('event bus', () => {
  it('fans every event out to every subscriber, in order, off the publishing call stack', async () => {
    const bus = createEventBus();
    const a = recorder('a');
    const b = recorder('b');
    bus.subscribe(a);
    bus.subscribe(b);
    for (const e of sampleEvents()) bus.sink(e);
    expect(a.seen).toEqual([]); // nothing runs inside the engine's publish
    await bus.flush();
    const types = ['run_started', 'task_started', 'task_log', 'task_succeeded', 'run_completed', 'run_terminal'];
    expect(a.seen).toEqual(types);
    expect(b.seen).toEqual(types);
  });

  it('isolates a subscriber that throws or rejects: the sink never throws, the others get everything', async () => {
    const failures: SubscriberFailure[] = [];
    const bus = createEventBus({ onError: (f) => failures.push(f) });
    bus.subscribe({
      name: 'throws',
      handle: () => {
        throw new Error('boom');
      },
    });
    bus.subscribe({ name: 'rejects', handle: () => Promise.reject(new Error('nope')) });
    bus.subscribe({
      name: 'bad-filter',
      accepts: () => {
        throw new Error('filter');
      },
      handle: () => undefined,
    });
    const ok = recorder('ok');
    bus.subscribe(ok);
    const events = sampleEvents();
    expect(() => events.forEach((e) => bus.sink(e))).not.toThrow();
    await bus.flush();
    expect(ok.seen).toHaveLength(events.length);
    expect(failures.filter((f) => f.subscriber === 'throws')).toHaveLength(events.length);
    expect(failures.filter((f) => f.subscriber === 'rejects').map((f) => f.hook)).toEqual(events.map(() => 'handle'));
    expect(failures.find((f) => f.subscriber === 'bad-filter')).toMatchObject({ hook: 'accepts', event: events[0] });
    expect((failures.find((f) => f.subscriber === 'throws')?.error as Error).message).toBe('boom');
  });

  it('a slow subscriber delays only itself; overflow beyond its buffer is dropped and counted by event type', async () => {
    const metrics = createMetrics();
    const dropped: string[] = [];
    const bus = createEventBus({ metrics, onDrop: (s, e) => dropped.push(`${s}:${e.type}`) });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowSeen: string[] = [];
    bus.subscribe({
      name: 'slow',
      bufferSize: 2,
      handle: async (e) => {
        slowSeen.push(e.type);
        await gate;
      },
    });
    const fast = recorder('fast');
    bus.subscribe(fast);
    const r = new RunEvents({ tasks: ['a'] });
    const events = [r.runStarted(), r.taskStarted('a'), r.log('a', '1'), r.log('a', '2'), r.log('a', '3'), r.taskSucceeded('a')];
    bus.sink(events[0]!);
    await Promise.resolve(); // the slow subscriber takes run_started and stalls on it
    await Promise.resolve();
    for (const e of events.slice(1)) bus.sink(e);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fast.seen).toHaveLength(6); // not held up by the slow one
    expect(slowSeen).toEqual(['run_started']);
    expect(dropped).toEqual(['slow:task_log', 'slow:task_log', 'slow:task_succeeded']);
    release();
    await bus.flush();
    expect(slowSeen).toEqual(['run_started', 'task_started', 'task_log']);
    expect(await readMetric(metrics.registry, 'caesium_event_bus_dropped_total', { event_type: 'task_log' })).toBe(2);
    expect(await readMetric(metrics.registry, 'caesium_event_bus_dropped_total', { event_type: 'task_succeeded' })).toBe(1);
    expect(await readMetric(metrics.registry, 'caesium_event_bus_dropped_total')).toBe(3);
  });

  it('queues only what `accepts` lets through, so filtered events never fill a buffer', async () => {
    const bus = createEventBus();
    const onlyRuns = recorder('runs', { accepts: (e) => e.type.startsWith('run_'), bufferSize: 3 });
    bus.subscribe(onlyRuns);
    for (const e of sampleEvents()) bus.sink(e);
    await bus.flush();
    expect(onlyRuns.seen).toEqual(['run_started', 'run_completed', 'run_terminal']);
  });

  it('flush runs each subscriber’s own flush after its queue drained', async () => {
    const bus = createEventBus();
    const order: string[] = [];
    bus.subscribe({
      name: 's',
      handle: async (e) => {
        await new Promise((r) => setTimeout(r, 1));
        order.push(e.type);
      },
      flush: () => {
        order.push('flush');
        return Promise.resolve();
      },
    });
    for (const e of sampleEvents().slice(0, 2)) bus.sink(e);
    await bus.flush();
    expect(order).toEqual(['run_started', 'task_started', 'flush']);
  });

  it('close flushes, closes subscribers once in reverse order, then ignores new events', async () => {
    const bus = createEventBus();
    const closed: string[] = [];
    const a = recorder('a', { close: () => void closed.push('a') });
    const b = recorder('b', { close: () => void closed.push('b') });
    bus.subscribe(a);
    bus.subscribe(b);
    const events = sampleEvents();
    events.forEach((e) => bus.sink(e));
    await Promise.all([bus.close(), bus.close()]);
    expect(a.seen).toHaveLength(events.length);
    expect(closed).toEqual(['b', 'a']);
    bus.sink(events[0]!);
    await bus.flush();
    expect(a.seen).toHaveLength(events.length);
  });

  it('close gives up on a stalled subscriber after its timeout instead of hanging', async () => {
    const bus = createEventBus();
    let closedCalled = false;
    bus.subscribe({ name: 'stalled', handle: () => new Promise<void>(() => undefined), close: () => void (closedCalled = true) });
    bus.sink(sampleEvents()[0]!);
    const started = Date.now();
    await bus.close({ timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(closedCalled).toBe(true);
  });

  it('unsubscribe stops delivery of later events', async () => {
    const bus = createEventBus();
    const a = recorder('a');
    const off = bus.subscribe(a);
    const events = sampleEvents();
    bus.sink(events[0]!);
    off();
    bus.sink(events[1]!);
    await bus.flush();
    expect(a.seen).toEqual(['run_started']);
  });
});
