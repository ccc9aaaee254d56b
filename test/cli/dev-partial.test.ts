/**
 * Partial local runs: `caesium dev --once --from STEP` and `--only STEP[,STEP]`
 * on the built CLI with the `local` engine, in a temp dir. Each step writes a
 * side-effect file named after itself, so the test sees exactly which ran.
 * Run `npm run build` first (`npm test` does).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { runCli, tempDir } from '../fixtures/dev/cli.js';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  // a → b → d, a → c; each step touches ran-<name>
  const step = (name: string, after: string[]): string =>
    [
      `  - name: ${name}`,
      '    engine: local',
      ...(after.length > 0 ? [`    dependsOn: [${after.join(', ')}]`] : []),
      `    command: [sh, -c, 'touch ${join(dir, `ran-${name}`)}']`,
    ].join('\n');
  writeFileSync(
    join(dir, 'job.yaml'),
    [
      'apiVersion: v1',
      'kind: Job',
      'metadata:',
      '  alias: fan',
      'trigger:',
      '  type: cron',
      '  configuration:',
      '    expression: "0 * * * *"',
      'steps:',
      step('a', []),
      step('b', ['a']),
      step('c', ['a']),
      step('d', ['b']),
      '',
    ].join('\n'),
  );
});
afterEach(() => remove());

const ran = (): string[] =>
  readdirSync(dir)
    .filter((f) => f.startsWith('ran-'))
    .map((f) => f.slice(4))
    .sort();

describe('caesium dev --from / --only', () => {
  it('--from runs the step and its downstream and says what it left out', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', join(dir, 'job.yaml'), '--from', 'b']);
    expect(r.code).toBe(0);
    expect(ran()).toEqual(['b', 'd']);
    expect(r.stderr).toContain('partial run of fan: not running a, c (their outputs are not passed on)');
  });

  it('--only runs just the named steps (comma list)', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', join(dir, 'job.yaml'), '--only', 'c,d']);
    expect(r.code).toBe(0);
    expect(ran()).toEqual(['c', 'd']);
    expect(r.stderr).toContain('not running a, b');
  });

  it('an unknown step exits 2 with a did-you-mean and runs nothing', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', join(dir, 'job.yaml'), '--from', 'bb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('job "fan" has no step "bb"; did you mean "b"?');
    expect(ran()).toEqual([]);
    expect(existsSync(join(dir, 'ran-a'))).toBe(false);
  });
});
