/** Waiting for work in flight with a bound: the launcher's shutdown waits so for its runs. */

/** Resolves once every promise of `pending` settled (`done`), after `ms` (`timeout`), or when `stopNow` aborts (`stopped`). */
export async function settled(
  pending: Iterable<Promise<unknown>>,
  ms: number,
  stopNow?: AbortSignal,
): Promise<'done' | 'timeout' | 'stopped'> {
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const racers: Promise<'done' | 'timeout' | 'stopped'>[] = [
    Promise.allSettled(pending).then(() => 'done' as const),
    new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), ms))),
  ];
  if (stopNow !== undefined) {
    racers.push(
      new Promise((resolve) => {
        onStop = () => resolve('stopped');
        if (stopNow.aborted) onStop();
        else stopNow.addEventListener('abort', onStop, { once: true });
      }),
    );
  }
  try {
    return await Promise.race(racers);
  } finally {
    clearTimeout(timer);
    if (onStop !== undefined) stopNow?.removeEventListener('abort', onStop);
  }
}
