/**
 * Partial local runs with the task cache, on the built CLI with the local
 * engine: `--from` takes the steps before it from the cache (their outputs
 * flow on; the upstream side-effect file is written once), `--failed`
 * re-runs what did not succeed in the last local run, and `--dry-run` prints
 * the plan with secrets as `***` and runs nothing. Each step appends to a
 * side-effect file named after itself. Run `npm run build` first.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { cliEnv, collect, runCli, startCli, tempDir, waitFor } from '../fixtures/dev/cli.js';

let dir: string;
let remove: () => void;
let job: string;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  job = join(dir, 'job.yaml');
  const side = (name: string): string => join(dir, `ran-${name}`);
  writeFileSync(
    job,
    [
      'apiVersion: v1',
      'kind: Job',
      'metadata:',
      '  alias: etl',
      '  cache: true',
      'trigger:',
      '  type: cron',
      '  configuration:',
      '    expression: "0 * * * *"',
      'steps:',
      '  - name: extract',
      '    engine: local',
      `    command: [sh, -c, 'echo x >> ${side('extract')}; echo "##caesium::output {\\"rows\\": \\"42\\"}"']`,
      '  - name: transform',
      '    engine: local',
      '    dependsOn: [extract]',
      '    env:',
      '      API_TOKEN: secret://env/ETL_TOKEN',
      '      MODE: fast',
      `    command: [sh, -c, 'echo "$CAESIUM_OUTPUT_EXTRACT_ROWS" >> ${side('transform')}; test -f ${join(dir, 'fixed')}']`,
      '  - name: load',
      '    engine: local',
      '    dependsOn: [transform]',
      `    command: [sh, -c, 'echo x >> ${side('load')}']`,
      '',
    ].join('\n'),
  );
});
afterEach(() => remove());

const env = cliEnv({ ETL_TOKEN: 'hunter2-very-secret' });
const dev = (...extra: string[]) => runCli(['dev', '--once', '-p', job, ...extra], env);
const lines = (name: string): string[] => {
  const file = join(dir, `ran-${name}`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
};

describe('partial runs with the task cache', () => {
  it('--from takes the steps before it from the cache, with their outputs; --failed re-runs what failed', async ({ expect }) => {
    const first = await dev();
    expect(first.code).toBe(1); // transform fails until `fixed` exists
    expect(first.stdout).toContain('SKIP  load');
    writeFileSync(join(dir, 'fixed'), '');

    const from = await dev('--from', 'transform');
    expect(from.code).toBe(0);
    expect(from.stderr).toContain('partial run of etl: taking extract from the task cache');
    expect(from.stdout).toContain('CACHE extract');
    expect(lines('extract')).toEqual(['x']); // written once: the cache stood in for it
    expect(lines('transform')).toEqual(['42', '42']); // its output reached transform from the cache
    expect(lines('load')).toEqual(['x']);

    // the last run (partial) recorded transform and load as succeeded: nothing left to re-run
    const nothing = await dev('--failed');
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain('--failed: nothing failed in the last local run of etl; not running it');
  }, 60_000);

  it('--failed re-runs the failed step and what it skipped, taking the rest from the cache', async ({ expect }) => {
    expect((await dev()).code).toBe(1);
    expect(lines('extract')).toEqual(['x']);
    const missing = await runCli(['dev', '--once', '-p', job, '--failed', '--cache-dir', join(dir, 'elsewhere')], env);
    expect(missing.stderr).toContain('--failed: no local run of etl is recorded');
    writeFileSync(join(dir, 'fixed'), '');
    const again = await dev('--failed', '--explain-cache');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('--failed: re-running transform, load of etl');
    expect(again.stderr).toMatch(/extract +hit +same key as run /);
    expect(again.stderr).toMatch(/transform +rerun +chosen to run/);
    expect(lines('extract')).toEqual(['x']);
    expect(lines('transform')).toEqual(['42', '42']);
    expect(lines('load')).toEqual(['x']);
  }, 60_000);

  it('--dry-run prints the plan with the secret masked and runs nothing', async ({ expect }) => {
    const before = await dev('--dry-run');
    expect(before.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('ran-'))).toEqual([]);
    expect(before.stdout).toContain('Plan of etl (dry run: nothing is run)');
    expect(before.stdout).toMatch(/extract +RUN +cache miss: no stored result for this step/);
    expect(before.stdout).toMatch(/transform +RUN +runs after extract/);
    expect(before.stdout).toContain('    API_TOKEN=*** (secret://env/ETL_TOKEN)');
    expect(before.stdout).toContain('    MODE=fast');
    expect(before.stdout + before.stderr).not.toContain('hunter2-very-secret');

    await dev(); // extract is stored, transform fails
    const plan = await dev('--dry-run', '--from', 'transform');
    expect(plan.stdout).toMatch(/extract +CACHE +same key as run /);
    expect(plan.stdout).toMatch(/transform +RUN +chosen to run/);
    expect(plan.stdout).toMatch(/load +RUN +runs after transform/);
    expect(lines('extract')).toEqual(['x']);
    expect(lines('transform')).toEqual(['42']);
    const unresolved = await runCli(['dev', '--once', '-p', job, '--dry-run'], cliEnv());
    expect(unresolved.stdout).toContain('API_TOKEN=<not resolved: environment variable "ETL_TOKEN" is not set>');
  }, 60_000);

  it('watch mode keeps the selection: every change re-runs the --from steps, the rest from the cache', async ({ expect }) => {
    writeFileSync(join(dir, 'fixed'), '');
    expect((await dev()).code).toBe(0);
    const child = startCli(['dev', '-p', job, '--from', 'load'], env);
    const io = collect(child);
    await waitFor(io.err, 'Watching 1 file(s) for changes... (Ctrl-C to stop)', 30_000);
    expect(io.err()).toContain('partial run of etl: taking extract, transform from the task cache');
    writeFileSync(job, `${readFileSync(job, 'utf8')}# edited\n`);
    await waitFor(io.err, 'File changed, re-running...', 30_000);
    await waitFor(io.out, /etl completed successfully[^]*etl completed successfully/, 30_000);
    child.kill('SIGINT');
    expect((await io.result).code).toBe(0);
    expect(lines('extract')).toEqual(['x']);
    expect(lines('transform')).toEqual(['42']);
    expect(lines('load')).toEqual(['x', 'x', 'x']);
  }, 90_000);
});
