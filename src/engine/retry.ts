/** Retry delays (execution.md §2.6, D5). */

/**
 * The delay before the attempt after `failedAttempt` (1-based):
 * `delayMs`, or `delayMs × 2^(failedAttempt−1)` with backoff (30s → 30s, 60s, 120s).
 */
export function retryDelayMs(delayMs: number, backoff: boolean, failedAttempt: number): number {
  if (delayMs <= 0) return 0;
  return backoff ? delayMs * 2 ** Math.max(0, failedAttempt - 1) : delayMs;
}
