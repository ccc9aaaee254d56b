/** Callbacks of a job version and their invocations per run. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CallbackQueries, CallbackRunRecord, CallbackRunStatus } from '../ports/callbacks.js';
import type { Db } from '../db.js';
import type { CallbackRunsTable } from '../schema.js';

/** Callback queries over `db`. */
export function callbackQueries(db: Db): CallbackQueries {
  return {
    async list(jobId) {
      const rows = await db.selectFrom('callbacks').selectAll().where('job_id', '=', jobId).orderBy('position').execute();
      return rows.map((r) => ({
        id: r.id,
        jobId: r.job_id,
        type: r.type,
        configuration: JSON.parse(r.configuration) as Record<string, unknown>,
        position: Number(r.position),
      }));
    },
    async startRun(start) {
      const row: CallbackRunsTable = {
        id: start.id ?? randomUUID(),
        callback_id: start.callbackId,
        run_id: start.runId,
        status: 'running',
        error: null,
        started_at: start.startedAt,
        completed_at: null,
      };
      await db.insertInto('callback_runs').values(row).execute();
      return toCallbackRun(row);
    },
    async finishRun(id, end) {
      const row = await db
        .updateTable('callback_runs')
        .set({ status: end.status, error: end.error, completed_at: end.completedAt })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`callback run ${id} not found`));
      return toCallbackRun(row);
    },
    async listRuns(runId) {
      const rows = await db.selectFrom('callback_runs').selectAll().where('run_id', '=', runId).orderBy('started_at').execute();
      return rows.map(toCallbackRun);
    },
  };
}

function toCallbackRun(row: Selectable<CallbackRunsTable>): CallbackRunRecord {
  return {
    id: row.id,
    callbackId: row.callback_id,
    runId: row.run_id,
    status: row.status as CallbackRunStatus,
    error: row.error,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}
