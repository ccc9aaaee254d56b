import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../src/engine/ports/runtime.js';
import { makeJob } from './support/job.js';
import { runScenario } from './support/scenario.js';

describe('retries (docs/decisions.md D5)', () => {
  it('retries a non-zero exit with doubling delays: 30s, 60s, 120s', async () => {
    const job = makeJob([{ name: 'a', retries: 3, retryDelayMs: 30_000, retryBackoff: true }]);
    const s = await runScenario(job, { a: [{ exitCode: 1 }, { exitCode: 1 }, { exitCode: 1 }, { exitCode: 0 }] });
    expect(s.clock.sleeps).toEqual([30_000, 60_000, 120_000]);
    expect(s.task('a')).toMatchObject({ status: 'succeeded', attempt: 4, maxAttempts: 4, error: null, exitCode: 0 });
    expect(s.runtime.launches.map((l) => l.attempt)).toEqual([1, 2, 3, 4]);
    expect(s.task('a').durationMs).toBe(210_000);
    const retrying = s.lifecycle().filter((e) => e.type === 'task_retrying');
    expect(retrying.map((e) => [e.payload.failed_attempt, e.payload.attempt, e.payload.retry_delay_ms, e.payload.status])).toEqual([
      [1, 2, 30_000, 'pending'],
      [2, 3, 60_000, 'pending'],
      [3, 4, 120_000, 'pending'],
    ]);
    expect(retrying[0]?.payload.failure).toEqual({
      type: 'exit',
      retryable: true,
      exitCode: 1,
      result: 'failure',
      message: 'command exited with non-zero status',
    });
    expect(s.summary.status).toBe('succeeded');
  });

  it('keeps the delay without backoff, and emits task_ready after each task_retrying', async () => {
    const s = await runScenario(makeJob([{ name: 'a', retries: 2, retryDelayMs: 30_000 }]), { a: [{ exitCode: 1 }, { exitCode: 1 }, {}] });
    expect(s.clock.sleeps).toEqual([30_000, 30_000]);
    const types = s.lifecycle().map((e) => e.type);
    expect(types.filter((t) => t !== 'task_claimed' && t !== 'task_started')).toEqual([
      'run_started',
      'task_ready',
      'task_retrying',
      'task_ready',
      'task_retrying',
      'task_ready',
      'task_succeeded',
      'run_completed',
      'run_terminal',
    ]);
  });

  it('retries immediately with no delay', async () => {
    const s = await runScenario(makeJob([{ name: 'a', retries: 1 }]), { a: [{ exitCode: 1 }, {}] });
    expect(s.clock.sleeps).toEqual([]);
    expect(s.task('a').attempt).toBe(2);
  });

  it('fails with the last error once attempts are exhausted', async () => {
    const s = await runScenario(
      makeJob([
        { name: 'a', retries: 2, retryDelayMs: 1000 },
        { name: 'b', dependsOn: ['a'] },
      ]),
      {
        a: [{ exitCode: 1 }, { startError: 'pull failed' }, { result: 'killed', exitCode: 137 }],
      },
    );
    expect(s.task('a')).toMatchObject({ status: 'failed', attempt: 3, maxAttempts: 3, error: 'atom was forcefully killed', exitCode: 137 });
    expect(s.task('b').status).toBe('skipped');
    expect(s.summary.error).toBe(`task "a" failed with result "killed"`);
    expect(s.lifecycle().filter((e) => e.type === 'task_failed')).toHaveLength(1);
  });

  it('retries start failures, but not a runtime error marked non-retryable', async () => {
    const retried = await runScenario(makeJob([{ name: 'a', retries: 1 }]), { a: [{ startError: 'daemon busy' }, {}] });
    expect(retried.task('a')).toMatchObject({ status: 'succeeded', attempt: 2 });
    const final = await runScenario(makeJob([{ name: 'a', retries: 3 }]), {
      a: { startError: new RuntimeError('bad_command', 'command not found: nope', { retryable: false }) },
    });
    expect(final.task('a')).toMatchObject({ status: 'failed', attempt: 1, error: 'command not found: nope' });
  });

  it('clears the failed attempt: outputs, result and error do not leak into the next one', async () => {
    const s = await runScenario(makeJob([{ name: 'a', retries: 1 }]), {
      a: [{ exitCode: 1, logs: ['##caesium::output {"k":"first"}'] }, { logs: ['second'] }],
    });
    expect(s.task('a')).toMatchObject({ status: 'succeeded', output: {}, error: null, result: 'success' });
    expect(await s.store.logs.get(s.task('a').id)).toEqual({ text: 'second\n', truncated: false });
  });
});
