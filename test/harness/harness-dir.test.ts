/**
 * The scenarios in harness/ against the examples/ jobs, run as a user runs
 * them: on the local engine (`--engine local`, no container engine needed)
 * and on Docker (required in CI, skipped with a reason on a laptop without it).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, runCli, type CliResult } from '../support/cli.js';
import { requireEngine } from '../support/engines.js';
import { scenariosOf } from './support.js';

const names = scenariosOf('harness').map((s) => s.scenario.name);
const docker = await requireEngine('docker');

function expectAllPassed(r: CliResult): void {
  const results = lines(r.stdout).filter((l) => /^ {2}(PASS|FAIL) {2}/.test(l));
  expect(results.map((l) => l.replace(/^ {2}(PASS|FAIL) {2}/, ''))).toEqual(names);
  expect(
    results.filter((l) => l.startsWith('  FAIL  ')),
    r.stdout,
  ).toEqual([]);
  expect(r.code, r.stderr).toBe(0);
}

describe('harness/', () => {
  it('holds a scenario file per example job', () => {
    const examples = readdirSync('examples')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    const scenarios = readdirSync('harness')
      .filter((f) => f.endsWith('.scenario.yaml'))
      .map((f) => f.replace(/\.scenario\.yaml$/, ''));
    expect(scenarios.sort()).toEqual(examples.sort());
  });

  it('passes on the local engine', async () => {
    expectAllPassed(await runCli(['test', '--scenario', 'harness/', '--engine', 'local']));
  }, 120_000);

  describe.skipIf(docker.skip)('on Docker', () => {
    it('passes with every step in its own container', async () => {
      const r = await runCli(['test', '--scenario', 'harness/', '--verbose']);
      expectAllPassed(r);
      expect(lines(r.stdout)).toContain('         Run: nightly-etl (succeeded)');
    }, 180_000);
  });
});
