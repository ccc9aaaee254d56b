/**
 * The exposition after a synthetic run, checked by Prometheus' own
 * `promtool check metrics` (format and naming lint). promtool comes with the
 * Debian package `prometheus` (scripts/test-engines.sh installs it). Without
 * it the suite is skipped with the reason printed, unless
 * `CAESIUM_TEST_REQUIRE_ENGINES=1` (CI), where its absence fails.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/observe/event-bus.js';
import { createMetrics, type CaesiumMetrics } from '../../src/observe/metrics/create-metrics.js';
import { createMetricsSubscriber } from '../../src/observe/metrics/metrics-subscriber.js';
import { createLineageEmitter } from '../../src/observe/lineage/emitter.js';
import { createRecordingTransport } from '../../src/observe/lineage/transports/recording.js';
import { requireTool } from '../support/tools.js';
import { RunEvents } from './support/synthetic.js';

const status = requireTool('promtool', 'prometheus');

function promtoolCheck(exposition: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(exposition);
  });
}

/** A run with every fed family moving: success, failure, retry, skip, cache hit and miss, lineage. */
async function syntheticRun(metrics: CaesiumMetrics): Promise<void> {
  const bus = createEventBus({ metrics });
  bus.subscribe(createMetricsSubscriber(metrics));
  bus.subscribe(createLineageEmitter({ transport: createRecordingTransport(), metrics }));
  const r = new RunEvents({ tasks: ['extract', 'transform', 'load', 'report'] });
  metrics.recordCacheMiss(r.alias, 'transform');
  const events = [
    r.runStarted({ total_tasks: 4 }),
    r.taskCached('extract', { path: '/data/in.csv' }),
    r.taskStarted('transform', { engine: 'docker' }),
    r.taskRetrying('transform'),
    r.taskStarted('transform', { engine: 'docker' }),
    r.advance(4_000).taskSucceeded('transform', { table: 'db.public.facts' }, { engine: 'docker' }),
    r.taskStarted('load', { engine: 'local' }),
    r.advance(1_000).taskFailed('load', 'exit code 3', { engine: 'local' }),
    r.taskSkipped('report'),
    ...r.runEnded('failed', 'task load failed'),
  ];
  for (const e of events) bus.sink(e);
  await bus.close();
}

describe.skipIf(status.skip)('promtool check metrics', () => {
  it('accepts the exposition after a synthetic run', async () => {
    const metrics = createMetrics();
    await syntheticRun(metrics);
    const text = await metrics.exposition();
    expect(text).toContain('caesium_lineage_events_emitted_total{event_type="START",status="success"}');
    const result = await promtoolCheck(text);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('with the process default collectors (as the server exposes it) also passes, failure counters included', async () => {
    const metrics = createMetrics({ defaultCollectors: true });
    await syntheticRun(metrics);
    const text = await metrics.exposition();
    expect(text).toContain('nodejs_active_handles{type=');
    expect(text).toContain('caesium_task_failures_total{job_id=');
    expect(text).toContain('caesium_run_failures_total{job_id=');
    const result = await promtoolCheck(text);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
