import { describe, expect, it } from 'vitest';
import { RuntimeError, type TaskResult } from '../../src/engine/ports/runtime.js';
import { makeJob, type StepInput } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

/** a fails while b (a slow independent root) runs; c follows b; cleanup follows a with all_done. */
const MIXED: StepInput[] = [
  { name: 'a' },
  { name: 'b' },
  { name: 'c', dependsOn: ['b'] },
  { name: 'cleanup', dependsOn: ['a'], triggerRule: 'all_done' },
  { name: 'd' },
];

describe('failure policy', () => {
  it('continue (default): keeps running what trigger rules allow; the run fails with the first error', async () => {
    const s = await runScenario(makeJob(MIXED), { a: { exitCode: 1, delayMs: 10 }, b: { delayMs: 1000 } }, { maxParallel: 2 });
    expect(statuses(s.summary)).toEqual({ a: 'failed', b: 'succeeded', c: 'succeeded', cleanup: 'succeeded', d: 'succeeded' });
    expect(s.summary.status).toBe('failed');
    expect(s.summary.error).toBe(`task "a" failed with result "failure"`);
    expect(
      s
        .lifecycle()
        .slice(-2)
        .map((e) => e.type),
    ).toEqual(['run_failed', 'run_terminal']);
  });

  it('halt: starts nothing new after the first failure, lets running tasks finish, skips the rest', async () => {
    const s = await runScenario(
      makeJob(MIXED),
      { a: { exitCode: 1, delayMs: 10 }, b: { delayMs: 1000 } },
      { maxParallel: 2, failurePolicy: 'halt' },
    );
    expect(statuses(s.summary)).toEqual({ a: 'failed', b: 'succeeded', c: 'skipped', cleanup: 'skipped', d: 'skipped' });
    for (const name of ['c', 'cleanup', 'd']) expect(s.task(name).error).toBe('run halted after task "a" failed');
    expect(s.runtime.launches.map((l) => l.stepName)).toEqual(['a', 'b']);
    expect(s.summary.error).toBe(`task "a" failed with result "failure"`);
    const skippedEvents = s
      .lifecycle()
      .filter((e) => e.type === 'task_skipped')
      .map((e) => e.payload.name);
    expect(skippedEvents.sort()).toEqual(['c', 'cleanup', 'd']);
  });

  it('keeps the first error when several tasks fail', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }, { name: 'b' }]), {
      a: { exitCode: 1, delayMs: 20 },
      b: { exitCode: 3, delayMs: 10 },
    });
    expect(s.summary.error).toBe(`task "b" failed with result "failure"`);
    expect(s.task('b')).toMatchObject({ status: 'failed', exitCode: 3, result: 'failure', error: 'command exited with non-zero status' });
  });
});

describe('task results → status and error text (docs/decisions.md §2.12)', () => {
  const cases: [TaskResult, string][] = [
    ['failure', 'command exited with non-zero status'],
    ['startup_failure', 'atom failed to start (check image/command)'],
    ['resource_failure', 'atom exhausted resources (e.g. OOM)'],
    ['killed', 'atom was forcefully killed'],
    ['terminated', 'atom was gracefully terminated'],
    ['unknown', 'unknown'],
  ];
  for (const [result, text] of cases) {
    it(`${result} → failed: ${text}`, async () => {
      const s = await runScenario(makeJob([{ name: 'a' }]), { a: { result, exitCode: 9 } });
      expect(s.task('a')).toMatchObject({ status: 'failed', result, exitCode: 9, error: text });
      expect(s.summary.error).toBe(`task "a" failed with result "${result}"`);
      const failed = s.lifecycle().find((e) => e.type === 'task_failed');
      expect(failed?.payload).toMatchObject({ failure: { type: 'exit', retryable: true, exitCode: 9, result, message: text } });
    });
  }

  it('a start failure fails the task with the runtime message', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }]), {
      a: { startError: 'image "nope:1" not found' },
    });
    expect(s.task('a')).toMatchObject({
      status: 'failed',
      error: 'image "nope:1" not found',
      exitCode: null,
      result: null,
      startedAt: null,
    });
    expect(s.task('b')).toMatchObject({ status: 'skipped', error: 'upstream failed' });
    expect(s.summary.error).toBe('image "nope:1" not found');
    expect(s.runtime.handles).toEqual([]);
  });

  it('a runtime error while waiting fails the task and still removes it', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }]), { a: { waitError: 'engine went away' } });
    expect(s.task('a')).toMatchObject({ status: 'failed', error: 'engine went away' });
    expect(s.runtime.handlesOf('a')[0]?.removeCalls).toBe(1);
  });

  it('a runtime that cannot be created fails the task', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }]), {
      a: { startError: new RuntimeError('engine_unreachable', 'cannot reach docker', { retryable: false }) },
    });
    expect(s.task('a')).toMatchObject({ status: 'failed', error: 'cannot reach docker' });
  });
});
