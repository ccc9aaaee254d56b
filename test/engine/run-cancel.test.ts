import { describe, expect, it } from 'vitest';
import { makeJob } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

describe('cancellation (the run signal)', () => {
  it('stops and removes running tasks, cancels the rest, and ends the run cancelled', async () => {
    let started = 0;
    const job = makeJob([{ name: 'a' }, { name: 'b' }, { name: 'c', dependsOn: ['a'] }, { name: 'd' }]);
    const s = await runScenario(
      job,
      { a: { hang: true }, b: { hang: true }, d: { hang: true } },
      {
        maxParallel: 2,
        onEvent: (e, cancel) => {
          if (e.type === 'task_started' && ++started === 2) cancel();
        },
      },
    );
    expect(s.summary).toMatchObject({ status: 'cancelled', error: 'run cancelled' });
    expect(statuses(s.summary)).toEqual({ a: 'cancelled', b: 'cancelled', c: 'cancelled', d: 'cancelled' });
    expect(s.task('a').error).toBe(`task "a" cancelled: run cancelled`);
    expect(s.task('c').error).toBe('run cancelled');
    expect(s.runtime.handles.map((h) => [h.launch.stepName, h.stopCalls, h.removeCalls])).toEqual([
      ['a', 1, 1],
      ['b', 1, 1],
    ]);
    expect(
      s
        .lifecycle()
        .slice(-2)
        .map((e) => e.type),
    ).toEqual(['run_cancelled', 'run_terminal']);
    const payload = s.lifecycle().at(-1)?.payload as { status: string; tasks: { status: string }[] };
    expect(payload.status).toBe('cancelled');
    expect(payload.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('starts nothing when cancelled before the first claim', async () => {
    const s = await runScenario(
      makeJob([{ name: 'a' }, { name: 'b' }]),
      {},
      { onEvent: (e, cancel) => e.type === 'run_started' && cancel() },
    );
    expect(s.summary.status).toBe('cancelled');
    expect(s.runtime.launches).toEqual([]);
    expect(statuses(s.summary)).toEqual({ a: 'cancelled', b: 'cancelled' });
  });

  it('does not wait for a pending retry delay', async () => {
    const s = await runScenario(
      makeJob([{ name: 'a', retries: 3, retryDelayMs: 3_600_000 }]),
      { a: { exitCode: 1 } },
      {
        onEvent: (e, cancel) => e.type === 'task_retrying' && cancel(),
      },
    );
    expect(s.summary.status).toBe('cancelled');
    expect(s.task('a')).toMatchObject({ status: 'cancelled', attempt: 2 });
    expect(s.clock.now()).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
  });

  it('does not retry an attempt the stop interrupted', async () => {
    const s = await runScenario(
      makeJob([{ name: 'a', retries: 2 }, { name: 'b' }]),
      { a: { exitCode: 1, delayMs: 10 }, b: { hang: true } },
      {
        onEvent: (e, cancel) => e.type === 'task_started' && e.payload.name === 'b' && cancel(),
      },
    );
    expect(s.summary.status).toBe('cancelled');
    expect(s.runtime.handlesOf('a')).toHaveLength(1);
  });
});
