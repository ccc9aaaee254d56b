/** A cached branch step: its selections are restored and branch filtering is applied again (docs/decisions.md §2.5, §3.3). */
import { describe, expect, it } from 'vitest';
import { CacheBench, statusesOf, withCache } from '../cache/engine-runs.js';
import { makeJob, type StepInput } from './support/job.js';

const STEPS: StepInput[] = [
  { name: 'br', type: 'branch' },
  { name: 'left', dependsOn: ['br'] },
  { name: 'right', dependsOn: ['br'] },
  { name: 'after', dependsOn: ['left', 'right'], triggerRule: 'one_success' },
];

describe('cached branch steps', () => {
  it('restores the selection and skips the successors it did not select', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(STEPS), undefined, { br: true });
    const first = await bench.run(job, { br: { logs: ['##caesium::branch left'] } });
    expect(statusesOf(first)).toEqual({ br: 'succeeded', left: 'succeeded', right: 'skipped', after: 'succeeded' });
    const second = await bench.run(job, { br: { logs: ['##caesium::branch right'] } });
    expect(statusesOf(second)).toEqual({ br: 'cached', left: 'succeeded', right: 'skipped', after: 'succeeded' });
    const br = second.task('br');
    expect(br.branchSelections).toEqual(['left']);
    expect(second.task('right').error).toBe('not selected by branch task "br"');
    expect(second.runtime.launches.map((l) => l.stepName).sort()).toEqual(['after', 'left']);
  });

  it('runs the branch step again when its stored selection no longer names a successor', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(STEPS), undefined, { br: true });
    await bench.run(job, { br: { logs: ['##caesium::branch left'] } });
    // The identity hash does not cover successor names: rename `left` and the stored selection is stale.
    const renamed = makeJob(
      STEPS.map((s) =>
        s.name === 'left' ? { ...s, name: 'west' } : { ...s, dependsOn: s.dependsOn?.map((d) => (d === 'left' ? 'west' : d)) },
      ),
    );
    const run = await bench.run(withCache(renamed, undefined, { br: true }), { br: { logs: ['##caesium::branch west'] } });
    expect(statusesOf(run)).toEqual({ br: 'succeeded', west: 'succeeded', right: 'skipped', after: 'succeeded' });
  });
});
