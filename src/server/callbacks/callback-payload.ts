/** The JSON a `notification` callback POSTs when a run ends (the `api/notification.ts` contract). */
import type { NotificationJson, NotificationTaskJson } from '../../api/notification.js';
import type { RunRecord, TaskRecord, TaskRunRecord } from '../../store/ports/store.js';

/** What the payload says about the job: its stable (REST) id and alias. */
export interface CallbackJob {
  id: string;
  alias: string;
}

/** Builds the body from the run's rows and its job version's tasks (by task id). */
export function callbackPayload(
  job: CallbackJob,
  run: RunRecord,
  taskRuns: readonly TaskRunRecord[],
  tasks: ReadonlyMap<string, TaskRecord>,
): NotificationJson {
  const out: NotificationJson = {
    job_id: job.id,
    job_alias: job.alias,
    run_id: run.id,
    status: run.status,
    started_at: run.startedAt,
    tasks: [],
  };
  if (Object.keys(run.params).length > 0) out.params = run.params;
  if (run.error !== null) out.error = run.error;
  if (run.completedAt !== null) out.completed_at = run.completedAt;
  out.tasks = taskRuns.map((t) => taskJson(t, tasks.get(t.taskId)));
  return out;
}

function taskJson(t: TaskRunRecord, task: TaskRecord | undefined): NotificationTaskJson {
  const out: NotificationTaskJson = {
    task_id: t.taskId,
    atom_id: t.taskId,
    name: t.name,
    engine: task?.engine ?? '',
    image: task?.image ?? '',
    command: task?.command ?? [],
    status: t.status,
  };
  if (t.runtimeId !== null) out.runtime_id = t.runtimeId;
  if (t.result !== null) out.result = t.result;
  if (t.error !== null) out.error = t.error;
  if (t.startedAt !== null) out.started_at = t.startedAt;
  if (t.completedAt !== null) out.completed_at = t.completedAt;
  return out;
}
