/**
 * Failed authentications per client in a one-minute window: past the limit
 * the client gets 429 with `Retry-After` until its window ends. Windows are
 * forgotten when they end, so the map stays as small as the clients failing now.
 */
const WINDOW_MS = 60_000;

export interface FailureLimiter {
  /** Seconds until `client` may try again, or 0 when it may try now. */
  blockedFor(client: string): number;
  /** Counts one failure of `client`. */
  fail(client: string): void;
}

/** A limiter allowing `perMinute` failures (0: no limit). */
export function createFailureLimiter(perMinute: number, now: () => number): FailureLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (client: string): { start: number; count: number } | undefined => {
    const w = windows.get(client);
    if (w !== undefined && now() - w.start >= WINDOW_MS) {
      windows.delete(client);
      return undefined;
    }
    return w;
  };
  return {
    blockedFor(client) {
      const w = current(client);
      if (perMinute <= 0 || w === undefined || w.count < perMinute) return 0;
      return Math.max(1, Math.ceil((w.start + WINDOW_MS - now()) / 1000));
    },
    fail(client) {
      const w = current(client);
      if (w === undefined) windows.set(client, { start: now(), count: 1 });
      else w.count++;
    },
  };
}
