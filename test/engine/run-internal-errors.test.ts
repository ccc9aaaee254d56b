import { describe, expect, it } from 'vitest';
import type { RunStore } from '../../src/engine/ports/run-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeJob } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

/** A memory store whose first `markStarted` write fails. */
async function flakyStore(): Promise<RunStore> {
  const inner = await createMemoryStore();
  let failed = false;
  return {
    ...inner,
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          ...tx,
          taskRuns: {
            ...tx.taskRuns,
            markStarted: (id, start) => {
              if (failed) return tx.taskRuns.markStarted(id, start);
              failed = true;
              return Promise.reject(new Error('disk on fire'));
            },
          },
        }),
      ),
  };
}

describe('store failures during a run', () => {
  it('stop and remove the task, stop the run and end it failed with the internal error', async () => {
    const s = await runScenario(
      makeJob([{ name: 'a' }, { name: 'b' }]),
      { a: { hang: true }, b: { hang: true } },
      { store: await flakyStore(), maxParallel: 1 },
    );
    expect(s.summary).toMatchObject({ status: 'failed', error: 'internal error: disk on fire' });
    expect(statuses(s.summary)).toEqual({ a: 'cancelled', b: 'cancelled' });
    expect(s.runtime.handles.map((h) => [h.launch.stepName, h.stopCalls, h.removeCalls])).toEqual([['a', 1, 1]]);
  });
});
