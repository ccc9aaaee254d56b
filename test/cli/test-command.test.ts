import { describe, expect, it } from 'vitest';
import { lines, ROOT, runCli } from '../support/cli.js';

const FX = 'test/cli/fixtures';

describe('caesium test', () => {
  it('prints PASS, the Steps line and, with --verbose, roots, leaves and each step', async () => {
    const r = await runCli(['test', '--path', `${FX}/diamond.yaml`, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      '  PASS  diamond',
      '         Steps: a -> [b, c] -> d (4 steps, max parallelism: 2)',
      '         Roots: a',
      '         Leaves: d',
      '         - a [local] depends on: (root)',
      '         - b [local] depends on: a',
      '         - c [local] depends on: a',
      '         - d [local] depends on: b, c',
    ]);
  });

  it('prints FAIL with the first error, then every error at file:line:col, and exits 1', async () => {
    const r = await runCli(['test', '-p', `${FX}/mixed`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      '  PASS  good',
      '         Steps: first -> second (2 steps, max parallelism: 1)',
      '  FAIL  bad: steps[0].image is required',
      `         - ${FX}/mixed/b-bad.yaml:10:5 steps[0].image is required`,
      `         - ${FX}/mixed/b-bad.yaml:14:16 steps[1].dependsOn references unknown step "fetchh"`,
      '  FAIL  loop: DAG analysis error: cycle detected: a → b → a',
      `         - ${FX}/mixed/c-cycle.yaml:10:5 cycle detected: a → b → a`,
    ]);
    expect(lines(r.stderr)).toEqual(['error: one or more checks failed']);
  });

  it('with --verbose says which non-job documents were skipped', async () => {
    const r = await runCli(['test', '-p', `${FX}/mixed`, '-v']);
    expect(lines(r.stdout).slice(-2)).toEqual(['Skipped 1 non-job document:', `  - ${FX}/mixed/a-good.yaml:17 (kind Harness)`]);
  });

  it('says "No job definitions found." and exits 0 when there is nothing to test', async () => {
    const r = await runCli(['test', '-p', `${FX}/empty`, '--verbose']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'No job definitions found.',
      'Skipped 1 non-job document:',
      `  - ${FX}/empty/chart.yaml:1 (kind Chart)`,
    ]);
    expect(r.stderr).toBe('');
  });

  it('defaults --path to the current directory and accepts comma-separated lists', async () => {
    const here = await runCli(['test'], { cwd: `${ROOT}${FX}/mixed` });
    expect(here.code).toBe(1);
    expect(here.stdout).toContain('         - b-bad.yaml:10:5 steps[0].image is required');
    const listed = await runCli(['test', '-p', `${FX}/diamond.yaml,${FX}/warn.yaml`]);
    expect(lines(listed.stdout).filter((l) => l.includes('PASS'))).toEqual(['  PASS  diamond', '  PASS  typo']);
  });

  it('passes a definition with warnings and prints the warnings on stderr', async () => {
    const r = await runCli(['test', '-p', `${FX}/warn.yaml`]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toBe('  PASS  typo');
    expect(lines(r.stderr)).toEqual([
      `${FX}/warn.yaml:13:5  warning  unknown key "retrys" in steps[0]; did you mean "retries"?  (rename it to retries, or remove it)`,
    ]);
  });

  it('reports a YAML syntax error at file:line:col on stderr and exits 1', async () => {
    const r = await runCli(['test', '-p', `${FX}/syntax.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/cli\/fixtures\/syntax\.yaml:5:1 {2}error {4}YAML syntax error: /);
  });

  it('exits 2 for a path that does not exist', async () => {
    const r = await runCli(['test', '-p', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/dir: no such file or directory  (check the --path value)');
  });

  it('rejects --scenario until harness scenarios exist (exit 2)', async () => {
    const r = await runCli(['test', '--scenario', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scenario');
  });
});
