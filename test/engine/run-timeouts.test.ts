import { describe, expect, it } from 'vitest';
import { chain, makeJob } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

describe('task timeout (per attempt, docs/decisions.md D18)', () => {
  it('stops and removes a task that runs too long, and fails it', async () => {
    const s = await runScenario(makeJob(chain('a', 'b'), { taskTimeoutMs: 5000 }), { a: { hang: true } });
    const a = s.task('a');
    expect(a).toMatchObject({ status: 'failed', error: `task "a" timed out after 5s`, durationMs: 5000 });
    expect(s.task('b')).toMatchObject({ status: 'skipped', error: 'upstream failed' });
    expect(s.summary).toMatchObject({ status: 'failed', error: `task "a" timed out after 5s` });
    const [handle] = s.runtime.handlesOf('a');
    expect([handle?.stopCalls, handle?.removeCalls]).toEqual([1, 1]);
    const failed = s.lifecycle().find((e) => e.type === 'task_failed');
    expect(failed?.payload).toMatchObject({ failure: { type: 'timeout', retryable: true } });
  });

  it('takes the timeout from the options over the job', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }], { taskTimeoutMs: 5000 }), { a: { hang: true } }, { taskTimeoutMs: 90_000 });
    expect(s.task('a').error).toBe(`task "a" timed out after 1m30s`);
  });

  it('lets a task that finishes in time succeed', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }], { taskTimeoutMs: 5000 }), { a: { delayMs: 4999 } });
    expect(s.task('a').status).toBe('succeeded');
    expect(s.runtime.handlesOf('a')[0]?.stopCalls).toBe(0);
  });

  it('retries a timed-out attempt, each attempt with its own timeout', async () => {
    const s = await runScenario(makeJob([{ name: 'a', retries: 1, retryDelayMs: 1000 }], { taskTimeoutMs: 5000 }), {
      a: [{ hang: true }, { delayMs: 4000 }],
    });
    expect(s.task('a')).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(s.clock.sleeps).toEqual([5000, 1000, 5000]);
  });
});

describe('run timeout (docs/decisions.md D18)', () => {
  it('cancels everything and fails the run with "run timed out after <dur>"', async () => {
    const job = makeJob([...chain('a', 'b', 'c'), { name: 'side' }], { runTimeoutMs: 60_000 });
    const s = await runScenario(job, { a: { delayMs: 10_000 }, b: { hang: true }, side: { hang: true } });
    expect(s.summary).toMatchObject({ status: 'failed', error: 'run timed out after 1m0s', durationMs: 60_000 });
    expect(statuses(s.summary)).toEqual({ a: 'succeeded', b: 'cancelled', c: 'cancelled', side: 'cancelled' });
    expect(s.task('b').error).toBe(`task "b" cancelled: context deadline exceeded`);
    expect(s.task('c').error).toBe('run timed out after 1m0s');
    for (const h of s.runtime.handles)
      expect([h.launch.stepName, h.stopCalls, h.removeCalls]).toEqual([h.launch.stepName, h.launch.stepName === 'a' ? 0 : 1, 1]);
    expect(
      s
        .lifecycle()
        .slice(-2)
        .map((e) => e.type),
    ).toEqual(['run_failed', 'run_terminal']);
  });

  it('takes the run timeout from the options, and does not fire once the run ended', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }], { runTimeoutMs: 1000 }), { a: { delayMs: 500 } }, { runTimeoutMs: 2000 });
    expect(s.summary.status).toBe('succeeded');
    expect(s.clock.sleeps).toEqual([2000]);
    expect(s.clock.pending).toBe(0);
  });
});
