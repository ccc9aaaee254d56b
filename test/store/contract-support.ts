/** What both store contracts seed their stores with. */
import type { NewExecutionEvent } from '../../src/engine/ports/events.js';
import type { AppliedJob, RunRecord, RunStore, TaskRunRecord } from '../../src/engine/ports/run-store.js';
import { makeJob, type StepInput } from '../engine/support/job.js';

export const T0 = '2026-01-01T00:00:00.000Z';

/** a → (b, c) → d, plus an independent root e. */
export const DIAMOND: StepInput[] = [
  { name: 'a' },
  { name: 'b', dependsOn: ['a'] },
  { name: 'c', dependsOn: ['a'] },
  { name: 'd', dependsOn: ['b', 'c'] },
  { name: 'e' },
];

export interface SeededRun {
  applied: AppliedJob;
  run: RunRecord;
  rows: TaskRunRecord[];
  byName: (n: string) => TaskRunRecord;
}

/** Applies `steps` (DIAMOND) and creates a run with its frontier. */
export function seedRun(store: RunStore, steps = DIAMOND): Promise<SeededRun> {
  const job = makeJob(steps);
  return store.transaction(async (tx) => {
    const applied = await tx.jobs.apply(job, { appliedAt: T0 });
    const run = await tx.runs.create({ jobId: applied.job.id, params: { day: 'mon' }, startedAt: T0 });
    const degree = (n: string): number => job.edges.filter((e) => e.to === n).length;
    const rows = await tx.taskRuns.createMany(
      run.id,
      applied.tasks.map((t) => ({
        taskId: t.id,
        name: t.name,
        position: t.position,
        maxAttempts: 2,
        outstandingPredecessors: degree(t.name),
      })),
    );
    const byName = (n: string): TaskRunRecord => rows.find((r) => r.name === n) as TaskRunRecord;
    return { applied, run, rows, byName };
  });
}

export function event(runId: string, jobId: string, type: 'task_ready' | 'task_claimed', id: string): NewExecutionEvent {
  return { type, jobId, runId, taskId: null, timestamp: T0, payload: { id, name: id, attempt: 1 } };
}
