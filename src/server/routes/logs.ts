/**
 * `GET /v1/jobs/:id/runs/:run_id/logs?task_id=` (docs/decisions.md §11.4): the
 * persisted log snapshot of a task run as text. `task_id` is the task id
 * (caesium also takes the step name). Live streaming (`since`, a running
 * task's output) is not served yet: until a snapshot exists the answer is
 * 204 with `X-Caesium-Log-State: pending` (task not finished) or `empty`.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { uuidParam } from '../body.js';
import { badRequest, notFound } from '../http-error.js';
import { runOf } from './runs.js';

/** Registers the log route. */
export function logRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/jobs/:id/runs/:run_id/logs', async (c) => {
    const { run } = await runOf(deps, uuidParam(c, 'id'), uuidParam(c, 'run_id'));
    const taskId = c.req.query('task_id')?.trim() ?? '';
    if (taskId === '') throw badRequest('task_id is required');
    const taskRuns = await deps.store.taskRuns.listByRun(run.id);
    const taskRun = taskRuns.find((t) => t.taskId === taskId.toLowerCase()) ?? taskRuns.find((t) => t.name === taskId);
    if (taskRun === undefined) throw notFound(`task ${taskId} not found in run ${run.id}`);
    const snapshot = await deps.store.logs.get(taskRun.id);
    if (snapshot === undefined) {
      const state = taskRun.status === 'pending' || taskRun.status === 'running' ? 'pending' : 'empty';
      return c.body(null, 204, { 'X-Caesium-Log-State': state });
    }
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Caesium-Log-Source': 'persisted' };
    if (snapshot.truncated) headers['X-Caesium-Log-Truncated'] = 'true';
    return c.body(snapshot.text, 200, headers);
  });
}
