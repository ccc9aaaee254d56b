import { describe, expect, it } from 'vitest';
import { loadScenarios, parseScenarioText } from '../../src/harness/load.js';
import { validateHarnessDocument } from '../../src/harness/validate.js';

const FX = 'test/fixtures/harness';

/** `line:col message` of every diagnostic of the files under `paths`. */
function problems(...paths: string[]): string[] {
  return loadScenarios(paths).diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`);
}

function validate(text: string): { problems: string[]; names: string[] } {
  const parsed = parseScenarioText('inline.yaml', text);
  const out = { problems: parsed.diagnostics.map((d) => d.message), names: [] as string[] };
  for (const doc of parsed.documents) {
    const v = validateHarnessDocument(doc);
    out.problems.push(...v.diagnostics.map((d) => d.message));
    out.names.push(...v.scenarios.map((s) => s.scenario.name));
  }
  return out;
}

describe('harness validation', () => {
  it('reports a wrong apiVersion, kind and an empty scenario list at their positions', () => {
    expect(problems(`${FX}/invalid/header.yaml`)).toEqual([
      '1:13 unsupported apiVersion: v2',
      '2:7 unsupported kind: Harnes',
      '3:12 scenarios must contain at least one entry',
    ]);
  });

  it('reports a missing apiVersion and kind at the document', () => {
    expect(problems(`${FX}/invalid/missing-header.yaml`)).toEqual(['1:1 unsupported apiVersion: (none)', '1:1 unsupported kind: (none)']);
  });

  it('reports every problem of a document in one pass, in document order, with the original texts', () => {
    const list = problems(`${FX}/invalid/scenarios.yaml`);
    const supported = list.find((p) => p.includes('unsupported metric'))!;
    expect(supported).toMatch(
      /^19:17 scenarios\[0\]: unsupported metric "caesium_nope_total" \(supported: caesium_backfill_runs_total, caesium_backfills_active, .*, caesium_worker_lease_expirations_total\)$/,
    );
    expect(list.filter((p) => p !== supported)).toEqual([
      '6:11 scenarios[0]: runs must be >= 1',
      '7:13 scenarios[0]: engine "kubernetes" must be one of [local, docker, podman]',
      '9:7 scenarios[0]: unknown key "taks" in expect; did you mean "tasks"?',
      '10:18 scenarios[0]: expect.runStatus "done" must be one of [succeeded, failed, cancelled]',
      '13:33 scenarios[0]: expect.tasks[0].schemaViolationCount must be >= 0',
      '14:17 scenarios[0]: duplicate expected task "a"',
      '15:11 scenarios[0]: expect.tasks[2].name is required',
      '15:19 scenarios[0]: expect.tasks[2].status "bogus" must be one of [pending, running, succeeded, failed, skipped, cached, cancelled]',
      '17:11 scenarios[0]: expect.metrics[0] must set value or delta',
      '18:19 scenarios[0]: metric caesium_job_runs_total: expected labels [job_id status], got [job_id]',
      '22:28 scenarios[0]: unsupported placeholder "$jobid"',
      '24:11 scenarios[0]: expect.metrics[3].name is required',
      '26:22 scenarios[0]: expect.lineage.totalEvents must be >= 0',
      '27:29 scenarios[0]: expect.lineage.eventTypes["START"] must be >= 0',
      '27:33 scenarios[0]: unknown key "BEGIN" in expect.lineage.eventTypes',
      '29:13 scenarios[0]: expect.lineage.impact[0].dataset is required',
      '29:13 scenarios[0]: expect.lineage.impact[0] must list at least one downstream dataset',
      '31:5 scenarios[1]: name is required',
      '32:18 scenarios[1]: maxParallel must be >= 0',
      '33:18 scenarios[1]: taskTimeout "soon" is not a duration',
      '35:11 scenarios[2]: path is required',
      '37:11 duplicate scenario name "one"',
      '43:18 scenarios[3]: expect.metrics[0].value must be a number, not a string',
    ]);
  });

  it('names the file of every diagnostic and gives hints', () => {
    const d = loadScenarios([`${FX}/invalid/scenarios.yaml`]).diagnostics;
    expect(new Set(d.map((x) => x.file))).toEqual(new Set([`${FX}/invalid/scenarios.yaml`]));
    expect(d.every((x) => x.severity === 'error')).toBe(true);
    expect(d.find((x) => x.message.includes('unknown key'))?.hint).toBe('rename it to tasks, or remove it');
  });

  it('reports YAML syntax errors and documents that are not mappings', () => {
    expect(problems(`${FX}/invalid/syntax.yaml`)).toEqual(['6:1 YAML syntax error: Missing closing "quote']);
    expect(problems(`${FX}/invalid/list.yaml`)).toEqual(['1:1 a harness document must be a mapping']);
  });

  it('fails on an invalid later document even when an earlier one is valid (blank documents skipped)', () => {
    const set = loadScenarios([`${FX}/invalid/multi.yaml`]);
    expect(set.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '15:11 scenarios[0]: expect.metrics[0] must set value or delta',
    ]);
  });

  it('applies defaults and takes numbers written as text as text', () => {
    const set = loadScenarios([`${FX}/valid/defaults.scenario.yaml`]);
    expect(set.diagnostics).toEqual([]);
    const [s] = set.scenarios;
    expect(s!.scenario).toEqual({
      name: 'defaults',
      path: 'job.yaml',
      maxParallel: 0,
      taskTimeoutMs: 0,
      runTimeoutMs: 90_000,
      runs: 1,
      params: { day: '2024-01-01', n: '3' },
      expect: { runStatus: 'succeeded', tasks: [{ name: 'a', output: { rows: '42', ratio: '1.50' } }], metrics: [] },
    });
    expect(s!.position).toEqual({ file: `${FX}/valid/defaults.scenario.yaml`, line: 4, col: 5 });
  });

  it('accepts every field of the format', () => {
    const set = loadScenarios([`${FX}/valid/full.scenario.yaml`]);
    expect(set.diagnostics).toEqual([]);
    expect(set.scenarios[0]!.scenario).toMatchObject({
      alias: 'ok',
      maxParallel: 2,
      taskTimeoutMs: 30_000,
      runs: 2,
      engine: 'local',
      expect: {
        runStatus: 'failed',
        errorContains: 'boom',
        tasks: [
          {
            name: 'a',
            status: 'cached',
            output: { k: 'v' },
            logContains: ['x'],
            schemaViolationCount: 0,
            cacheHit: true,
            errorContains: 'e',
          },
        ],
        metrics: [
          {
            name: 'caesium_task_runs_total',
            labels: { job_id: '$job_id', task_id: '$task_id:a', engine: 'local', status: 'succeeded' },
            value: 1,
            delta: 0.5,
          },
        ],
        lineage: { totalEvents: 6, eventTypes: { START: 3, COMPLETE: 2, FAIL: 1, ABORT: 0 }, jobNames: ['ok'] },
      },
    });
  });

  it('requires value or delta, but not labels, for a label-less metric', () => {
    const base = 'apiVersion: v1\nkind: Harness\nscenarios:\n  - name: s\n    path: j.yaml\n    expect:\n      metrics:\n';
    expect(validate(`${base}        - name: caesium_db_busy_retries_total\n          value: 0\n`).problems).toEqual([]);
    expect(
      validate(`${base}        - name: caesium_db_busy_retries_total\n          labels: {node_id: x}\n          delta: 0\n`).problems,
    ).toEqual(['scenarios[0]: metric caesium_db_busy_retries_total: expected labels [], got [node_id]']);
  });

  it('rejects unknown keys at the top and in scenarios', () => {
    const r = validate('apiVersion: v1\nkind: Harness\nscenario: []\nscenarios:\n  - name: s\n    path: j.yaml\n    maxparallel: 2\n');
    expect(r.problems).toEqual([
      'unknown key "scenario"; did you mean "scenarios"?',
      'scenarios[0]: unknown key "maxparallel"; did you mean "maxParallel"?',
    ]);
  });

  it('skips blank documents', () => {
    expect(validate('---\n---\n{}\n---\napiVersion: v1\nkind: Harness\nscenarios:\n  - {name: s, path: j.yaml}\n')).toEqual({
      problems: [],
      names: ['s'],
    });
  });
});

describe('scenario discovery', () => {
  it('walks directories for *.scenario.yaml|yml in any case; an explicit file may be any YAML', () => {
    const set = loadScenarios([`${FX}/discovery`, `${FX}/discovery/plain.yaml`]);
    expect(set.diagnostics).toEqual([]);
    expect(set.files).toEqual([
      `${FX}/discovery/a.scenario.yaml`,
      `${FX}/discovery/nested/B.Scenario.YML`,
      `${FX}/discovery/nested/deeper/c.scenario.yml`,
      `${FX}/discovery/plain.yaml`,
    ]);
    expect(set.scenarios.map((s) => `${s.scenario.name}@${s.position.line}`)).toEqual(['a@4', 'b@4', 'c1@7', 'c2@9', 'c3@17', 'plain@5']);
  });

  it('reports a missing path and a file that is not YAML', () => {
    const set = loadScenarios([`${FX}/nope`, `${FX}/discovery/notes.txt`]);
    expect(set.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E_NOT_FOUND', `${FX}/nope: no such file or directory`],
      ['E_NOT_YAML', `${FX}/discovery/notes.txt is not a YAML file`],
    ]);
  });

  it('finds nothing in a directory without scenario files', () => {
    const set = loadScenarios([`${FX}/jobs`]);
    expect(set).toMatchObject({ files: [], scenarios: [], diagnostics: [] });
  });
});
