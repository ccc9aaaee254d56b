/**
 * `caesium run start|list|get` over the REST API (docs/decisions.md §13.5;
 * `run list` and `run get` are caesium additions). `--job-id` takes a job id
 * or, as a convenience, a job alias (looked up with `GET /v1/jobs?alias=`).
 * Human output by default, the server's JSON with `--json`.
 */
import type { CaesiumClient, RunJson } from '../../client/index.js';
import { CaesiumError, UsageError } from '../../errors.js';
import { line, type Io } from '../io.js';
import { logTail, tailLines } from '../../engine/log-tail.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';

export interface RunFlags extends RemoteFlags {
  jobId?: string;
  runId?: string;
  params?: string[];
  limit?: string;
  offset?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `run start`: prints the new run's id. */
export async function runStart(flags: RunFlags, io: Io): Promise<number> {
  const params = parseParams(flags.params ?? []);
  const client = clientFor(flags, io);
  try {
    const run = await client.startRun(await jobIdOf(client, flags), { params });
    if (flags.json === true) writeJson(io, run);
    else line(io.out, run.id);
    return 0;
  } catch (error) {
    throw remoteError(error, 'run start');
  }
}

/** `run list`: a job's runs, newest first; a table whose TRIGGER column says how each run started. */
export async function runList(flags: RunFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  const page = { limit: whole(flags.limit, '--limit', 20), offset: whole(flags.offset, '--offset', 0) };
  try {
    const runs = await client.listRuns(await jobIdOf(client, flags), page);
    if (flags.json === true) writeJson(io, runs);
    else if (runs.length === 0) line(io.out, 'No runs.');
    else for (const row of runTable(runs)) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'run list');
  }
}

/** `run get`: one run and its tasks; under a failed task, the last lines of its log snapshot. */
export async function runGet(flags: RunFlags, io: Io): Promise<number> {
  if (flags.runId === undefined || flags.runId.trim() === '') throw new UsageError('--run-id is required');
  const client = clientFor(flags, io);
  try {
    const jobId = await jobIdOf(client, flags);
    const run = await client.getRun(jobId, flags.runId.trim());
    if (flags.json === true) {
      writeJson(io, run);
      return 0;
    }
    line(io.out, `Run ${run.id} (${run.job_alias}): ${statusText(run)}  started ${run.started_at}  ${duration(run)}`);
    if (run.error !== undefined) line(io.out, `  error: ${run.error}`);
    if (run.retry !== undefined) {
      const from = run.retry.from === undefined ? '' : ` from ${run.retry.from}${run.retry.downstream ? '' : ' alone'}`;
      line(
        io.out,
        `  attempt ${run.attempt} (retry${from}; kept: ${run.retry.kept.join(', ') || 'none'}; re-run: ${run.retry.rerun.join(', ')})`,
      );
    }
    const width = Math.max(0, ...run.tasks.map((t) => t.name.length));
    for (const t of run.tasks) {
      line(io.out, `  ${t.name.padEnd(width)}  ${t.status}${t.error === undefined ? '' : `  error: ${t.error}`}`);
      if (t.status !== 'failed') continue;
      const log = await client.taskLog(jobId, run.id, t.name);
      const where = `all of them: caesium run logs --job-id ${jobId} --run-id ${run.id} --task ${t.name}`;
      for (const l of tailLines(logTail(log.text ?? ''), '    | ', where)) line(io.out, l);
    }
    return 0;
  } catch (error) {
    throw remoteError(error, 'run get');
  }
}

/** The job id of `--job-id` (an id, or an alias looked up on the server). */
export async function jobIdOf(client: CaesiumClient, flags: Pick<RunFlags, 'jobId'>): Promise<string> {
  const raw = flags.jobId?.trim() ?? '';
  if (raw === '') throw new UsageError('--job-id is required');
  if (UUID.test(raw)) return raw;
  const [job] = await client.listJobs({ alias: raw, limit: 1 });
  if (job === undefined) throw new CaesiumError('E_NOT_FOUND', `no job with id or alias "${raw}" on ${client.baseUrl}`);
  return job.id;
}

/** `--params k=v` values (later wins); the value may hold more `=`. */
function parseParams(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of raw) {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    if (key === '') throw new UsageError(`--params must be k=v; got "${item}"`, 'repeat --params for each parameter');
    out[key] = item.slice(at + 1);
  }
  return out;
}

function whole(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number; got "${raw}"`);
  return Number(raw.trim());
}

/** How a run started: its trigger's type (`cron`, `http`), `backfill`, or `manual`. */
function startedBy(run: RunJson): string {
  return run.trigger_type ?? (run.backfill_id === undefined ? 'manual' : 'backfill');
}

/** The `run list` table: a header, then one aligned row per run. */
function runTable(runs: readonly RunJson[]): string[] {
  const rows = [
    ['RUN ID', 'STATUS', 'TRIGGER', 'STARTED', 'DURATION'],
    ...runs.map((r) => [r.id, statusText(r), startedBy(r), r.started_at, duration(r)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The status, with the queue position of a run waiting for a slot (`queued #2`). */
function statusText(run: RunJson): string {
  return run.status === 'queued' && run.queue_position !== undefined ? `queued #${run.queue_position}` : run.status;
}

function duration(run: RunJson): string {
  if (run.completed_at === undefined) return run.status === 'queued' ? 'waiting' : 'running';
  const ms = Date.parse(run.completed_at) - Date.parse(run.started_at);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)}s` : '';
}
