/** `caesium test --scenario …` as a user runs it: the built CLI, exact lines and exit codes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';
import { FX, stableIds } from './support.js';
import { assertWellFormed, elements } from './xml-check.js';

const tmp = mkdtempSync(join(tmpdir(), 'caesium-harness-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FAILING_LINES = [
  '  FAIL  several jobs without alias: scenario several jobs without alias: path test/fixtures/harness/jobs/two.yaml contains 2 job definitions; set scenario.alias',
  '  FAIL  unknown alias: scenario unknown alias: alias "third" not found in test/fixtures/harness/jobs/two.yaml',
  '  FAIL  no job definitions: scenario no job definitions: no job definitions found at test/fixtures/harness/discovery',
  '  FAIL  missing job file: scenario missing job file: test/fixtures/harness/jobs/nope.yaml: no such file or directory',
  '  FAIL  unknown step in a placeholder: metric caesium_task_runs_total labels: task_id: task "ghost" ID is not available',
  '  PASS  alias picks the second job',
  '         Run: second (succeeded)',
  '         - only: succeeded',
  '  FAIL  run and task failures',
  '         - run status: expected succeeded, got failed',
  '         - run error: expected substring "disk full", got "task \\"boom\\" failed with result \\"failure\\""',
  '         - task boom status: expected succeeded, got failed',
  '         - task boom error: expected substring "disk full", got "command exited with non-zero status"',
  '         - task boom output[result]: expected "done", got ""',
  '         - task boom log: expected substring "all good"',
  '         - task after cacheHit: expected true, got false',
  '         - task ghost: not found in run result',
  '         output of failed task boom (last 1 line(s)):',
  '         | about to fail',
  '  FAIL  schema, metric and lineage failures',
  '         - task greet schemaViolationCount: expected 0, got 1',
  '         - task greet output[greeting]: expected "hi", got "hello"',
  '         - metric caesium_task_cache_hits_total {job_alias=ok, task_name=greet} value: expected 1.000000, got 0.000000',
  '         - metric caesium_task_cache_hits_total {job_alias=ok, task_name=greet} delta: expected 2.000000, got 0.000000',
  '         - lineage totalEvents: expected 3, got 6',
  '         - lineage eventTypes[START]: expected 4, got 3',
  '         - lineage eventTypes[FAIL]: expected 1, got 0',
  '         - lineage jobNames: expected "nope" to appear',
  '  PASS  the expected failure passes',
  '         Run: fails (failed)',
  '         - boom: failed',
  '         - after: skipped',
];

describe('caesium test --scenario', () => {
  it('prints PASS, FAIL with each failure, and FAIL with the execution error; exits 1', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/failing`, '--verbose']);
    expect(lines(stableIds(r.stdout))).toEqual(FAILING_LINES);
    expect(lines(r.stderr)).toEqual(['error: one or more checks failed']);
    expect(r.code).toBe(1);
  });

  it('without --verbose prints only the PASS line of a passing scenario; exits 0 when all pass', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/discovery/a.scenario.yaml`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(lines(r.stdout)).toEqual(['  PASS  a']);
  });

  it('prints every problem of invalid harness files at file:line:col, runs nothing and exits 2', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/invalid/header.yaml,${FX}/invalid/list.yaml`, '--scenario', `${FX}/discovery`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      `${FX}/invalid/header.yaml:1:13  error    unsupported apiVersion: v2  (set apiVersion: v1)`,
      `${FX}/invalid/header.yaml:2:7  error    unsupported kind: Harnes  (set kind: Harness)`,
      `${FX}/invalid/header.yaml:3:12  error    scenarios must contain at least one entry  (add a \`- name: …\` entry under scenarios)`,
      '',
      `${FX}/invalid/list.yaml:1:1  error    a harness document must be a mapping  (start the document with \`apiVersion: v1\` and \`kind: Harness\`)`,
      'error: no scenario was run: fix the harness problems above',
    ]);
  });

  it('exits 2 for a missing --scenario path', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/absent`]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe(`error    ${FX}/absent: no such file or directory  (check the --scenario value)`);
  });

  it('says "No harness scenarios found." and exits 1 when a directory has none', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/jobs`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['No harness scenarios found.']);
    expect(r.stderr).toContain(`no scenarios under ${FX}/jobs`);
  });

  it('writes JUnit XML to --output and keeps the lines on stdout', async () => {
    const file = join(tmp, 'reports', 'junit.xml');
    const r = await runCli(['test', '--scenario', `${FX}/failing`, '--reporter', 'junit', '--output', file]);
    expect(r.code).toBe(1);
    expect(lines(stableIds(r.stdout))).toEqual(FAILING_LINES.filter((l) => !/^ {9}(Run:|- \S+: \w+$)/.test(l) || l.includes('expected')));
    const xml = readFileSync(file, 'utf8');
    assertWellFormed(xml);
    expect(elements(xml, 'testsuite')[0]!.attrs).toMatchObject({ name: 'caesium harness', tests: '9', failures: '7' });
    const cases = elements(xml, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'several jobs without alias',
      'unknown alias',
      'no job definitions',
      'missing job file',
      'unknown step in a placeholder',
      'alias picks the second job',
      'run and task failures',
      'schema, metric and lineage failures',
      'the expected failure passes',
    ]);
    const failure = (name: string) => elements(cases.find((c) => c.attrs.name === name)!.body, 'failure')[0]?.attrs;
    expect(failure('alias picks the second job')).toBeUndefined();
    expect(failure('unknown alias')).toEqual({
      message: `scenario unknown alias: alias "third" not found in ${FX}/jobs/two.yaml`,
      type: 'error',
    });
    expect(failure('schema, metric and lineage failures')!.message!.split('; ')).toEqual(
      FAILING_LINES.slice(20, 28).map((l) => l.slice('         - '.length)),
    );
    expect(cases[0]!.attrs.classname).toBe(`${FX}/failing/errors.scenario.yaml`);
  });

  it('prints the JSON report alone on stdout with --reporter json', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/failing/failures.scenario.yaml`, '--reporter', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ total: 3, passed: 1, failed: 2 });
    expect(doc.scenarios.map((s: { name: string; status: string }) => `${s.name}: ${s.status}`)).toEqual([
      'run and task failures: failed',
      'schema, metric and lineage failures: failed',
      'the expected failure passes: passed',
    ]);
    const passed = doc.scenarios[2];
    expect(passed.run).toMatchObject({ jobAlias: 'fails', status: 'failed', runs: 1 });
    expect(passed.run.tasks.map((t: { name: string; status: string }) => `${t.name}: ${t.status}`)).toEqual([
      'boom: failed',
      'after: skipped',
    ]);
    expect(doc.scenarios[1].lineage).toEqual({
      events: 6,
      eventTypes: { START: 3, COMPLETE: 3 },
      jobNames: expect.arrayContaining(['ok']),
    });
    expect(doc.scenarios[1].metrics[1]).toMatchObject({ name: 'caesium_job_runs_total', value: 1, delta: 1 });
  });

  it('exits 2 when the report cannot be written, after running every scenario', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/discovery/a.scenario.yaml`, '--reporter', 'junit', '--output', tmp]);
    expect(lines(r.stdout)).toEqual(['  PASS  a']);
    expect(r.stderr).toMatch(/^caesium: the junit reporter failed in onEnd and was turned off: EISDIR/);
    expect(r.code).toBe(2);
  });

  it('rejects a bad --reporter, --engine or a lone --output with exit 2', async () => {
    const bad = await runCli(['test', '--scenario', FX, '--reporter', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, junit, json.");
    const engine = await runCli(['test', '--scenario', FX, '--engine', 'kubernetes']);
    expect(engine.code).toBe(2);
    const output = await runCli(['test', '--scenario', FX, '--output', join(tmp, 'x.xml')]);
    expect(output.code).toBe(2);
    expect(lines(output.stderr)).toEqual(['error: --output needs --reporter junit or json', '  hint: the text lines always go to stdout']);
  });

  it('rejects a CAESIUM_CACHE_* variable that does not parse with exit 2, before running anything', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/discovery/a.scenario.yaml`], { env: { CAESIUM_CACHE_TTL: 'forever' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('CAESIUM_CACHE_TTL must be a duration such as 30m, 24h or 7d (0 = never expires); got "forever"');
  });
});
