/**
 * `caesium dev --once --json` (issue 11, item 7): stdout is one JSON document
 * that validates against schemas/run-result.v1.json, with each task's status,
 * exit code, duration, outputs, cache hit and error; the lines go to stderr.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import f from 'ajv-formats';
import { describe, it } from 'vitest';
import { runCli } from '../fixtures/dev/cli.js';

const addFormats = f.default;
const schema = JSON.parse(readFileSync(new URL('../../schemas/run-result.v1.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('caesium dev --once --json', () => {
  it('prints one document that validates against its schema for a failed run', async ({ expect }) => {
    const failed = await runCli(['dev', '--once', '--json', '--path', 'test/fixtures/dev/failure-output.yaml']);
    expect(failed.code).toBe(1);
    const doc = JSON.parse(failed.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ version: 1, status: 'failed', runs: [{ jobAlias: 'readable', status: 'failed' }] });
    expect(doc.runs[0].error).toBe('task "crash" failed with result "failure"');
    const [produce, crash] = doc.runs[0].tasks;
    expect(produce).toMatchObject({ name: 'produce', status: 'succeeded', exitCode: 0, cacheHit: false, output: { rows: 'x' } });
    expect(produce.schemaViolations).toEqual([{ key: '/rows', message: 'expected integer, got "x"' }]);
    expect(crash).toMatchObject({ name: 'crash', status: 'failed', exitCode: 3, error: 'command exited with non-zero status' });
    expect(crash.durationMs).toBeGreaterThanOrEqual(0);
    expect(failed.stderr).toContain('  FAIL  crash ');
  });

  it('prints one valid document for a passing run and exits 0', async ({ expect }) => {
    const ok = await runCli(['dev', '--once', '--json', '--path', 'test/fixtures/dev/chain.yaml']);
    expect(ok.code).toBe(0);
    const passed = JSON.parse(ok.stdout);
    expect(validate(passed), JSON.stringify(validate.errors)).toBe(true);
    expect(passed.status).toBe('succeeded');
    expect(passed.runs[0].tasks.map((t: { status: string }) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('is a usage error (exit 2) without --once', async ({ expect }) => {
    const r = await runCli(['dev', '--json', '--path', 'test/fixtures/dev/chain.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--json needs --once');
    expect(r.stdout).toBe('');
  });
});
