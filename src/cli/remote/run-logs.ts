/**
 * `caesium run logs --job-id J --run-id R --task NAME [--follow]` (a caesium
 * addition): prints a task's log; with `--follow`, every line from the first,
 * exactly once, then each new line until the task ends, across its retries
 * (a `── attempt N ──` line on stderr before each attempt, so stdout
 * holds the output alone). It reads the server's log
 * follow stream (docs/live-logs.md), which numbers lines, so joining late
 * loses nothing.
 */
import type { CaesiumClient, RunJson, TaskRunJson } from '../../client/index.js';
import { CaesiumError, UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';

export interface LogFlags extends RunFlags {
  task?: string;
  follow?: boolean;
}

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
  if (!json && log.truncated) line(io.err, '(the log is longer than its limit: lines were dropped from its middle, where the note says)');
  return 0;
}

async function follow(client: CaesiumClient, t: Target, json: boolean, io: Io): Promise<number> {
  const taskRun = taskOf(await client.getRun(t.jobId, t.runId), t);
  const name = taskRun.name;
  const stream = await client.followTaskLog(t.jobId, t.runId, name);
  if (!json && taskRun.status === 'pending') line(io.err, `(following task ${name}: waiting for it to start)`);
  else if (!json && taskRun.status === 'running') line(io.err, `(following task ${name}: it is running, printing from its first line)`);
  let attempt = 0;
  let status = 'unknown';
  try {
    for await (const message of stream) {
      if (json) io.out.write(`${JSON.stringify({ type: message.type, ...message.data })}\n`);
      if (message.type === 'end') {
        status = message.data.status;
        break;
      }
      if (json) continue;
      if (message.data.attempt !== attempt) {
        attempt = message.data.attempt;
        line(io.err, `── attempt ${attempt} ──`);
      }
      if (message.type === 'log') io.out.write(message.data.text);
      else line(io.out, `[caesium: ${message.data.lines} lines (${message.data.bytes} bytes) dropped here]`);
    }
  } finally {
    stream.close();
  }
  line(io.err, `task ${name} ${status}`);
  return 0;
}

function taskOf(run: RunJson, t: Target): TaskRunJson {
  const found = run.tasks.find((x) => x.name === t.task) ?? run.tasks.find((x) => x.task_id === t.task.toLowerCase());
  if (found === undefined) throw new CaesiumError('E_NOT_FOUND', `task ${t.task} not found in run ${run.id}`);
  return found;
}
