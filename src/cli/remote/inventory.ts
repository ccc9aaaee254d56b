/**
 * The read-only inventory of a server as tables: `job list`, `trigger list`,
 * `atom list` and `stats`. Each prints the server's JSON (the `src/api/`
 * types, unchanged) with `--json`.
 */
import type { AtomJson, JobListEntryJson, StatsJson, TriggerJson } from '../../client/index.js';
import { UsageError } from '../../errors.js';
import { columns } from '../format/columns.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';

export interface InventoryFlags extends RemoteFlags {
  limit?: string;
  offset?: string;
  alias?: string;
  engine?: string;
  window?: string;
}

/** `job list`: the server's jobs with their trigger and newest run. */
export async function jobList(flags: InventoryFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const jobs = await client.listJobs({ ...page(flags), ...(flags.alias === undefined ? {} : { alias: flags.alias }) });
    if (flags.json === true) writeJson(io, jobs);
    else if (jobs.length === 0) line(io.out, 'No jobs.');
    else for (const row of columns(['ALIAS', 'ID', 'VERSION', 'TRIGGER', 'PAUSED', 'LATEST RUN'], jobs.map(jobRow))) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'job list');
  }
}

/** `trigger list`: every trigger of the server's jobs. */
export async function triggerList(flags: InventoryFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const triggers = await client.listTriggers(page(flags));
    if (flags.json === true) writeJson(io, triggers);
    else if (triggers.length === 0) line(io.out, 'No triggers.');
    else for (const row of columns(['ALIAS', 'ID', 'TYPE', 'CONFIGURATION'], triggers.map(triggerRow))) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'trigger list');
  }
}

/** `atom list`: the steps the server runs, by engine, image and command. */
export async function atomList(flags: InventoryFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const atoms = await client.listAtoms({ ...page(flags), ...(flags.engine === undefined ? {} : { engine: flags.engine }) });
    if (flags.json === true) writeJson(io, atoms);
    else if (atoms.length === 0) line(io.out, 'No atoms.');
    else for (const row of columns(['ID', 'ENGINE', 'IMAGE', 'COMMAND'], atoms.map(atomRow))) line(io.out, row);
    return 0;
  } catch (error) {
    throw remoteError(error, 'atom list');
  }
}

/** `stats`: run counts and success rates over a window, the failing and slowest jobs. */
export async function stats(flags: InventoryFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const s = await client.stats(flags.window);
    if (flags.json === true) writeJson(io, s);
    else for (const l of statsLines(s)) line(io.out, l);
    return 0;
  } catch (error) {
    throw remoteError(error, 'stats');
  }
}

function page(flags: InventoryFlags): { limit?: number; offset?: number } {
  return {
    ...(flags.limit === undefined ? {} : { limit: whole(flags.limit, '--limit') }),
    ...(flags.offset === undefined ? {} : { offset: whole(flags.offset, '--offset') }),
  };
}

function whole(raw: string, name: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number; got "${raw}"`);
  return Number(raw.trim());
}

function jobRow(j: JobListEntryJson): string[] {
  const latest = j.latest_run === undefined ? '-' : `${j.latest_run.status} ${j.latest_run.started_at}`;
  return [j.alias, j.id, String(j.version), j.trigger_type, j.paused ? 'yes' : 'no', latest];
}

function triggerRow(t: TriggerJson): string[] {
  return [t.alias, t.id, t.type, t.configuration];
}

function atomRow(a: AtomJson): string[] {
  return [a.id, a.engine, a.image === '' ? '-' : a.image, a.command];
}

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

function statsLines(s: StatsJson): string[] {
  const out = [
    `Jobs: ${s.jobs.total}  recent runs: ${s.jobs.recent_runs}  success rate: ${percent(s.jobs.success_rate)}  average duration: ${s.jobs.avg_duration_seconds.toFixed(1)}s`,
  ];
  if (s.top_failing.length > 0) {
    out.push('', 'Top failing jobs:');
    out.push(
      ...columns(
        ['ALIAS', 'FAILURES', 'LAST FAILURE'],
        s.top_failing.map((f) => [f.alias, String(f.failure_count), f.last_failure]),
      ),
    );
  }
  if (s.slowest_jobs.length > 0) {
    out.push('', 'Slowest jobs:');
    out.push(
      ...columns(
        ['ALIAS', 'AVERAGE'],
        s.slowest_jobs.map((j) => [j.alias, `${j.avg_duration_seconds.toFixed(1)}s`]),
      ),
    );
  }
  out.push('', 'Success rate by day:');
  out.push(
    ...columns(
      ['DATE', 'RUNS', 'SUCCESS'],
      s.success_rate_trend.map((d) => [d.date, String(d.run_count), percent(d.success_rate)]),
    ),
  );
  return out;
}
