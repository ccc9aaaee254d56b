/**
 * `caesium run cancel --job-id --run-id`: stops a running run on a server
 * (`POST …/cancel`). Running tasks are stopped, pending ones cancelled; the
 * run records who cancelled it (the local user name, or `--by`). Cancelling
 * a cancelled run again is harmless; a run that finished otherwise exits 1.
 */
import { userInfo } from 'node:os';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';

export interface CancelFlags extends RunFlags {
  by?: string;
}

/** `run cancel`. */
export async function runCancel(flags: CancelFlags, io: Io): Promise<number> {
  const runId = flags.runId?.trim() ?? '';
  if (runId === '') throw new UsageError('--run-id is required');
  const by = flags.by?.trim() || localUser(io);
  const client = clientFor(flags, io);
  try {
    const run = await client.cancelRun(await jobIdOf(client, flags), runId, { by });
    if (flags.json === true) {
      writeJson(io, run);
      return 0;
    }
    if (run.status === 'running') {
      line(io.out, `Run ${run.id} is stopping (cancel requested by ${by}); check it with caesium run get`);
      return 0;
    }
    const cancelled = run.tasks.filter((t) => t.status === 'cancelled').map((t) => t.name);
    const who = run.cancelled_by === undefined ? '' : ` by ${run.cancelled_by}`;
    line(io.out, `Run ${run.id} cancelled${who}${cancelled.length === 0 ? '' : `; cancelled tasks: ${cancelled.join(', ')}`}`);
    return 0;
  } catch (error) {
    throw remoteError(error, 'run cancel');
  }
}

function localUser(io: Io): string {
  const fromEnv = io.env.USER ?? io.env.USERNAME;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
