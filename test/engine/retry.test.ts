import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/engine/retry.js';

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
