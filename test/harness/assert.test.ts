/** Assertion details that a real run cannot easily produce on demand. */
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/run-types.js';
import { evaluate } from '../../src/harness/assert.js';
import { expectedLineageEvents } from '../../src/harness/lineage-wait.js';
import { readBaselines, readObservations } from '../../src/harness/measure.js';
import { formatLabels, labelMismatch, unsupportedMetricMessage } from '../../src/harness/metric-catalog.js';
import { placeholderProblem, resolveLabels } from '../../src/harness/placeholders.js';
import type { Observations } from '../../src/harness/result.js';
import type { Expectation, MetricExpectation } from '../../src/harness/scenario.js';

function run(tasks: [string, RunSummary['tasks'][number]['status']][]): RunSummary {
  return {
    runId: 'r',
    jobId: 'j',
    jobAlias: 'a',
    status: 'succeeded',
    error: null,
    params: {},
    startedAt: '',
    completedAt: '',
    durationMs: 0,
    tasks: tasks.map(([name, status]) => ({
      id: `tr-${name}`,
      taskId: `t-${name}`,
      name,
      status,
      attempt: 1,
      maxAttempts: 1,
      result: null,
      exitCode: null,
      error: null,
      output: {},
      branchSelections: [],
      schemaViolations: [],
      warnings: [],
      startedAt: null,
      completedAt: null,
      durationMs: null,
      cacheHit: status === 'cached',
    })),
  };
}

function observations(extra: Partial<Observations> = {}): Observations {
  const r = run([['a', 'succeeded']]);
  return { run: r, runs: [r], logs: new Map(), metrics: [], lineage: [], lineageError: undefined, ...extra };
}

const expectation = (extra: Partial<Expectation> = {}): Expectation => ({ runStatus: 'succeeded', tasks: [], metrics: [], ...extra });

describe('evaluate', () => {
  it('reports a lineage subscriber failure first among the lineage failures', () => {
    const failures = evaluate(
      expectation({ lineage: { totalEvents: 1 } }),
      observations({ lineageError: 'task_started START: transport down' }),
    );
    expect(failures).toEqual(['lineage subscriber: task_started START: transport down', 'lineage totalEvents: expected 1, got 0']);
  });

  it('compares metric readings with a tolerance of 1e-9 and prints them with six decimals', () => {
    const metric = { name: 'caesium_db_busy_retries_total', labels: {}, value: 0.3, delta: 0.1 };
    const close = { name: metric.name, labels: {}, value: 0.1 + 0.2, delta: 0.1 + 1e-10 };
    expect(evaluate(expectation({ metrics: [metric] }), observations({ metrics: [close] }))).toEqual([]);
    const off = { name: metric.name, labels: {}, value: 0.3 + 2e-9, delta: 1 / 3 };
    expect(evaluate(expectation({ metrics: [metric] }), observations({ metrics: [off] }))).toEqual([
      'metric caesium_db_busy_retries_total {} value: expected 0.300000, got 0.300000',
      'metric caesium_db_busy_retries_total {} delta: expected 0.100000, got 0.333333',
    ]);
  });

  it('checks output keys as exact text and ignores keys not asserted', () => {
    const obs = observations();
    obs.run.tasks[0]!.output = { n: '42', extra: 'x' };
    expect(evaluate(expectation({ tasks: [{ name: 'a', output: { n: '42' } }] }), obs)).toEqual([]);
    expect(evaluate(expectation({ tasks: [{ name: 'a', output: { n: '42.0' } }] }), obs)).toEqual([
      'task a output[n]: expected "42.0", got "42"',
    ]);
  });
});

describe('placeholders and metric labels', () => {
  const state = { jobAlias: 'etl', jobId: 'J', taskIds: new Map([['load', 'T']]) };

  it('resolves $job_id, $job_alias and $task_id:<step>, and rejects other $ values', () => {
    expect(resolveLabels({ a: '$job_id', b: '$job_alias', c: '$task_id: load', d: 'plain' }, state, false)).toEqual({
      a: 'J',
      b: 'etl',
      c: 'T',
      d: 'plain',
    });
    expect(placeholderProblem('$run_id')).toBe('unsupported placeholder "$run_id"');
    expect(() => resolveLabels({ a: '$run_id' }, state, false)).toThrow('unsupported placeholder "$run_id"');
  });

  it('makes a baseline 0 when its labels cannot be resolved yet', async () => {
    const reads: string[] = [];
    const reader = { read: (name: string) => (reads.push(name), Promise.resolve(7)) };
    const expectations: MetricExpectation[] = [
      { name: 'caesium_task_runs_total', labels: { task_id: '$task_id:later' }, delta: 1 },
      { name: 'caesium_jobs_active', labels: { job_id: '$job_id' }, delta: 1 },
      { name: 'caesium_jobs_active', labels: { job_id: '$job_id' }, value: 1 },
    ];
    expect(await readBaselines(expectations, state, reader)).toEqual([0, 7, 0]);
    expect(reads).toEqual(['caesium_jobs_active']);
    await expect(readObservations(expectations.slice(0, 1), state, reader, [0])).rejects.toThrow(
      'metric caesium_task_runs_total labels: task_id: task "later" ID is not available',
    );
  });

  it('words the metric messages as the original does', () => {
    expect(formatLabels({ status: 'ok', job_id: 'J' })).toBe('{job_id=J, status=ok}');
    expect(formatLabels({})).toBe('{}');
    expect(labelMismatch('caesium_job_runs_total', { status: 'x', job_id: 'y' })).toBeUndefined();
    expect(labelMismatch('caesium_job_runs_total', { job: 'y' })).toBe('expected labels [job_id status], got [job]');
    expect(unsupportedMetricMessage('x')).toMatch(
      /^unsupported metric "x" \(supported: caesium_backfill_runs_total, .*caesium_worker_lease_expirations_total\)$/,
    );
  });
});

describe('expected lineage events', () => {
  it('counts 2 per run, 2 per executed or cached task and 1 per skipped task', () => {
    expect(
      expectedLineageEvents(
        run([
          ['a', 'succeeded'],
          ['b', 'failed'],
          ['c', 'skipped'],
          ['d', 'cancelled'],
        ]),
      ),
    ).toBe(7);
    expect(expectedLineageEvents(run([['a', 'cached']]))).toBe(4);
  });
});
