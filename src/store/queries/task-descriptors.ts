/** `task_descriptors`: each task run's latest launch (migration 0014). */
import type { RecordedLaunch, TaskDescriptorQueries } from '../ports/task-descriptors.js';
import type { Db } from '../db.js';

/** Task descriptor queries over `db`. */
export function taskDescriptorQueries(db: Db): TaskDescriptorQueries {
  return {
    async record(d) {
      const row = { run_id: d.runId, attempt: d.attempt, launch: JSON.stringify(d.launch), recorded_at: d.recordedAt };
      await db
        .insertInto('task_descriptors')
        .values({ task_run_id: d.taskRunId, ...row })
        .onConflict((oc) => oc.column('task_run_id').doUpdateSet(row))
        .execute();
    },
    async get(taskRunId) {
      const r = await db.selectFrom('task_descriptors').selectAll().where('task_run_id', '=', taskRunId).executeTakeFirst();
      if (r === undefined) return undefined;
      return {
        taskRunId: r.task_run_id,
        runId: r.run_id,
        attempt: r.attempt,
        launch: JSON.parse(r.launch) as RecordedLaunch,
        recordedAt: r.recorded_at,
      };
    },
  };
}
