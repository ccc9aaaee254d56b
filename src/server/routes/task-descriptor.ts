/**
 * `GET /v1/jobs/:id/runs/:run_id/tasks/:task_id/descriptor` (docs/run-control.md):
 * the launch the server recorded for a task's latest attempt, for `caesium run
 * reproduce`. `task_id` is the task id or the step name, as for the logs. A
 * task the server has not started (pending, skipped, cached, or run before
 * launches were recorded) is a 404 that says so.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { uuidParam } from '../body.js';
import { notFound } from '../http-error.js';
import { descriptorJson } from '../reproduce/descriptor-json.js';
import { runOf } from './runs.js';

/** Registers the descriptor route. */
export function taskDescriptorRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/jobs/:id/runs/:run_id/tasks/:task_id/descriptor', async (c) => {
    const { view, run } = await runOf(deps, uuidParam(c, 'id'), uuidParam(c, 'run_id'));
    const wanted = c.req.param('task_id').trim();
    const taskRuns = await deps.store.taskRuns.listByRun(run.id);
    const taskRun = taskRuns.find((t) => t.taskId === wanted.toLowerCase()) ?? taskRuns.find((t) => t.name === wanted);
    if (taskRun === undefined) throw notFound(`task ${wanted} not found in run ${run.id}`);
    const descriptor = await deps.store.taskDescriptors.get(taskRun.id);
    if (descriptor === undefined) {
      throw notFound(
        `task ${taskRun.name} of run ${run.id} has no recorded launch (it is ${taskRun.status}): only a task the server started can be reproduced`,
      );
    }
    return c.json(descriptorJson(view.entry.id, taskRun.taskId, descriptor));
  });
}
