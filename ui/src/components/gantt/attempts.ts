/**
 * The attempts of one run's tasks, for the Gantt timeline. A task run carries only its latest attempt; the run's
 * events (`GET /v1/events?run_id=…&cursor=0`) add the earlier ones: `task_started` opens an attempt,
 * `task_retrying` closes it as failed, `task_succeeded`/`task_failed` close the last.
 */
import type { EventJson, TaskRunJson } from '../../../../src/api/index.js';

export interface Attempt {
  taskId: string;
  name: string;
  attempt: number;
  status: string;
  /** Epoch milliseconds. */
  start: number;
  /** Undefined while the attempt runs. */
  end?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every attempt that started, in task order then attempt order. */
export function attemptsOf(tasks: readonly TaskRunJson[], events: readonly EventJson[] = []): Attempt[] {
  const byKey = new Map<string, Attempt>();
  const key = (taskId: string, attempt: number): string => `${taskId}#${attempt}`;
  const close = (taskId: string, attempt: number | undefined, status: string, at: number): void => {
    const a = attempt === undefined ? undefined : byKey.get(key(taskId, attempt));
    if (a !== undefined && a.end === undefined) Object.assign(a, { status, end: at });
  };
  const ordered = [...events].sort((x, y) => (x.sequence ?? 0) - (y.sequence ?? 0));
  for (const e of ordered) {
    const at = Date.parse(e.timestamp);
    const p = e.payload ?? {};
    if (Number.isNaN(at)) continue;
    if (e.type === 'task_started') {
      const attempt = num(p.attempt) ?? 1;
      byKey.set(key(e.task_id, attempt), { taskId: e.task_id, name: str(p.name) ?? e.task_id, attempt, status: 'running', start: at });
    } else if (e.type === 'task_retrying') close(e.task_id, num(p.failed_attempt), 'failed', at);
    else if (e.type === 'task_succeeded' || e.type === 'task_failed')
      close(e.task_id, num(p.attempt), str(p.status) ?? e.type.slice('task_'.length), at);
  }
  for (const t of tasks) {
    if (t.started_at === undefined) continue;
    const start = Date.parse(t.started_at);
    if (Number.isNaN(start)) continue;
    const end = t.completed_at === undefined ? undefined : Date.parse(t.completed_at);
    const latest: Attempt = { taskId: t.task_id, name: t.name, attempt: t.attempt, status: t.status, start };
    if (end !== undefined && !Number.isNaN(end)) latest.end = end;
    // The task run is the authority on its latest attempt.
    byKey.set(key(t.task_id, t.attempt), latest);
  }
  const order = new Map(tasks.map((t, i) => [t.task_id, i]));
  return [...byKey.values()].sort(
    (a, b) =>
      (order.get(a.taskId) ?? Infinity) - (order.get(b.taskId) ?? Infinity) || a.name.localeCompare(b.name) || a.attempt - b.attempt,
  );
}
