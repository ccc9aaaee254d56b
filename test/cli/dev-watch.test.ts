/**
 * Watch mode and signals, as a user meets them: the built CLI on the `local`
 * engine, a job file in a temporary directory whose step command carries a
 * unique marker, and `ps` to prove that nothing survives the session.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, groupsOf, startCli, survivors, tempDir, uniqueMarker, waitFor, writeJob } from '../fixtures/dev/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function scratch(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

/** Waits until no process of `marker` (or of its process groups) is left; fails with what survived. */
async function expectNothingLeft(marker: string, groups: number[]): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (survivors(marker, groups).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(survivors(marker, groups)).toEqual([]);
}

describe('caesium dev (watch mode)', () => {
  it('re-runs on a change, cancels the in-flight run, and stops cleanly on SIGINT', async () => {
    const dir = scratch();
    const file = path.join(dir, 'job.yaml');
    const marker = uniqueMarker('watch');
    writeJob(file, 'watched', 'echo first; sleep 0.1', marker);
    const child = startCli(['dev', '--path', file, '--logs']);
    const io = collect(child);

    await waitFor(io.err, 'Watching 1 file(s) for changes... (Ctrl-C to stop)');
    expect(io.out()).toContain('work | first\n');
    expect(io.out()).toContain('  OK    watched completed successfully\n');

    writeJob(file, 'watched', 'echo second; sleep 30', marker);
    await waitFor(io.err, '\nFile changed, re-running...\n\n');
    await waitFor(io.out, 'work | second\n');
    const groups = groupsOf(marker);
    expect(groups.length).toBeGreaterThan(0);

    writeJob(file, 'watched', 'echo third', marker);
    await waitFor(io.out, 'work | third\n');
    expect(io.out()).toContain('  FAIL  watched: run cancelled\n');
    await waitFor(io.out, /OK {4}watched completed successfully\n[^]*OK {4}watched completed successfully\n/);
    await expectNothingLeft(marker, groups);

    writeJob(file, 'watched', 'echo fourth; sleep 30', marker);
    await waitFor(io.out, 'work | fourth\n');
    const running = groupsOf(marker);
    child.kill('SIGINT');
    const result = await io.result;
    expect(result.stderr).toContain('\nStopping.\n');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('  FAIL  watched: run cancelled');
    expect(result.code).toBe(130);
    await expectNothingLeft(marker, running);
  }, 60_000);

  it('keeps watching after a definition error and runs again once it is fixed', async () => {
    const dir = scratch();
    const file = path.join(dir, 'job.yaml');
    const marker = uniqueMarker('broken');
    writeJob(file, 'healing', 'echo healthy', marker);
    const child = startCli(['dev', '-p', dir]);
    const io = collect(child);
    await waitFor(io.err, 'Watching 1 file(s)');

    writeFileSync(file, 'apiVersion: v1\nkind: Job\nmetadata:\n  alias: healing\ntrigger:\n  type: cron\nsteps:\n  - name: work\n');
    await waitFor(io.err, /job\.yaml:\d+:\d+ +error/);
    writeFileSync(path.join(dir, 'other.yaml'), '');
    writeJob(file, 'healing', 'echo healed', marker);
    await waitFor(io.out, /completed successfully\n[^]*completed successfully\n/);

    child.kill('SIGINT');
    const result = await io.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\nStopping.\n');
  }, 60_000);
});

describe('caesium dev signals', () => {
  it('SIGINT during --once cancels the run, kills its processes and exits 130', async () => {
    const dir = scratch();
    const file = path.join(dir, 'job.yaml');
    const marker = uniqueMarker('once');
    writeJob(file, 'interrupted', 'echo started; sleep 30', marker);
    const child = startCli(['dev', '--once', '--logs', '-p', file]);
    const io = collect(child);
    await waitFor(io.out, 'work | started\n');
    const groups = groupsOf(marker);
    child.kill('SIGINT');
    const result = await io.result;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('\nInterrupted, stopping...\n');
    expect(result.stderr).toContain('Run failed: run cancelled\n');
    expect(result.stdout).toMatch(/ {8}work {2}cancelled/);
    await expectNothingLeft(marker, groups);
  }, 60_000);

  it('a second SIGINT forces the exit (130) and still kills a step that ignores SIGTERM', async () => {
    const dir = scratch();
    const file = path.join(dir, 'job.yaml');
    const marker = uniqueMarker('force');
    writeJob(file, 'stubborn', 'trap "" TERM; echo holding; sleep 30 & wait', marker);
    const child = startCli(['dev', '--once', '--logs', '-p', file]);
    const io = collect(child);
    await waitFor(io.out, 'work | holding\n');
    const groups = groupsOf(marker);
    child.kill('SIGINT');
    await waitFor(io.err, 'Interrupted, stopping...');
    child.kill('SIGINT');
    const result = await io.result;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('\nForced exit.\n');
    await expectNothingLeft(marker, groups);
  }, 60_000);
});
