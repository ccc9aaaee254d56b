/**
 * `caesium admin prune [--dry-run] [--older-than D] [--keep-per-job N]`
 * (docs/retention.md): prunes a server's finished runs now, through
 * `POST /v1/admin/prune`; without criteria the server's own run retention applies.
 */
import type { PruneRequestJson } from '../../client/index.js';
import { UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';

export interface PruneFlags extends RemoteFlags {
  dryRun?: boolean;
  olderThan?: string;
  keepPerJob?: string;
}

/** `admin prune`. */
export async function adminPrune(flags: PruneFlags, io: Io): Promise<number> {
  const request: PruneRequestJson = {};
  if (flags.dryRun === true) request.dry_run = true;
  if (flags.olderThan !== undefined) request.older_than = flags.olderThan.trim();
  if (flags.keepPerJob !== undefined) {
    const n = flags.keepPerJob.trim();
    if (!/^\d+$/.test(n) || Number(n) < 1)
      throw new UsageError(`--keep-per-job must be a whole number of at least 1; got "${flags.keepPerJob}"`);
    request.keep_per_job = Number(n);
  }
  const client = clientFor(flags, io);
  try {
    const result = await client.prune(request);
    if (flags.json === true) {
      writeJson(io, result);
      return 0;
    }
    const by = [
      result.older_than === undefined ? '' : `older than ${result.older_than}`,
      result.keep_per_job === undefined ? '' : `past the newest ${result.keep_per_job} per job`,
    ]
      .filter((s) => s !== '')
      .join(' or ');
    line(io.out, `${result.dry_run ? 'Would prune' : 'Pruned'} ${result.runs} finished run(s) ${by}`);
    if (result.dry_run) for (const id of result.run_ids) line(io.out, `  ${id}`);
    return 0;
  } catch (error) {
    throw remoteError(error, 'admin prune');
  }
}
