/**
 * `caesium backfill create|list|cancel` over the REST API
 * (docs/decisions.md §13.4). `--job-id` takes a job id or, as with `run`, a
 * job alias. Results go to stdout (human lines, or the server's JSON with
 * `--json`); the API key is sent like every remote command's (docs/decisions.md D14).
 */
import type { BackfillJson } from '../../client/index.js';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';
import { jobIdOf } from './run.js';

export interface BackfillFlags extends RemoteFlags {
  jobId?: string;
  backfillId?: string;
  start?: string;
  end?: string;
  maxConcurrent?: string;
  reprocess?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const REPROCESS = ['none', 'failed', 'all'] as const;

/** `backfill create`: starts a backfill and prints it. */
export async function backfillCreate(flags: BackfillFlags, io: Io): Promise<number> {
  requireJobId(flags);
  const start = flags.start?.trim() ?? '';
  const end = flags.end?.trim() ?? '';
  if (start === '' || end === '') throw new UsageError('--start and --end are required');
  checkTime(start, '--start');
  checkTime(end, '--end');
  const maxConcurrent = whole(flags.maxConcurrent, '--max-concurrent', 1);
  const reprocess = (flags.reprocess ?? 'none').trim();
  if (!(REPROCESS as readonly string[]).includes(reprocess))
    throw new UsageError(`--reprocess must be one of: none, failed, all; got "${reprocess}"`);
  const client = clientFor(flags, io);
  try {
    const jobId = await jobIdOf(client, flags);
    const backfill = await client.createBackfill(jobId, {
      start,
      end,
      max_concurrent: maxConcurrent,
      reprocess: reprocess as (typeof REPROCESS)[number],
    });
    if (flags.json === true) writeJson(io, backfill);
    else
      line(
        io.out,
        `Backfill started: ${backfill.id} (${backfill.total_runs} run(s) from ${backfill.start} to ${backfill.end}, at most ${backfill.max_concurrent} at once, reprocess ${backfill.reprocess})`,
      );
    return 0;
  } catch (error) {
    throw remoteError(error, 'backfill create');
  }
}

/** `backfill list`: a job's backfills, newest first. */
export async function backfillList(flags: BackfillFlags, io: Io): Promise<number> {
  requireJobId(flags);
  const client = clientFor(flags, io);
  try {
    const backfills = await client.listBackfills(await jobIdOf(client, flags));
    if (flags.json === true) writeJson(io, backfills);
    else if (backfills.length === 0) line(io.out, 'No backfills.');
    else for (const b of backfills) line(io.out, summary(b));
    return 0;
  } catch (error) {
    throw remoteError(error, 'backfill list');
  }
}

/** `backfill cancel`: asks a running backfill to stop launching runs. */
export async function backfillCancel(flags: BackfillFlags, io: Io): Promise<number> {
  requireJobId(flags);
  const backfillId = flags.backfillId?.trim() ?? '';
  if (backfillId === '') throw new UsageError('--backfill-id is required');
  const client = clientFor(flags, io);
  try {
    const backfill = await client.cancelBackfill(await jobIdOf(client, flags), backfillId);
    if (flags.json === true) writeJson(io, backfill);
    else line(io.out, `Backfill ${backfill.id} cancelled`);
    return 0;
  } catch (error) {
    throw remoteError(error, 'backfill cancel');
  }
}

/** `<id>  <status>  <start> → <end>  <done>/<total> done, <failed> failed`. */
function summary(b: BackfillJson): string {
  const done = b.completed_runs + b.failed_runs;
  return `${b.id}  ${b.status.padEnd(9)}  ${b.start} → ${b.end}  ${done}/${b.total_runs} done, ${b.failed_runs} failed`;
}

function requireJobId(flags: BackfillFlags): void {
  if ((flags.jobId?.trim() ?? '') === '') throw new UsageError('--job-id is required');
}

function checkTime(raw: string, flag: string): void {
  if (!RFC3339.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new UsageError(`invalid ${flag} (expected RFC3339, e.g. 2024-01-01T00:00:00Z): "${raw}"`);
  }
}

function whole(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number; got "${raw}"`);
  return Number(raw.trim());
}
