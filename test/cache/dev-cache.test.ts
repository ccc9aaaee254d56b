/**
 * The task cache through `caesium dev`, as a user meets it: the built CLI on
 * examples/cached.yaml, a temporary `--cache-dir`, the default
 * `.caesium/cache.db` beside the job file, `--no-cache`, a broken cache file,
 * and watch mode re-running only the steps whose inputs changed.
 * Docker runs are required in CI and skipped with a reason on a laptop.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cliEnv, collect, runCli, startCli, tempDir, waitFor } from '../fixtures/dev/cli.js';
import { requireEngine } from '../support/engines.js';

const EXAMPLE = 'examples/cached.yaml';
const docker = await requireEngine('docker');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function scratch(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

/** The result table, durations dropped. */
const table = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => /^ {2}(OK|FAIL|SKIP|CACHE) /.test(l))
    .map((l) => l.replace(/ {2}\([\d.]+m?s\)$/, ''));
const FRESH = [
  '  OK    download     succeeded',
  '  OK    build-index  succeeded',
  '  OK    verify       succeeded',
  '  OK    cached completed successfully',
];
const CACHED = [
  '  CACHE download     cached',
  '  CACHE build-index  cached',
  '  CACHE verify       cached',
  '  OK    cached completed successfully',
];
const entries = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM task_caches').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('caesium dev with the task cache', () => {
  it('runs every step once, then answers all of them from --cache-dir (local engine)', async () => {
    const dir = scratch();
    const args = ['dev', '--once', '--path', EXAMPLE, '--engine', 'local', '--cache-dir', dir];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(table(first.stdout)).toEqual(FRESH);
    expect(entries(path.join(dir, 'cache.db'))).toBe(3);
    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    expect(table(second.stdout)).toEqual(CACHED);
    expect(second.stderr).not.toContain('running');
  }, 30_000);

  it('keeps the cache in .caesium/cache.db beside the job file by default; --no-cache bypasses it', async () => {
    const dir = scratch();
    const job = path.join(dir, 'cached.yaml');
    copyFileSync(EXAMPLE, job);
    expect(table((await runCli(['dev', '--once', '-p', job, '--engine', 'local'])).stdout)).toEqual(FRESH);
    const file = path.join(dir, '.caesium', 'cache.db');
    expect(entries(file)).toBe(3);
    const bypass = await runCli(['dev', '--once', '-p', job, '--engine', 'local', '--no-cache']);
    expect(table(bypass.stdout)).toEqual(FRESH);
    expect(entries(file)).toBe(3);
    expect(table((await runCli(['dev', '--once', '-p', job, '--engine', 'local'])).stdout)).toEqual(CACHED);
  }, 30_000);

  it('creates no cache file for jobs without a cacheable step; CAESIUM_CACHE_ENABLED turns every step on', async () => {
    const dir = scratch();
    const job = path.join(dir, 'plain.yaml');
    writeFileSync(
      job,
      readFileSync(EXAMPLE, 'utf8')
        .replace(/\n {2}cache:\n {4}ttl: 24h\n/, '\n')
        .replace(/\n {4}cache:\n( {6}.*\n)+/, '\n')
        .replaceAll('sleep 1', 'true'),
    );
    expect(readFileSync(job, 'utf8')).not.toContain('cache:');
    expect((await runCli(['dev', '--once', '-p', job, '--engine', 'local'])).code).toBe(0);
    // .caesium/ holds the last run's result (for --failed), but no cache file
    expect(existsSync(path.join(dir, '.caesium', 'cache.db'))).toBe(false);
    const env = cliEnv({ CAESIUM_CACHE_ENABLED: 'true' });
    await runCli(['dev', '--once', '-p', job, '--engine', 'local'], env);
    const again = await runCli(['dev', '--once', '-p', job, '--engine', 'local'], env);
    expect(table(again.stdout)).toEqual(CACHED);
  }, 30_000);

  it('stops with exit 2 and a hint on a broken cache file or a bad CAESIUM_CACHE_* value, running nothing', async () => {
    const dir = scratch();
    const file = path.join(dir, 'cache.db');
    writeFileSync(file, 'not a database '.repeat(100));
    const r = await runCli(['dev', '--once', '-p', EXAMPLE, '--engine', 'local', '--cache-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: task cache ${file}: not an SQLite database (file is not a database)\n`);
    expect(r.stderr).toContain(
      '  hint: the file only holds cached task results: delete it, choose another --cache-dir, or run with --no-cache\n',
    );
    expect(r.stderr).not.toContain('running');
    const ok = await runCli(['dev', '--once', '-p', EXAMPLE, '--engine', 'local', '--cache-dir', dir, '--no-cache']);
    expect(ok.code).toBe(0);

    const bad = await runCli(['dev', '--once', '-p', EXAMPLE, '--engine', 'local'], cliEnv({ CAESIUM_CACHE_TTL: 'a while' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CAESIUM_CACHE_TTL must be a duration such as 30m, 24h or 7d (0 = never expires); got "a while"');
  }, 30_000);

  it('re-runs in watch mode only the steps whose inputs changed', async () => {
    const dir = scratch();
    const job = path.join(dir, 'cached.yaml');
    const original = readFileSync(EXAMPLE, 'utf8');
    writeFileSync(job, original);
    const child = startCli(['dev', '-p', job, '--engine', 'local'], cliEnv());
    const io = collect(child);
    const completions = (n: number): RegExp => new RegExp(`(OK {4}cached completed successfully\\n[^]*){${n}}`);
    try {
      await waitFor(io.err, 'Watching 1 file(s) for changes', 20_000);
      expect(table(io.out())).toEqual(FRESH);

      writeFileSync(job, original.replace("echo 'ok'", "echo 'still ok'"));
      await waitFor(io.out, completions(2), 20_000);
      expect(table(io.out()).slice(4)).toEqual([
        '  CACHE download     cached',
        '  CACHE build-index  cached',
        '  OK    verify       succeeded',
        '  OK    cached completed successfully',
      ]);

      // A new command with the same output: download runs, and its unchanged output keeps the rest cached.
      writeFileSync(
        job,
        original.replace("echo 'ok'", "echo 'still ok'").replace('downloading the reference data', 'downloading it again'),
      );
      await waitFor(io.out, completions(3), 20_000);
      expect(table(io.out()).slice(8)).toEqual([
        '  OK    download     succeeded',
        '  CACHE build-index  cached',
        '  CACHE verify       cached',
        '  OK    cached completed successfully',
      ]);
    } finally {
      child.kill('SIGINT');
      await io.result;
    }
  }, 60_000);

  describe.skipIf(docker.skip)('on Docker', () => {
    it('answers every step from the cache on the second run', async () => {
      const dir = scratch();
      const args = ['dev', '--once', '--path', EXAMPLE, '--engine', 'docker', '--cache-dir', dir];
      const first = await runCli(args);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(table(first.stdout)).toEqual(FRESH);
      const second = await runCli(args);
      expect(second.code, second.stderr).toBe(0);
      expect(table(second.stdout)).toEqual(CACHED);
    }, 60_000);
  });
});
