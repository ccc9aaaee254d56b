/**
 * Scenarios run for real (the local engine) through the programmatic API:
 * every failure message is produced by a deliberately failing scenario of
 * test/fixtures/harness/failing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS } from '../../src/engine/cache/settings.js';
import type { RunSummary } from '../../src/engine/run-types.js';
import { runScenario } from '../../src/harness/run-scenario.js';
import { FX, realDeps, scenarioNamed, stableIds } from './support.js';

const deps = realDeps();
afterAll(() => deps.close());

const failing = (name: string) => scenarioNamed(name, `${FX}/failing`);
const statuses = (run: RunSummary | undefined): string[] => run?.tasks.map((t) => `${t.name}: ${t.status}`) ?? [];

describe('running scenarios', () => {
  it('reports every failed run and task assertion, in order', async () => {
    const r = await runScenario(failing('run and task failures'), deps);
    expect(r.passed).toBe(false);
    expect(r.error).toBeUndefined();
    expect(r.failures.map(stableIds)).toEqual([
      'run status: expected succeeded, got failed',
      'run error: expected substring "disk full", got "task \\"boom\\" failed with result \\"failure\\""',
      'task boom status: expected succeeded, got failed',
      'task boom error: expected substring "disk full", got "command exited with non-zero status"',
      'task boom output[result]: expected "done", got ""',
      'task boom log: expected substring "all good"',
      'task after cacheHit: expected true, got false',
      'task ghost: not found in run result',
    ]);
  });

  it('reports schema-violation, output, metric and lineage failures', async () => {
    const r = await runScenario(failing('schema, metric and lineage failures'), deps);
    expect(r.failures).toEqual([
      'task greet schemaViolationCount: expected 0, got 1',
      'task greet output[greeting]: expected "hi", got "hello"',
      'metric caesium_task_cache_hits_total {job_alias=ok, task_name=greet} value: expected 1.000000, got 0.000000',
      'metric caesium_task_cache_hits_total {job_alias=ok, task_name=greet} delta: expected 2.000000, got 0.000000',
      'lineage totalEvents: expected 3, got 6',
      'lineage eventTypes[START]: expected 4, got 3',
      'lineage eventTypes[FAIL]: expected 1, got 0',
      'lineage jobNames: expected "nope" to appear',
    ]);
    const obs = r.observations!;
    expect(obs.metrics[1]).toMatchObject({
      name: 'caesium_job_runs_total',
      labels: { job_id: obs.run.jobId, status: 'succeeded' },
      value: 1,
      delta: 1,
    });
    expect(obs.logs.get('greet')).toContain('hello world');
    expect(obs.lineage.map((e) => e.eventType)).toEqual(['START', 'START', 'COMPLETE', 'START', 'COMPLETE', 'COMPLETE']);
  });

  it('passes a scenario that expects the failure it gets', async () => {
    const r = await runScenario(failing('the expected failure passes'), deps);
    expect(r).toMatchObject({ passed: true, failures: [] });
    expect(r.observations!.run.tasks.map((t) => `${t.name}: ${t.status}`)).toEqual(['boom: failed', 'after: skipped']);
  });

  it('turns scenarios that cannot run into execution errors', async () => {
    const errors: string[] = [];
    for (const name of [
      'several jobs without alias',
      'unknown alias',
      'no job definitions',
      'missing job file',
      'unknown step in a placeholder',
    ]) {
      const r = await runScenario(failing(name), deps);
      expect(r.passed).toBe(false);
      expect(r.failures).toEqual([]);
      errors.push(r.error!);
    }
    expect(errors).toEqual([
      `scenario several jobs without alias: path ${FX}/jobs/two.yaml contains 2 job definitions; set scenario.alias`,
      `scenario unknown alias: alias "third" not found in ${FX}/jobs/two.yaml`,
      `scenario no job definitions: no job definitions found at ${FX}/discovery`,
      `scenario missing job file: ${FX}/jobs/nope.yaml: no such file or directory`,
      'metric caesium_task_runs_total labels: task_id: task "ghost" ID is not available',
    ]);
  });

  it('picks a job by alias', async () => {
    const r = await runScenario(failing('alias picks the second job'), deps);
    expect(r.passed).toBe(true);
    expect(r.observations!.run.jobAlias).toBe('second');
  });

  it('says "scenario did not produce a run result" when cancelled before the run', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await runScenario(failing('alias picks the second job'), { ...deps, signal: controller.signal });
    expect(r).toMatchObject({ passed: false, failures: ['scenario did not produce a run result'] });
  });

  it('applies params over defaultParams', async () => {
    const r = await runScenario(scenarioNamed('params and timeouts', `${FX}/runs`), deps);
    expect(r.failures).toEqual([]);
    expect(r.observations!.run.params).toEqual({ who: 'harness' });
  });

  it('runs every step on the scenario engine', async () => {
    const r = await runScenario(scenarioNamed('engine override', `${FX}/runs`), deps);
    expect(r.failures).toEqual([]);
  });

  it('lets the --engine override win over the scenario engine', async () => {
    const scenario = scenarioNamed('engine override', `${FX}/runs`);
    const r = await runScenario(
      { ...scenario, scenario: { ...scenario.scenario, engine: 'docker' } },
      { ...deps, engineOverride: 'local' },
    );
    expect(r.failures).toEqual([]);
  });

  it('applies the task and run timeouts', async () => {
    for (const name of ['task timeout', 'run timeout']) {
      const r = await runScenario(scenarioNamed(name, `${FX}/runs`), deps);
      expect(r.failures, name).toEqual([]);
    }
  });

  it('runs the job `runs` times in one store and asserts the last run', async () => {
    const r = await runScenario(scenarioNamed('three runs', `${FX}/runs`), deps);
    expect(r.failures).toEqual([]);
    const obs = r.observations!;
    expect(obs.runs).toHaveLength(3);
    expect(new Set(obs.runs.map((run) => run.jobId)).size).toBe(1);
    expect(obs.run).toBe(obs.runs[2]);
    expect(obs.metrics.map((m) => [m.value, m.delta])).toEqual([[3, 1]]);
  });

  it('shares the task cache between the runs of a scenario (its store), never between scenarios', async () => {
    const cached = scenarioNamed('cached second run hits the cache', 'harness');
    const local = { ...deps, engineOverride: 'local' as const };
    const r = await runScenario(cached, local);
    expect(r.failures).toEqual([]);
    const [first, second] = r.observations!.runs;
    expect(statuses(first)).toEqual(['download: succeeded', 'build-index: succeeded', 'verify: succeeded']);
    expect(statuses(second)).toEqual(['download: cached', 'build-index: cached', 'verify: cached']);
    expect(second?.tasks.every((t) => t.cacheHit)).toBe(true);
    expect(second?.tasks.find((t) => t.name === 'download')?.output).toEqual({ files: '3' });
    const again = await runScenario({ ...cached, scenario: { ...cached.scenario, runs: 1 } }, local);
    expect(statuses(again.observations?.run)).toEqual(['download: succeeded', 'build-index: succeeded', 'verify: succeeded']);
  }, 30_000);

  it('takes the CAESIUM_CACHE_* defaults: with the cache enabled, a job without `cache` hits from its second run', async () => {
    const three = scenarioNamed('three runs', `${FX}/runs`);
    const off = await runScenario(three, deps);
    expect(off.observations!.runs.map((run) => statuses(run))).toEqual(
      Array.from({ length: 3 }, () => ['greet: succeeded', 'second: succeeded']),
    );
    const on = await runScenario(three, { ...deps, cacheDefaults: { ...CACHE_DEFAULTS, enabled: true } });
    expect(on.failures).toEqual([]);
    expect(on.observations!.runs.map((run) => statuses(run))).toEqual([
      ['greet: succeeded', 'second: succeeded'],
      ['greet: cached', 'second: cached'],
      ['greet: cached', 'second: cached'],
    ]);
  });

  it('cancels a running scenario when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const r = await runScenario(scenarioNamed('slow', `${FX}/runs`), { ...deps, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(r.failures).toEqual(['run status: expected succeeded, got cancelled']);
  });
});
