/** Runs: one row per execution of a job version. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { RunPriority, RunQueries, RunRecord, RunRetry } from '../../engine/ports/run-store.js';
import type { RunStatus } from '../../engine/ports/status.js';
import type { StringMap } from '../../jobdef/types.js';
import type { Db } from '../db.js';
import type { RunsTable } from '../schema.js';

/** Run queries over `db`. */
export function runQueries(db: Db): RunQueries {
  return {
    async create(run) {
      const row: Selectable<RunsTable> = {
        id: run.id ?? randomUUID(),
        job_id: run.jobId,
        status: 'running',
        params: JSON.stringify(run.params),
        error: null,
        started_at: run.startedAt,
        completed_at: null,
        trigger_id: run.triggerId ?? null,
        backfill_id: run.backfillId ?? null,
        cancelled_by: null,
        priority: run.priority ?? null,
        attempt: 1,
        attempt_started_at: null,
        retry: null,
      };
      await db.insertInto('runs').values(row).execute();
      return toRun(row);
    },
    async get(id) {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRun(row);
    },
    async finish(id, end) {
      const row = await db
        .updateTable('runs')
        .set({
          status: end.status,
          error: end.error,
          completed_at: end.completedAt,
          ...(end.cancelledBy === undefined ? {} : { cancelled_by: end.cancelledBy }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`run ${id} not found`));
      return toRun(row);
    },
    async reopen(id, retry) {
      const row = await db
        .updateTable('runs')
        .set({
          status: 'running',
          error: null,
          completed_at: null,
          cancelled_by: null,
          attempt: retry.attempt,
          attempt_started_at: retry.attemptStartedAt,
          retry: JSON.stringify(retry.retry),
        })
        .where('id', '=', id)
        .where('status', '!=', 'running')
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toRun(row);
    },
    async listByJob(jobId) {
      const rows = await db.selectFrom('runs').selectAll().where('job_id', '=', jobId).orderBy('started_at').execute();
      return rows.map(toRun);
    },
    async listRunning() {
      const rows = await db.selectFrom('runs').selectAll().where('status', '=', 'running').orderBy('started_at').orderBy('id').execute();
      return rows.map(toRun);
    },
  };
}

/** A runs row as a record. */
export function toRun(row: Selectable<RunsTable>): RunRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    status: row.status as RunStatus,
    params: JSON.parse(row.params) as StringMap,
    error: row.error,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    triggerId: row.trigger_id,
    backfillId: row.backfill_id,
    cancelledBy: row.cancelled_by,
    priority: row.priority as RunPriority | null,
    attempt: Number(row.attempt),
    attemptStartedAt: row.attempt_started_at ?? row.started_at,
    retry: row.retry === null ? null : (JSON.parse(row.retry) as RunRetry),
  };
}
