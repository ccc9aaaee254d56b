import { describe, expect, it } from 'vitest';
import { advance } from '../../src/engine/advance.js';
import { createRun } from '../../src/engine/create-run.js';
import { systemClock } from '../../src/engine/ports/clock.js';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { TRIGGER_RULES, type TriggerRule } from '../../src/jobdef/types.js';
import { chain, makeJob, type StepInput } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

type Upstream = 'succeeded' | 'failed' | 'skipped';

/** u's outcome is forced; d depends on u with `rule`. A skipped u comes from its failed parent f. */
async function downstreamOf(upstream: Upstream, rule: TriggerRule) {
  const steps: StepInput[] =
    upstream === 'skipped'
      ? [{ name: 'f' }, { name: 'u', dependsOn: ['f'] }, { name: 'd', dependsOn: ['u'], triggerRule: rule }]
      : [{ name: 'u' }, { name: 'd', dependsOn: ['u'], triggerRule: rule }];
  const s = await runScenario(makeJob(steps), { f: { exitCode: 1 }, u: { exitCode: upstream === 'failed' ? 2 : 0 } });
  return { s, d: s.task('d'), u: s.task('u') };
}

const EXPECTED: Record<TriggerRule, Record<Upstream, [status: string, reason: string | null]>> = {
  all_success: {
    succeeded: ['succeeded', null],
    failed: ['skipped', 'upstream failed'],
    skipped: ['skipped', 'trigger rule "all_success" not satisfied'],
  },
  all_done: { succeeded: ['succeeded', null], failed: ['succeeded', null], skipped: ['succeeded', null] },
  always: { succeeded: ['succeeded', null], failed: ['succeeded', null], skipped: ['succeeded', null] },
  all_failed: {
    succeeded: ['skipped', 'trigger rule "all_failed" not satisfied'],
    failed: ['succeeded', null],
    skipped: ['skipped', 'trigger rule "all_failed" not satisfied'],
  },
  one_success: {
    succeeded: ['succeeded', null],
    failed: ['skipped', 'trigger rule "one_success" not satisfied'],
    skipped: ['skipped', 'trigger rule "one_success" not satisfied'],
  },
};

describe('trigger rules in a run (docs/decisions.md D6: honoured after failures)', () => {
  for (const rule of TRIGGER_RULES) {
    for (const upstream of ['succeeded', 'failed', 'skipped'] as const) {
      const [status, reason] = EXPECTED[rule][upstream];
      it(`${rule} below a ${upstream} task → ${status}`, async () => {
        const { s, d, u } = await downstreamOf(upstream, rule);
        expect(u.status).toBe(upstream);
        expect([d.status, d.error]).toEqual([status, reason]);
        expect(s.summary.status).toBe(upstream === 'succeeded' ? 'succeeded' : 'failed');
        const skipped = s.lifecycle().find((e) => e.type === 'task_skipped' && e.payload.name === 'd');
        expect(skipped === undefined ? null : (skipped.payload as { reason: string }).reason).toBe(reason);
      });
    }
  }
});

describe('trigger rules below a cached task (seeded through the store)', () => {
  for (const rule of TRIGGER_RULES) {
    it(`${rule} below a cached task → ready`, async () => {
      const store = await createMemoryStore();
      const published: EngineEvent[] = [];
      const job = makeJob([{ name: 'u' }, { name: 'd', dependsOn: ['u'], triggerRule: rule }]);
      const { ctx } = await createRun(
        job,
        { store, clock: systemClock, runtimes: () => Promise.reject(new Error('unused')), events: (e) => published.push(e) },
        { maxParallel: 1, signal: new AbortController().signal },
      );
      const [u, d] = ctx.plan.tasks;
      const events = await store.transaction(async (tx) => {
        await tx.taskRuns.claimReady(ctx.runId, { limit: 1, claimedBy: 'w', now: ctx.now() });
        await tx.taskRuns.finish(u!.taskRunId, { status: 'cached', cacheHit: true, result: 'success', completedAt: ctx.now() });
        return advance(tx, ctx, u!, 'cached', []);
      });
      const row = await store.taskRuns.get(d!.taskRunId);
      const expected = rule === 'all_failed' ? 'skipped' : 'pending';
      expect(row?.status).toBe(expected);
      expect(row?.outstandingPredecessors).toBe(0);
      expect(events.map((e) => e.type)).toEqual([expected === 'pending' ? 'task_ready' : 'task_skipped']);
    });
  }
});

describe('skip propagation', () => {
  it('skips descendants of a failed task by their rules, and runs tolerant ones', async () => {
    const job = makeJob([
      ...chain('a', 'b', 'c', 'd'),
      { name: 'cleanup', dependsOn: ['d'], triggerRule: 'all_done' },
      { name: 'either', dependsOn: ['a', 'c'], triggerRule: 'one_success' },
      { name: 'notify', dependsOn: ['b'], triggerRule: 'all_failed' },
      { name: 'after', dependsOn: ['cleanup'] },
    ]);
    const s = await runScenario(job, { b: { exitCode: 1 } });
    expect(statuses(s.summary)).toEqual({
      a: 'succeeded',
      b: 'failed',
      c: 'skipped',
      d: 'skipped',
      cleanup: 'succeeded',
      either: 'succeeded',
      notify: 'succeeded',
      after: 'succeeded',
    });
    expect(s.task('c').error).toBe('upstream failed');
    expect(s.task('d').error).toBe('trigger rule "all_success" not satisfied');
    expect(s.summary.status).toBe('failed');
    expect(s.summary.error).toBe(`task "b" failed with result "failure"`);
    expect(s.runtime.launches.map((l) => l.stepName).sort()).toEqual(['a', 'after', 'b', 'cleanup', 'either', 'notify']);
  });

  it('skips a whole subtree in one completion, each skip an event', async () => {
    const s = await runScenario(
      makeJob([{ name: 'root' }, ...chain('x1', 'x2', 'x3').map((st, i) => (i === 0 ? { ...st, dependsOn: ['root'] } : st))]),
      {
        root: { exitCode: 1 },
      },
    );
    const skipped = s.lifecycle().filter((e) => e.type === 'task_skipped');
    expect(skipped.map((e) => e.payload.name)).toEqual(['x1', 'x2', 'x3']);
    expect(statuses(s.summary)).toEqual({ root: 'failed', x1: 'skipped', x2: 'skipped', x3: 'skipped' });
  });
});
