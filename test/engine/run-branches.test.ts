import { describe, expect, it } from 'vitest';
import { makeJob, type StepInput } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

const BRANCHY: StepInput[] = [
  { name: 'br', type: 'branch' },
  { name: 'left', dependsOn: ['br'] },
  { name: 'right', dependsOn: ['br'] },
  { name: 'right2', dependsOn: ['right'] },
  { name: 'any', dependsOn: ['left', 'right'], triggerRule: 'one_success' },
  { name: 'every', dependsOn: ['left', 'right'] },
  { name: 'done', dependsOn: ['left', 'right'], triggerRule: 'all_done' },
];

describe('branch steps', () => {
  it('skips unselected successors and propagates by trigger rule', async () => {
    const s = await runScenario(makeJob(BRANCHY), { br: { logs: ['##caesium::branch left'] } });
    expect(statuses(s.summary)).toEqual({
      br: 'succeeded',
      left: 'succeeded',
      right: 'skipped',
      right2: 'skipped',
      any: 'succeeded',
      every: 'skipped',
      done: 'succeeded',
    });
    const br = s.task('br');
    expect(br.branchSelections).toEqual(['left']);
    expect(s.task('right').error).toBe('not selected by branch task "br"');
    expect(s.task('right2').error).toBe('trigger rule "all_success" not satisfied');
    expect(s.task('every').error).toBe('trigger rule "all_success" not satisfied');
    expect(s.summary.status).toBe('succeeded');
  });

  it('skips every successor when no branch is selected', async () => {
    const s = await runScenario(makeJob(BRANCHY), {});
    expect(statuses(s.summary)).toMatchObject({
      br: 'succeeded',
      left: 'skipped',
      right: 'skipped',
      any: 'skipped',
      every: 'skipped',
      done: 'succeeded',
    });
    expect(s.summary.status).toBe('succeeded');
  });

  it('runs several selected successors (markers on stdout or stderr, de-duplicated)', async () => {
    const s = await runScenario(makeJob(BRANCHY), {
      br: { logs: ['##caesium::branch right', { stream: 'stderr', text: 'ts ##caesium::branch left ' }, '##caesium::branch right'] },
    });
    expect(s.task('br').branchSelections).toEqual(['right', 'left']);
    expect(statuses(s.summary)).toMatchObject({ left: 'succeeded', right: 'succeeded', right2: 'succeeded', every: 'succeeded' });
  });

  it('fails the task and the run on an unknown target, without retrying', async () => {
    const job = makeJob(BRANCHY.map((st) => (st.name === 'br' ? { ...st, retries: 2 } : st)));
    const s = await runScenario(job, { br: { logs: ['##caesium::branch left', '##caesium::branch nowhere'] } });
    const message = 'branch selected unknown step "nowhere"; valid targets: [left right]';
    expect(s.task('br')).toMatchObject({ status: 'failed', error: message, attempt: 1, exitCode: 0 });
    expect(s.summary).toMatchObject({ status: 'failed', error: message });
    expect(statuses(s.summary)).toMatchObject({ left: 'skipped', right: 'skipped', done: 'succeeded' });
    expect(s.task('left').error).toBe('upstream failed');
  });

  it('stores markers of a non-branch step but ignores them', async () => {
    const s = await runScenario(makeJob([{ name: 't' }, { name: 'a', dependsOn: ['t'] }, { name: 'b', dependsOn: ['t'] }]), {
      t: { logs: ['##caesium::branch a', '##caesium::branch x'] },
    });
    expect(s.task('t').branchSelections).toEqual(['a', 'x']);
    expect(statuses(s.summary)).toEqual({ t: 'succeeded', a: 'succeeded', b: 'succeeded' });
  });

  it('a failed branch step follows normal failure handling', async () => {
    const s = await runScenario(makeJob(BRANCHY), { br: { exitCode: 1, logs: ['##caesium::branch left'] } });
    expect(statuses(s.summary)).toMatchObject({ br: 'failed', left: 'skipped', right: 'skipped', done: 'succeeded' });
    expect(s.task('left').error).toBe('upstream failed');
  });
});
