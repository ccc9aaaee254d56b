/** The reporters' documents, parsed back. */
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../src/harness/reporters/json.js';
import { junitXml } from '../../src/harness/reporters/junit.js';
import { fanOut } from '../../src/harness/reporters/reporter.js';
import { resultLines } from '../../src/harness/reporters/text.js';
import type { HarnessReport, ScenarioResult } from '../../src/harness/result.js';
import { assertWellFormed, elements } from './xml-check.js';

function result(name: string, extra: Partial<ScenarioResult>): ScenarioResult {
  return {
    scenario: {
      scenario: {
        name,
        path: 'job.yaml',
        maxParallel: 0,
        taskTimeoutMs: 0,
        runTimeoutMs: 0,
        runs: 1,
        params: {},
        expect: { runStatus: 'succeeded', tasks: [], metrics: [] },
      },
      file: 'h/x.scenario.yaml',
      position: { file: 'h/x.scenario.yaml', line: 4, col: 5 },
    },
    passed: true,
    failures: [],
    durationMs: 1234,
    ...extra,
  };
}

const report: HarnessReport = {
  results: [
    result('passes <first> & "quoted"', {}),
    result('fails', {
      passed: false,
      failures: ['task a log: expected substring "<b>&amp;"', 'run status: expected succeeded, got failed'],
    }),
    result('cannot run', { passed: false, error: 'scenario cannot run: alias "x" not found in j.yaml' }),
  ],
  passed: 1,
  failed: 2,
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 5678,
};

describe('JUnit reporter', () => {
  it('writes one testsuite with counts and one testcase per scenario, escaped', () => {
    const xml = junitXml(report);
    assertWellFormed(xml);
    const [suite] = elements(xml, 'testsuite');
    expect(suite!.attrs).toEqual({
      name: 'caesium harness',
      tests: '3',
      failures: '2',
      errors: '0',
      skipped: '0',
      time: '5.678',
      timestamp: '2026-01-02T03:04:05.000Z',
    });
    const cases = elements(xml, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['passes <first> & "quoted"', 'fails', 'cannot run']);
    expect(cases[0]!.attrs).toMatchObject({ classname: 'h/x.scenario.yaml', file: 'h/x.scenario.yaml', line: '4', time: '1.234' });
    expect(elements(cases[0]!.body, 'failure')).toEqual([]);
    const [failure] = elements(cases[1]!.body, 'failure');
    expect(failure!.attrs).toEqual({
      message: 'task a log: expected substring "<b>&amp;"; run status: expected succeeded, got failed',
      type: 'assertion',
    });
    expect(elements(cases[2]!.body, 'failure')[0]!.attrs).toEqual({
      message: 'scenario cannot run: alias "x" not found in j.yaml',
      type: 'error',
    });
  });

  it('drops characters XML cannot hold', () => {
    const xml = junitXml({ ...report, results: [result('bell\u0007', { passed: false, failures: ['x\u0000y'] })] });
    assertWellFormed(xml);
    expect(elements(xml, 'testcase')[0]!.attrs.name).toBe('bell');
  });
});

describe('JSON reporter', () => {
  it('has the documented shape', () => {
    const doc = JSON.parse(JSON.stringify(jsonReport(report)));
    expect(doc.version).toBe(1);
    expect(doc.summary).toEqual({ total: 3, passed: 1, failed: 2, startedAt: '2026-01-02T03:04:05.000Z', durationMs: 5678 });
    expect(doc.scenarios[1]).toEqual({
      name: 'fails',
      file: 'h/x.scenario.yaml',
      line: 4,
      column: 5,
      status: 'failed',
      durationMs: 1234,
      error: null,
      failures: ['task a log: expected substring "<b>&amp;"', 'run status: expected succeeded, got failed'],
      run: null,
      metrics: [],
      lineage: null,
    });
    expect(doc.scenarios[2]).toMatchObject({ status: 'failed', error: 'scenario cannot run: alias "x" not found in j.yaml' });
  });
});

describe('text reporter and fan-out', () => {
  it('prints the original lines', () => {
    expect(report.results.map((r) => resultLines(r, true))).toEqual([
      ['  PASS  passes <first> & "quoted"'],
      ['  FAIL  fails', '         - task a log: expected substring "<b>&amp;"', '         - run status: expected succeeded, got failed'],
      ['  FAIL  cannot run: scenario cannot run: alias "x" not found in j.yaml'],
    ]);
  });

  it('turns off a reporter that throws and keeps the others', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const all = fanOut(
      [
        {
          name: 'broken',
          onScenarioEnd: () => {
            throw new Error('disk full');
          },
        },
        { name: 'fine', onScenarioEnd: (r) => void seen.push(r.scenario.scenario.name) },
      ],
      (name, hook, error) => errors.push(`${name} ${hook} ${(error as Error).message}`),
    );
    for (const r of report.results) await all.onScenarioEnd(r);
    expect(seen).toEqual(['passes <first> & "quoted"', 'fails', 'cannot run']);
    expect(errors).toEqual(['broken onScenarioEnd disk full']);
  });
});
