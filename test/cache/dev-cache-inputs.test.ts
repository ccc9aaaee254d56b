/**
 * A cache that cannot go stale, through the built CLI with the local engine:
 * `cache.inputs` globs and the script a local command names enter the cache
 * key, so editing either misses the cache, and `--explain-cache` names the
 * file that changed. A glob that cannot be parsed is a lint error at its
 * line and column. Each step appends to a side-effect file, so the test sees
 * exactly which ran. Run `npm run build` first (`npm test` does).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { runCli, tempDir } from '../fixtures/dev/cli.js';

let dir: string;
let remove: () => void;
let job: string;

function writeJob(inputs: string): void {
  writeFileSync(
    job,
    [
      'apiVersion: v1',
      'kind: Job',
      'metadata:',
      '  alias: stale',
      'trigger:',
      '  type: cron',
      '  configuration:',
      '    expression: "0 * * * *"',
      'steps:',
      '  - name: load',
      '    engine: local',
      '    cache:',
      `      inputs: ${inputs}`,
      `    workdir: ${dir}`,
      `    command: [sh, -c, 'cat data/*.csv >> ${join(dir, 'ran-load')}']`,
      '  - name: build',
      '    engine: local',
      '    dependsOn: [load]',
      '    cache: true',
      `    workdir: ${dir}`,
      '    command: [sh, build.sh]',
      '',
    ].join('\n'),
  );
}

beforeEach(() => {
  ({ dir, remove } = tempDir());
  job = join(dir, 'job.yaml');
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'a.csv'), 'a,1\n');
  writeFileSync(join(dir, 'build.sh'), `echo v1 >> ${join(dir, 'ran-build')}\n`);
  writeJob('["data/*.csv"]');
});
afterEach(() => remove());

const runs = (name: string): number =>
  readFileSync(join(dir, `ran-${name}`), 'utf8')
    .split('\n')
    .filter(Boolean).length;
const dev = (...extra: string[]) => runCli(['dev', '--once', '-p', job, '--explain-cache', ...extra]);

describe('cache inputs', () => {
  it('misses when an input file or the local script changes, and --explain-cache names the file', async ({ expect }) => {
    expect((await dev()).code).toBe(0);
    const same = await dev();
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('CACHE load');
    expect(same.stdout).toContain('CACHE build');
    expect(same.stderr).toMatch(/load +hit +same key as run /);
    expect([runs('load'), runs('build')]).toEqual([1, 1]);

    writeFileSync(join(dir, 'data', 'a.csv'), 'a,2\n');
    const edited = await dev();
    expect(edited.code).toBe(0);
    expect(edited.stderr).toContain('load   miss   input file data/a.csv changed');
    expect(runs('load')).toBe(2);
    // load's output is the same (none), so build sees a new predecessor key only
    expect(edited.stderr).toMatch(/build +miss +predecessor load has a new key/);

    writeFileSync(join(dir, 'data', 'b.csv'), 'b,1\n');
    expect((await dev()).stderr).toContain('load   miss   input file data/b.csv is new');

    writeFileSync(join(dir, 'build.sh'), `echo v2 >> ${join(dir, 'ran-build')}\n`);
    const script = await dev();
    expect(script.stderr).toContain('build  miss   input file build.sh changed');
    expect(readFileSync(join(dir, 'ran-build'), 'utf8')).toContain('v2');
    const again = await dev();
    expect(again.stdout).toContain('CACHE build');
  }, 60_000);

  it('lints a glob that cannot be parsed at its line and column', async ({ expect }) => {
    writeJob('["data/*.csv", "data/[ab"]');
    const r = await runCli(['job', 'lint', '-p', job]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${job}:13:30  error    steps[0].cache.inputs[1] "data/[ab" is not a valid glob`);
    writeJob('["/etc/passwd"]');
    const abs = await runCli(['job', 'lint', '-p', job]);
    expect(abs.stdout + abs.stderr).toContain('steps[0].cache.inputs[0] "/etc/passwd" is an absolute path');
  });
});
