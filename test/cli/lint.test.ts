import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LintJson } from '../../src/cli/format/lint-json.js';
import { lines, runCli } from '../support/cli.js';

const FX = 'test/cli/fixtures';
const ESC = '\u001b[';

describe('caesium job lint (text)', () => {
  it('prints the original Validated line and data-contract summaries on stdout when clean', async () => {
    const r = await runCli(['job', 'lint', '-p', 'examples', '--strict']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(['Validated 7 job definition(s)', '  outputs: 1 data contract (count-rows → report: rows)']);
  });

  it('reports every diagnostic, grouped by file, then a count, on stderr; exit 1', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/mixed`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      `${FX}/mixed/b-bad.yaml:10:5  error    steps[0].image is required  (set the container image to run, or \`engine: local\` to run a host process)`,
      `${FX}/mixed/b-bad.yaml:14:16  error    steps[1].dependsOn references unknown step "fetchh"  (did you mean "fetch"?)`,
      '',
      `${FX}/mixed/c-cycle.yaml:10:5  error    cycle detected: a → b → a  (a job is a DAG: remove one next or dependsOn edge of the cycle)`,
      '',
      '✖ 3 errors, 0 warnings in 2 files (3 definitions checked)',
    ]);
  });

  it('passes with warnings, and --strict turns them into exit 1', async () => {
    const warning = `${FX}/warn.yaml:13:5  warning  unknown key "retrys" in steps[0]; did you mean "retries"?  (rename it to retries, or remove it)`;
    const lenient = await runCli(['job', 'lint', '-p', `${FX}/warn.yaml`]);
    expect(lenient.code).toBe(0);
    expect(lines(lenient.stdout)).toEqual(['Validated 1 job definition(s)']);
    expect(lines(lenient.stderr)).toEqual([warning, '', '⚠ 0 errors, 1 warning in 1 file (1 definition checked)']);

    const strict = await runCli(['job', 'lint', '-p', `${FX}/warn.yaml`, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(lines(strict.stderr)).toEqual([warning, '', '✖ 0 errors, 1 warning in 1 file (1 definition checked; --strict: warnings fail)']);
  });

  it('reports YAML syntax errors at their position (exit 1) and a missing path with exit 2', async () => {
    const syntax = await runCli(['job', 'lint', '-p', `${FX}/syntax.yaml`]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/^test\/cli\/fixtures\/syntax\.yaml:5:1 {2}error {4}YAML syntax error: /);
    const missing = await runCli(['job', 'lint', '-p', 'no/such.yaml']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)[0]).toBe('error    no/such.yaml: no such file or directory  (check the --path value)');
  });

  it('says "No job definitions found." (exit 0) when the path holds none', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/empty`]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(['No job definitions found.']);
  });
});

describe('caesium job lint --format json', () => {
  const parse = (text: string): LintJson => JSON.parse(text) as LintJson;

  it('describes a clean run', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/diamond.yaml`, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(parse(r.stdout)).toEqual({
      version: 1,
      strict: false,
      files: [`${FX}/diamond.yaml`],
      definitions: [{ file: `${FX}/diamond.yaml`, line: 2, alias: 'diamond', valid: true }],
      diagnostics: [],
      summary: { errors: 0, warnings: 0, definitions: 1, files: 1 },
    });
  });

  it('lists every diagnostic with its position, code, hint and field', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/mixed`, '-p', `${FX}/warn.yaml`, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = parse(r.stdout);
    expect(report.files).toEqual([`${FX}/mixed/a-good.yaml`, `${FX}/mixed/b-bad.yaml`, `${FX}/mixed/c-cycle.yaml`, `${FX}/warn.yaml`]);
    expect(report.definitions.map((d) => [d.alias, d.valid])).toEqual([
      ['good', true],
      ['bad', false],
      ['loop', false],
      ['typo', true],
    ]);
    expect(report.diagnostics[0]).toEqual({
      file: `${FX}/mixed/b-bad.yaml`,
      line: 10,
      col: 5,
      severity: 'error',
      code: 'E_REQUIRED',
      message: 'steps[0].image is required',
      hint: 'set the container image to run, or `engine: local` to run a host process',
      field: 'steps[0].image',
    });
    expect(report.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`)).toEqual([
      '10:5 error E_REQUIRED',
      '14:16 error E_UNKNOWN_STEP',
      '10:5 error E_CYCLE',
      '13:5 warning W_UNKNOWN_KEY',
    ]);
    expect(report.summary).toEqual({ errors: 3, warnings: 1, definitions: 4, files: 4 });
  });

  it('keeps severities under --strict but fails on warnings', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/warn.yaml`, '--format', 'json', '--strict']);
    expect(r.code).toBe(1);
    const report = parse(r.stdout);
    expect(report.strict).toBe(true);
    expect(report.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(report.definitions[0]?.valid).toBe(true);
  });

  it('matches the shape documented in docs/lint-json.md', async () => {
    const doc = readFileSync('docs/lint-json.md', 'utf8');
    const r = parse((await runCli(['job', 'lint', '-p', `${FX}/mixed`, '--format', 'json'])).stdout);
    for (const key of Object.keys(r)) expect(doc).toContain(`| \`${key}\``);
    for (const key of Object.keys(r.summary)) expect(doc).toContain(`\`summary.${key}\``);
    for (const key of Object.keys(r.definitions[0] ?? {})) expect(doc).toContain(`\`definitions[].${key}\``);
  });
});

describe('caesium job lint --format github', () => {
  it('prints one workflow command per diagnostic, escaping properties and message', async () => {
    const r = await runCli(['job', 'lint', '-p', `${FX}/odd`, '-p', `${FX}/warn.yaml`, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      '::error file=test/cli/fixtures/odd/a%2Cb.yaml,line=10,col=5,title=E_REQUIRED::steps[0].image is required%0Ahint: set the container image to run, or `engine: local` to run a host process',
      `::warning file=${FX}/warn.yaml,line=13,col=5,title=W_UNKNOWN_KEY::unknown key "retrys" in steps[0]; did you mean "retries"?%0Ahint: rename it to retries, or remove it`,
    ]);
    expect(lines(r.stderr)).toEqual(['✖ 1 error, 1 warning in 2 files (2 definitions checked)']);
  });
});

describe('colours', () => {
  const bad = ['job', 'lint', '-p', `${FX}/mixed/b-bad.yaml`];

  it('are off with NO_COLOR and with --no-color, even when forced', async () => {
    const noColor = await runCli(bad, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(noColor.stderr).not.toContain(ESC);
    const flag = await runCli(['--no-color', ...bad], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stderr).toContain('error    steps[0].image is required');
    expect(flag.stderr).not.toContain(ESC);
  });

  it('are on with FORCE_COLOR=1', async () => {
    const r = await runCli(bad, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${ESC}31merror  ${ESC}39m`);
  });
});
