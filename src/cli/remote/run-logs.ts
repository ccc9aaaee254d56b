/**
 * `caesium run logs --job-id J --run-id R --task NAME [--follow]` (a caesium
 * addition): prints a task's persisted log snapshot; with `--follow`, its
 * output as it is written, until the task ends.
 *
 * `--follow` uses the event stream (`GET /v1/events?types=task_log,…`), not
 * polling: the logs endpoint serves only the snapshot a task leaves when it
 * ends, while the stream carries each line live. The stream is opened first
 * and the task's state read after, so a task still pending is followed from
 * its first line; a task that already ended prints its snapshot; a task
 * already running is followed from the moment of joining (said on stderr),
 * since live lines are not kept by the server.
 */
import type { CaesiumClient, RunJson, ServerEvent, TaskRunJson } from '../../client/index.js';
import { CaesiumError, UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';

export interface LogFlags extends RunFlags {
  task?: string;
  follow?: boolean;
}

const ENDS_TASK = new Set(['task_succeeded', 'task_failed', 'task_skipped', 'task_cached']);
const FOLLOW_TYPES = ['task_log', ...ENDS_TASK, 'run_terminal'];

/** `run logs`. */
export async function runLogs(flags: LogFlags, io: Io): Promise<number> {
  const runId = flags.runId?.trim() ?? '';
  if (runId === '') throw new UsageError('--run-id is required');
  const task = flags.task?.trim() ?? '';
  if (task === '') throw new UsageError('--task is required', 'name the step, e.g. --task fetch');
  const client = clientFor(flags, io);
  try {
    const jobId = await jobIdOf(client, flags);
    if (flags.follow === true) return await follow(client, { jobId, runId, task }, flags.json === true, io);
    return await snapshot(client, { jobId, runId, task }, flags.json === true, io);
  } catch (error) {
    throw remoteError(error, 'run logs');
  }
}

interface Target {
  jobId: string;
  runId: string;
  task: string;
}

async function snapshot(client: CaesiumClient, t: Target, json: boolean, io: Io): Promise<number> {
  const log = await client.taskLog(t.jobId, t.runId, t.task);
  if (json) writeJson(io, log);
  else if (log.text !== undefined) io.out.write(log.text.endsWith('\n') || log.text === '' ? log.text : `${log.text}\n`);
  else line(io.err, `no log for task ${t.task} (${log.state ?? 'empty'})`);
  if (!json && log.truncated) line(io.err, '(the log was truncated to its last 1 MiB)');
  return 0;
}

async function follow(client: CaesiumClient, t: Target, json: boolean, io: Io): Promise<number> {
  const stream = await client.events({ runId: t.runId, types: FOLLOW_TYPES });
  try {
    const taskRun = taskOf(await client.getRun(t.jobId, t.runId), t);
    if (taskRun.status !== 'pending' && taskRun.status !== 'running') {
      stream.close();
      return await snapshot(client, t, json, io);
    }
    if (taskRun.status === 'running') line(io.err, `(task ${taskRun.name} is already running: following its output from now)`);
    else line(io.err, `(following task ${taskRun.name}: waiting for it to start)`);
    for await (const message of stream) {
      if (message.type === 'run_terminal') break;
      if (message.data.payload?.name !== taskRun.name) continue;
      if (message.type === 'task_log') write(message, json, io);
      else if (ENDS_TASK.has(message.type)) break;
    }
  } finally {
    stream.close();
  }
  const final = taskOf(await client.getRun(t.jobId, t.runId), t);
  line(io.err, `task ${final.name} ${final.status}`);
  return 0;
}

function write(message: ServerEvent, json: boolean, io: Io): void {
  if (json) io.out.write(`${JSON.stringify(message.data)}\n`);
  else {
    const text = message.data.payload?.text;
    line(io.out, typeof text === 'string' ? text : '');
  }
}

function taskOf(run: RunJson, t: Target): TaskRunJson {
  const found = run.tasks.find((x) => x.name === t.task) ?? run.tasks.find((x) => x.task_id === t.task.toLowerCase());
  if (found === undefined) throw new CaesiumError('E_NOT_FOUND', `task ${t.task} not found in run ${run.id}`);
  return found;
}
