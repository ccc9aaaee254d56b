/**
 * `caesium dev --once` as a user runs it: the built CLI, the `local` engine,
 * small fixtures under test/fixtures/dev. Output is plain (pipes, no TTY).
 * Run `npm run build` first (`npm test` does).
 */
import { describe, it } from 'vitest';
import { cliEnv, runCli } from '../fixtures/dev/cli.js';

const fixture = (name: string): string => `test/fixtures/dev/${name}`;

/** Durations vary from run to run: drop `  (123ms)`-style tokens (a zero duration is not printed at all). */
const stable = (text: string): string[] =>
  text
    .replace(/ {2}\((?:\d+h)?(?:\d+m)?[\d.]+(?:ns|µs|ms|s)\)/g, '')
    .split('\n')
    .filter((l) => l !== '');

describe('caesium dev --once', () => {
  it('runs a three-step chain: header, table and result on stdout, live lines on stderr', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '--path', fixture('chain.yaml')]);
    expect(r.code).toBe(0);
    expect(stable(r.stdout)).toEqual([
      `caesium dev etl  ${fixture('chain.yaml')}`,
      '-'.repeat(60),
      '  OK    extract    succeeded',
      '  OK    transform  succeeded',
      '  OK    load       succeeded',
      '  OK    etl completed successfully',
    ]);
    expect(stable(r.stderr)).toEqual([
      '  ....  extract    running',
      '  OK    extract    succeeded',
      '  ....  transform  running',
      '  OK    transform  succeeded',
      '  ....  load       running',
      '  OK    load       succeeded',
    ]);
  });

  it('passes outputs downstream and prefixes every log line with its step under --logs', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '--logs', '-p', fixture('chain.yaml')]);
    expect(r.code).toBe(0);
    const logs = r.stdout.split('\n').filter((l) => l.includes(' | '));
    expect(logs).toEqual([
      'extract | extracting rows',
      'extract | ##caesium::output {"rows": 3}',
      'transform | transforming 3 rows',
      'load | loaded',
    ]);
    expect(r.stderr).not.toContain(' | ');
  });

  it('fails the run when a step fails, skips its all_success successors and runs all_done ones', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('failing.yaml')]);
    expect(r.code).toBe(1);
    expect(stable(r.stdout)).toEqual([
      `caesium dev failing  ${fixture('failing.yaml')}`,
      '-'.repeat(60),
      '  OK    extract  succeeded',
      '  FAIL  load     failed  error: command exited with non-zero status (exit code 3)',
      '        | disk full',
      '  SKIP  report   skipped  (upstream failed)',
      '  OK    cleanup  succeeded',
      '  FAIL  failing: task "load" failed with result "failure"',
    ]);
    expect(r.stderr).toContain('  SKIP  report   skipped  (upstream failed)\n');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('Run failed: task "load" failed with result "failure"');
  });

  it('honours CAESIUM_TASK_FAILURE_POLICY=halt', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('failing.yaml')], cliEnv({ CAESIUM_TASK_FAILURE_POLICY: 'halt' }));
    expect(r.code).toBe(1);
    expect(stable(r.stdout)).toContain('  SKIP  cleanup  skipped  (run halted after task "load" failed)');
  });

  it('follows a branch step and skips the successor it did not select', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('branch.yaml')]);
    expect(r.code).toBe(0);
    expect(stable(r.stdout).slice(2)).toEqual([
      '  OK    decide  succeeded',
      '  OK    fast    succeeded',
      '  SKIP  slow    skipped  (not selected by branch task "decide")',
      '  OK    branching completed successfully',
    ]);
  });

  it('retries a failed attempt and reports each attempt live', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '--logs', '-p', fixture('retry.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flaky | first try fails\n');
    expect(r.stdout).toContain('flaky | second try\n');
    expect(stable(r.stderr)).toEqual([
      '  ....  flaky  running',
      '  RETRY flaky  retrying in 10ms (attempt 1/3 failed)  error: command exited with non-zero status (exit code 1)',
      '  ....  flaky  running (attempt 2/3)',
      '  OK    flaky  succeeded',
    ]);
  });

  it('stops a task at its timeout; --task-timeout overrides metadata.taskTimeout', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('timeout.yaml')]);
    expect(r.code).toBe(1);
    expect(stable(r.stdout)).toContain('  FAIL  slow  failed  error: task "slow" timed out after 300ms');
    expect(r.stderr).toContain('Run failed: task "slow" timed out after 300ms');
    const flag = await runCli(['dev', '--once', '-p', fixture('timeout.yaml'), '--task-timeout', '150ms']);
    expect(flag.stdout).toContain('timed out after 150ms');
  });

  it('lays --param over trigger.defaultParams', async ({ expect }) => {
    const defaults = await runCli(['dev', '--once', '--logs', '-p', fixture('params.yaml')]);
    expect(defaults.stdout).toContain('greet | hello, world\n');
    const given = await runCli([
      'dev',
      '--once',
      '--logs',
      '-p',
      fixture('params.yaml'),
      '--param',
      'name=Ada',
      '--param',
      'greeting=hi=there',
    ]);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('greet | hi=there, Ada\n');
  });

  it('--engine local runs docker steps as host processes', async ({ expect }) => {
    const home = '/nonexistent/caesium-dev-home';
    const r = await runCli(['dev', '--once', '--logs', '--engine', 'local', '-p', fixture('docker-steps.yaml')], cliEnv({ HOME: home }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`hello | hello from containers, HOME=${home}\n`);
  });

  it('fails a kubernetes step with the runtime message unless --engine overrides it', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('kubernetes.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}FAIL {2}pod {2}failed {2}error: step "pod": kubernetes steps are not supported in local runs yet/);
    const local = await runCli(['dev', '--once', '--engine', 'local', '-p', fixture('kubernetes.yaml')]);
    expect(local.code).toBe(0);
  });

  it('runs every definition of a path in order, or only --alias', async ({ expect }) => {
    const all = await runCli(['dev', '--once', '-p', fixture('multi')]);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').filter((l) => l.startsWith('caesium dev '))).toEqual([
      `caesium dev first  ${fixture('multi')}`,
      `caesium dev second  ${fixture('multi')}`,
    ]);
    const one = await runCli(['dev', '--once', '-p', fixture('multi'), '--alias', 'second']);
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain('caesium dev first');
    expect(one.stdout).toContain('  OK    second completed successfully');
  });

  it('exits 2 for an unknown --alias and lists the aliases', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('multi'), '--alias', 'third']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: no job with alias "third" under ${fixture('multi')}; found: first, second`);
  });

  it('exits 1 with file:line:col when a definition has errors, and runs nothing', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('invalid.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/test\/fixtures\/dev\/invalid\.yaml:11:5 {2}error {4}steps\[0\]\.image is required/);
    expect(r.stdout).toBe('');
  });

  it.for<[string[], string]>([
    [['--param', 'name'], '--param must be k=v; got "name"'],
    [['--param', '=x'], '--param must be k=v; got "=x"'],
    [['--task-timeout', '5x'], '--task-timeout must be a duration like 30s, 5m or 1h30m; got "5x"'],
    [['--run-timeout', '-1s'], '--run-timeout must be a duration'],
    [['--max-parallel', 'two'], '--max-parallel must be a whole number'],
    [['--engine', 'kubernetes'], '--engine must be one of local, docker, podman; got "kubernetes"'],
    [['--bogus'], "unknown option '--bogus'"],
  ])('exits 2 for bad flags: %j', async ([flags, message], { expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('params.yaml'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a bad CAESIUM_MAX_PARALLEL_TASKS or CAESIUM_TASK_FAILURE_POLICY', async ({ expect }) => {
    const parallel = await runCli(['dev', '--once', '-p', fixture('params.yaml')], cliEnv({ CAESIUM_MAX_PARALLEL_TASKS: 'lots' }));
    expect(parallel.code).toBe(2);
    const policy = await runCli(['dev', '--once', '-p', fixture('params.yaml')], cliEnv({ CAESIUM_TASK_FAILURE_POLICY: 'maybe' }));
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain('CAESIUM_TASK_FAILURE_POLICY must be "halt" or "continue"; got "maybe"');
  });

  it('exits 2 for a --path that does not exist', async ({ expect }) => {
    const r = await runCli(['dev', '--once', '-p', fixture('missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml');
  });
});
