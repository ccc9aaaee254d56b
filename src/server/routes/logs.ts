/**
 * `GET /v1/jobs/:id/runs/:run_id/logs?task_id=` (docs/decisions.md §11.4,
 * docs/live-logs.md): a task run's log as text. `task_id` is the task id
 * (caesium also takes the step name). While the task runs it is what was
 * written so far (`X-Caesium-Log-Source: live`); with `follow=true` the
 * answer is an event stream that goes on until the task ends (see
 * logs/follow-stream.ts). A task with no live output stored (run before the
 * live log existed) is served from its snapshot; a task that has not started
 * answers 204 with `X-Caesium-Log-State: pending` (or `empty` once it ended).
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { uuidParam } from '../body.js';
import { badRequest, notFound } from '../http-error.js';
import { followLog } from '../logs/follow-stream.js';
import { logText } from '../logs/live-log.js';
import { runOf } from './runs.js';

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' };
const TEXT = 'text/plain; charset=utf-8';

/** Registers the log route. */
export function logRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/jobs/:id/runs/:run_id/logs', async (c) => {
    const { run } = await runOf(deps, uuidParam(c, 'id'), uuidParam(c, 'run_id'));
    const taskId = c.req.query('task_id')?.trim() ?? '';
    if (taskId === '') throw badRequest('task_id is required');
    const follow = c.req.query('follow')?.trim() ?? 'false';
    if (follow !== 'true' && follow !== 'false') throw badRequest('invalid follow: expected true or false');
    const taskRuns = await deps.store.taskRuns.listByRun(run.id);
    const taskRun = taskRuns.find((t) => t.taskId === taskId.toLowerCase()) ?? taskRuns.find((t) => t.name === taskId);
    if (taskRun === undefined) throw notFound(`task ${taskId} not found in run ${run.id}`);
    const live = deps.liveLogs;
    if (follow === 'true') {
      if (live === undefined) throw badRequest('follow is not available on this server');
      const status = async (): Promise<string> => (await deps.store.taskRuns.get(taskRun.id))?.status ?? 'unknown';
      return new Response(followLog(live, { taskRunId: taskRun.id, runId: run.id, status }, c.req.raw.signal), { headers: SSE_HEADERS });
    }
    const running = taskRun.status === 'pending' || taskRun.status === 'running';
    const chunks = live === undefined ? [] : (await live.read(taskRun.id)).chunks;
    if (chunks.length > 0 || taskRun.status === 'running') {
      const { text, truncated } = logText(chunks);
      const headers: Record<string, string> = { 'Content-Type': TEXT, 'X-Caesium-Log-Source': running ? 'live' : 'persisted' };
      if (truncated) headers['X-Caesium-Log-Truncated'] = 'true';
      if (running) headers['X-Caesium-Log-State'] = 'running';
      return c.body(text, 200, headers);
    }
    const snapshot = await deps.store.logs.get(taskRun.id);
    if (snapshot === undefined) return c.body(null, 204, { 'X-Caesium-Log-State': running ? 'pending' : 'empty' });
    const headers: Record<string, string> = { 'Content-Type': TEXT, 'X-Caesium-Log-Source': 'persisted' };
    if (snapshot.truncated) headers['X-Caesium-Log-Truncated'] = 'true';
    return c.body(snapshot.text, 200, headers);
  });
}
