import { describe, expect, it } from 'vitest';
import { decideRetry, retryDelayMs } from '../../src/engine/decide.js';

describe('retryDelayMs', () => {
  it('doubles per failed attempt with backoff: 30s, 60s, 120s', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(30_000, true, a))).toEqual([30_000, 60_000, 120_000]);
  });
  it('keeps the delay without backoff', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(30_000, false, a))).toEqual([30_000, 30_000, 30_000]);
  });
  it('is immediate with no delay', () => {
    expect(retryDelayMs(0, true, 3)).toBe(0);
  });
});

describe('decideRetry', () => {
  const exit = { type: 'exit' as const, retryable: true, exitCode: 1, result: 'failure', message: 'command exited with non-zero status' };
  const step = { retryDelayMs: 30_000, retryBackoff: true };

  it('retries a retryable failure with attempts left, after the step delay for that attempt', () => {
    expect(decideRetry(exit, { attempt: 1, maxAttempts: 3 }, step, false)).toEqual({ retry: true, delayMs: 30_000, failure: exit });
    expect(decideRetry(exit, { attempt: 2, maxAttempts: 3 }, step, false)).toEqual({ retry: true, delayMs: 60_000, failure: exit });
  });

  it('does not retry on the last attempt, a non-retryable failure, a task that did not fail, or a stopping run', () => {
    expect(decideRetry(exit, { attempt: 3, maxAttempts: 3 }, step, false)).toEqual({ retry: false });
    expect(decideRetry({ ...exit, type: 'branch', retryable: false }, { attempt: 1, maxAttempts: 3 }, step, false)).toEqual({
      retry: false,
    });
    expect(decideRetry(null, { attempt: 1, maxAttempts: 3 }, step, false)).toEqual({ retry: false });
    expect(decideRetry(exit, { attempt: 1, maxAttempts: 3 }, step, true)).toEqual({ retry: false });
  });
});
