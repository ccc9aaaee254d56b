/**
 * `caesium test --json` (issue 11, item 7): stdout is one JSON document that
 * validates against schemas/test-result.v1.json, for the lint-style
 * `caesium test` and for `--scenario` (whose runs are described by
 * schemas/run-result.v1.json); the usual lines go to stderr.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import f from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const addFormats = f.default;
const read = (name: string): object => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(read('run-result.v1.json'));
const validate = ajv.compile(read('test-result.v1.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function documentOf(stdout: string): any {
  const doc: unknown = JSON.parse(stdout);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

const FX = 'test/fixtures/harness';

describe('caesium test --json (definitions)', () => {
  it('prints every definition with its DAG; the PASS lines go to stderr', async () => {
    const r = await runCli(['test', '--json', '-p', 'examples/local-engine.yaml']);
    expect(r.code).toBe(0);
    const doc = documentOf(r.stdout);
    expect(doc).toMatchObject({ version: 1, mode: 'definitions', status: 'passed', images: null });
    expect(doc.summary).toEqual({ definitions: 1, passed: 1, failed: 0, errors: 0, warnings: 0 });
    expect(doc.definitions[0]).toMatchObject({
      alias: 'local-engine',
      status: 'passed',
      summary: 'fetch -> [count-words, measure] -> summarize (4 steps, max parallelism: 2)',
      roots: ['fetch'],
      leaves: ['summarize'],
    });
    expect(doc.definitions[0].steps[3]).toEqual({ name: 'summarize', engine: 'local', dependsOn: ['count-words', 'measure'] });
    expect(r.stderr).toContain('  PASS  local-engine');
  });

  it('reports a broken definition as failed with its diagnostics, exit 1', async () => {
    const r = await runCli(['test', '--json', '-p', 'test/fixtures/invalid/trigger-type-invalid.yaml', '-p', 'examples/cached.yaml']);
    expect(r.code).toBe(1);
    const doc = documentOf(r.stdout);
    expect(doc.status).toBe('failed');
    const broken = doc.definitions.find((d: { status: string }) => d.status === 'failed');
    expect(broken.diagnostics[0]).toMatchObject({ line: 8, col: 9, severity: 'error', code: 'E_ENUM', field: 'trigger.type' });
    expect(doc.summary).toMatchObject({ definitions: 2, passed: 1, failed: 1, errors: 1 });
  });

  it('reports a bad --path as status error, exit 2, still one document', async () => {
    const r = await runCli(['test', '--json', '-p', 'no/such/dir']);
    expect(r.code).toBe(2);
    const doc = documentOf(r.stdout);
    expect(doc.status).toBe('error');
    expect(doc.diagnostics[0]).toMatchObject({ code: 'E_NOT_FOUND', file: 'no/such/dir' });
  });
});

describe('caesium test --scenario --json', () => {
  it('prints each scenario with its runs, tasks, exit codes, durations and outputs', async () => {
    const r = await runCli(['test', '--scenario', 'harness/outputs.scenario.yaml', '--engine', 'local', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = documentOf(r.stdout);
    expect(doc).toMatchObject({ version: 1, mode: 'scenarios', status: 'passed', diagnostics: [] });
    expect(doc.summary.passed).toBe(doc.summary.total);
    const run = doc.scenarios[0].runs.at(-1);
    expect(run.status).toBe('succeeded');
    for (const task of run.tasks) {
      expect(task).toMatchObject({ status: 'succeeded', exitCode: 0, cacheHit: false, error: null });
      expect(task.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(run.tasks.some((t: { output: object }) => Object.keys(t.output).length > 0)).toBe(true);
    expect(r.stderr).toContain('PASS');
  });

  it('reports failing scenarios with their failures, exit 1', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/failing/failures.scenario.yaml`, '--json']);
    expect(r.code).toBe(1);
    const doc = documentOf(r.stdout);
    expect(doc.status).toBe('failed');
    const first = doc.scenarios[0];
    expect(first.status).toBe('failed');
    expect(first.failures.length).toBeGreaterThan(0);
    const boom = first.runs[0].tasks.find((t: { name: string }) => t.name === 'boom');
    expect(boom).toMatchObject({ status: 'failed' });
    expect(boom.exitCode).not.toBe(0);
  });

  it('reports an invalid harness file as status error, exit 2, with its diagnostics', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/invalid/missing-header.yaml`, '--json']);
    expect(r.code).toBe(2);
    const doc = documentOf(r.stdout);
    expect(doc).toMatchObject({ status: 'error', scenarios: [], summary: { total: 0 } });
    expect(doc.diagnostics.length).toBeGreaterThan(0);
    expect(doc.diagnostics[0].file).toBe(`${FX}/invalid/missing-header.yaml`);
  });

  it('is a usage error together with --reporter or --output', async () => {
    const r = await runCli(['test', '--scenario', 'harness/outputs.scenario.yaml', '--json', '--reporter', 'junit']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--json cannot be combined with --reporter or --output');
  });
});
