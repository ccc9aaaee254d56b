/**
 * `caesium run retry --job-id --run-id [--from STEP] [--no-downstream]`:
 * re-runs part of a finished run on a server as its next attempt
 * (`POST …/retry`, docs/run-control.md) and prints what is kept and what
 * re-runs. Without `--from`, every task that did not succeed re-runs; with
 * it, that step and (unless `--no-downstream`) everything downstream of it.
 */
import type { RetryRequestJson } from '../../api/run-control.js';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';

export interface RetryFlags extends RunFlags {
  from?: string;
  /** False with `--no-downstream`. */
  downstream?: boolean;
}

/** `run retry`. */
export async function runRetry(flags: RetryFlags, io: Io): Promise<number> {
  const runId = flags.runId?.trim() ?? '';
  if (runId === '') throw new UsageError('--run-id is required');
  const from = flags.from?.trim();
  if (from === '') throw new UsageError('--from must name a step');
  if (flags.downstream === false && from === undefined) throw new UsageError('--no-downstream applies only with --from STEP');
  const body: RetryRequestJson = from === undefined ? {} : { from, downstream: flags.downstream !== false };
  const client = clientFor(flags, io);
  try {
    const run = await client.retryRun(await jobIdOf(client, flags), runId, body);
    if (flags.json === true) {
      writeJson(io, run);
      return 0;
    }
    const retry = run.retry;
    const what =
      retry?.from === undefined ? 'what did not succeed' : `from ${retry.from}${retry.downstream ? ' and downstream' : ' alone'}`;
    line(io.out, `Run ${run.id} retried as attempt ${run.attempt} (${what}; it was ${retry?.previous_status ?? 'finished'})`);
    line(io.out, `  kept:   ${list(retry?.kept ?? [])}`);
    line(io.out, `  re-run: ${list(retry?.rerun ?? [])}`);
    line(io.out, `Follow it with: caesium run get --job-id ${run.job_id} --run-id ${run.id}`);
    return 0;
  } catch (error) {
    throw remoteError(error, 'run retry');
  }
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}
