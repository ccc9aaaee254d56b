import { describe, expect, it } from 'vitest';
import { makeJob } from './support/job.js';
import { runScenario } from './support/scenario.js';

describe('outputs in a run (docs/decisions.md §2.9, D9)', () => {
  it('stores outputs with number text kept, JSON kept, and hands them to successors', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }]), {
      a: {
        logs: [
          '##caesium::output {"count": 1000000, "big": 1.0e21, "ok": true, "none": null}',
          { stream: 'stderr', text: '2026-01-01T00:00:00Z ##caesium::output {"meta": {"a": [1, 2]}, "count": 7}' },
          '##caesium::output {not json}',
        ],
      },
    });
    const expected = { count: '7', big: '1.0e21', ok: 'true', none: 'null', meta: '{"a":[1,2]}' };
    expect(s.task('a').output).toEqual(expected);
    const env = s.runtime.launchOf('b').env;
    expect([
      env.CAESIUM_OUTPUT_A_COUNT,
      env.CAESIUM_OUTPUT_A_BIG,
      env.CAESIUM_OUTPUT_A_OK,
      env.CAESIUM_OUTPUT_A_NONE,
      env.CAESIUM_OUTPUT_A_META,
    ]).toEqual(['7', '1.0e21', 'true', 'null', '{"a":[1,2]}']);
    const done = s.lifecycle().find((e) => e.type === 'task_succeeded' && e.payload.name === 'a');
    expect(done?.payload).toMatchObject({ output: expected });
  });

  it('keeps outputs of a failed task', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }]), { a: { exitCode: 1, logs: ['##caesium::output {"partial": 3}'] } });
    expect(s.task('a')).toMatchObject({ status: 'failed', output: { partial: '3' } });
  });

  it('discards outputs over 64 KiB with a warning; the task result is unaffected', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }]), {
      a: { logs: [`##caesium::output ${JSON.stringify({ blob: 'x'.repeat(70_000) })}`, '##caesium::branch b'] },
    });
    const a = s.task('a');
    expect(a).toMatchObject({ status: 'succeeded', output: {}, branchSelections: [] });
    expect(a.warnings).toEqual([expect.stringContaining('outputs discarded: merged outputs are 70011 bytes of JSON')]);
    const system = s.events.filter((e) => e.type === 'task_log' && e.stream === 'system');
    expect(system.map((e) => (e.type === 'task_log' ? e.text : ''))).toEqual([`caesium: ${a.warnings[0]}`]);
    const done = s.lifecycle().find((e) => e.type === 'task_succeeded' && e.payload.name === 'a');
    expect(done?.payload).toMatchObject({ warnings: a.warnings });
    expect((await s.store.logs.get(a.id))?.text.endsWith(`caesium: ${a.warnings[0]}\n`)).toBe(true);
    expect(s.task('b').status).toBe('succeeded');
  });
});
