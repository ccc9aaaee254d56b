/**
 * `caesium run retry-callbacks --job-id --run-id` (docs/decisions.md §13.5,
 * D20: through the REST API): invokes again the run's callbacks whose latest
 * attempt failed (docs/decisions.md D11), then prints each callback's latest attempt. When one
 * fails again the server answers 500 and the command exits 1.
 */
import { ClientError, type CallbackRunJson, type RunJson } from '../../client/index.js';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';

/** `run retry-callbacks`. */
export async function runRetryCallbacks(flags: RunFlags, io: Io): Promise<number> {
  const runId = flags.runId?.trim() ?? '';
  if (runId === '') throw new UsageError('--run-id is required');
  const client = clientFor(flags, io);
  try {
    const run = await client.retryCallbacks(await jobIdOf(client, flags), runId);
    if (flags.json === true) writeJson(io, run);
    else report(run, io);
    return 0;
  } catch (error) {
    if (flags.json === true && error instanceof ClientError && error.status === 500 && error.body.includes('"run"')) {
      writeJson(io, JSON.parse(error.body));
      return 1;
    }
    throw remoteError(error, 'retry-callbacks');
  }
}

function report(run: RunJson, io: Io): void {
  line(io.out, `Retried failed callbacks for run ${run.id}`);
  const latest = new Map<string, CallbackRunJson>();
  for (const attempt of run.callbacks ?? []) latest.set(attempt.callback_id, attempt);
  for (const c of latest.values()) line(io.out, `  ${c.callback_id}  ${c.status}${c.error === undefined ? '' : `  error: ${c.error}`}`);
}
