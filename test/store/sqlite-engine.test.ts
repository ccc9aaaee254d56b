/**
 * The engine end to end on the SQLite-file store: the same job and scripts as
 * on the memory store give the same summary, and everything the run wrote is
 * in the file after it is closed and reopened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary, TaskSummary } from '../../src/engine/run-types.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import type { Script } from '../engine/support/fake-runtime.js';
import { makeJob, type StepInput } from '../engine/support/job.js';
import { runScenario } from '../engine/support/scenario.js';
import { expectReleased, tempDb, type TempDb } from './sqlite-support.js';

let temp: TempDb | undefined;
afterEach(() => {
  if (temp !== undefined) expectReleased(temp);
  temp = undefined;
});

/** extract → 40 parallel transforms (one retried, one failing) → load; cleanup runs whatever happens. */
function workload(): { steps: StepInput[]; scripts: Record<string, Script> } {
  const fan = Array.from({ length: 40 }, (_, i) => `t${i}`);
  const steps: StepInput[] = [
    { name: 'extract' },
    ...fan.map((name) => ({ name, dependsOn: ['extract'], retries: name === 't7' ? 1 : 0 })),
    { name: 'load', dependsOn: fan },
    { name: 'cleanup', dependsOn: ['load'], triggerRule: 'all_done' },
  ];
  const scripts: Record<string, Script> = {
    extract: { delayMs: 10, logs: ['reading', '##caesium::output {"rows": "42"}'] },
    t7: [{ exitCode: 1, logs: ['flaky'] }, { instant: true }],
    t13: { exitCode: 2, logs: ['broken'] },
  };
  for (const name of fan) scripts[name] ??= { instant: true };
  return { steps, scripts };
}

/** A summary with its generated ids replaced by task names. */
function shape(summary: RunSummary): unknown {
  const named = (text: string | null): string | null =>
    summary.tasks.reduce((out, t) => out?.replaceAll(t.id, `<${t.name}>`).replaceAll(t.taskId, `<${t.name}>`) ?? null, text);
  const task = (t: TaskSummary): unknown => [t.name, t.status, t.attempt, t.exitCode, named(t.error), t.output];
  return { status: summary.status, error: named(summary.error), durationMs: summary.durationMs, tasks: summary.tasks.map(task) };
}

describe('the engine on the sqlite file store', () => {
  it('runs a job as on the memory store and leaves every row in the file', async () => {
    const { steps, scripts } = workload();
    const job = makeJob(steps, { alias: 'etl' });
    const reference = await runScenario(job, scripts, { maxParallel: 4 });
    await reference.store.close();

    temp = tempDb();
    const file = await createSqliteFileStore({ path: temp.path });
    const s = await runScenario(job, scripts, { maxParallel: 4, store: file }).finally(() => file.close());
    expect(shape(s.summary)).toEqual(shape(reference.summary));
    expect(s.summary.status).toBe('failed');
    expect(s.task('t7')).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(s.task('load').status).toBe('skipped');
    expect(s.task('cleanup').status).toBe('succeeded');
    expect(s.task('extract').output).toEqual({ rows: '42' });
    expect(s.runtime.peak).toBeLessThanOrEqual(4);

    const reopened = await createSqliteFileStore({ path: temp.path });
    try {
      expect(await reopened.runs.get(s.summary.runId)).toMatchObject({ status: 'failed', completedAt: s.summary.completedAt });
      const rows = await reopened.taskRuns.listByRun(s.summary.runId);
      expect(rows.map((r) => [r.name, r.status, r.attempt])).toEqual(s.summary.tasks.map((t) => [t.name, t.status, t.attempt]));
      expect(await reopened.events.list({ runId: s.summary.runId })).toEqual(s.lifecycle());
      expect((await reopened.logs.get(s.task('t13').id))?.text).toContain('broken');
    } finally {
      await reopened.close();
    }
  });
});
