/** Task runs: one row per step of a run, the frontier the engine works from. */
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Selectable, type Updateable } from 'kysely';
import type { SchemaViolation, TaskRunQueries, TaskRunRecord } from '../../engine/ports/run-store.js';
import type { TaskRunStatus } from '../../engine/ports/status.js';
import type { StringMap } from '../../jobdef/types.js';
import { chunks, type Db } from '../db.js';
import { fromFlag, fromJson, toFlag, toJson } from '../json.js';
import type { TaskRunsTable } from '../schema.js';

const UNFINISHED = ['pending', 'running'] as const;

/** Task-run queries over `db`. */
export function taskRunQueries(db: Db): TaskRunQueries {
  return {
    async createMany(runId, rows) {
      const values = rows.map((r): TaskRunsTable => ({
        id: r.id ?? randomUUID(),
        run_id: runId,
        task_id: r.taskId,
        name: r.name,
        status: 'pending',
        attempt: 1,
        max_attempts: r.maxAttempts,
        outstanding_predecessors: r.outstandingPredecessors,
        result: null,
        exit_code: null,
        output: null,
        branch_selections: null,
        schema_violations: null,
        error: null,
        runtime_id: null,
        cache_hit: 0,
        claimed_by: null,
        not_before: null,
        started_at: null,
        completed_at: null,
        position: r.position,
      }));
      for (const part of chunks(values, 100)) await db.insertInto('task_runs').values(part).execute();
      return values.map(toTaskRun);
    },
    async get(id) {
      const row = await db.selectFrom('task_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toTaskRun(row);
    },
    async listByRun(runId) {
      const rows = await db.selectFrom('task_runs').selectAll().where('run_id', '=', runId).orderBy('position').execute();
      return rows.map(toTaskRun);
    },
    async claimReady(runId, claim) {
      if (claim.limit <= 0) return [];
      // Pick the frontier by position, then claim only rows still pending (a row is claimed once).
      const picked = await db
        .selectFrom('task_runs')
        .select('id')
        .where('run_id', '=', runId)
        .where('status', '=', 'pending')
        .where('outstanding_predecessors', '=', 0)
        .where((w) => w.or([w('not_before', 'is', null), w('not_before', '<=', claim.now)]))
        .where((eb) => eb.not(eb.exists(leasedToAnother(runId, claim.claimedBy))))
        .orderBy('position')
        .limit(claim.limit)
        .execute();
      if (picked.length === 0) return [];
      const rows = await db
        .updateTable('task_runs')
        .set({ status: 'running', claimed_by: claim.claimedBy })
        .where('status', '=', 'pending')
        .where(
          'id',
          'in',
          picked.map((r) => r.id),
        )
        .returningAll()
        .execute();
      return rows.map(toTaskRun).sort((a, b) => a.position - b.position);
    },
    async holds(id, claim) {
      let query = db
        .selectFrom('task_runs')
        .select('id')
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('attempt', '=', claim.attempt)
        .where('claimed_by', '=', claim.claimedBy)
        .where((eb) =>
          eb.not(
            eb.exists(
              db
                .selectFrom('run_leases')
                .select('run_leases.run_id')
                .whereRef('run_leases.run_id', '=', eb.ref('task_runs.run_id'))
                .where('run_leases.node', '<>', claim.claimedBy),
            ),
          ),
        );
      if (isPostgres(db)) query = query.forUpdate();
      return (await query.executeTakeFirst()) !== undefined;
    },
    async drives(runId, workerId) {
      return (await leasedToAnother(runId, workerId).executeTakeFirst()) === undefined;
    },
    async markStarted(id, start) {
      const row = await db
        .updateTable('task_runs')
        .set({ runtime_id: start.runtimeId, started_at: sql<string>`coalesce(started_at, ${start.startedAt})` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`task run ${id} not found`));
      return toTaskRun(row);
    },
    async finish(id, end) {
      const set: Updateable<TaskRunsTable> = { status: end.status, completed_at: end.completedAt };
      if (end.result !== undefined) set.result = end.result;
      if (end.exitCode !== undefined) set.exit_code = end.exitCode;
      if (end.output !== undefined) set.output = toJson(end.output);
      if (end.branchSelections !== undefined) set.branch_selections = toJson(end.branchSelections);
      if (end.schemaViolations !== undefined) set.schema_violations = toJson(end.schemaViolations);
      if (end.error !== undefined) set.error = end.error;
      if (end.cacheHit !== undefined) set.cache_hit = toFlag(end.cacheHit);
      const row = await db
        .updateTable('task_runs')
        .set(set)
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toTaskRun(row);
    },
    async resetForRetry(id, retry) {
      const row = await db
        .updateTable('task_runs')
        .set({
          status: 'pending',
          attempt: retry.attempt,
          not_before: retry.notBefore,
          result: null,
          exit_code: null,
          output: null,
          branch_selections: null,
          schema_violations: null,
          error: null,
          runtime_id: null,
          claimed_by: null,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`task run ${id} not found`));
      return toTaskRun(row);
    },
    async reopen(id, reopened) {
      const row = await db
        .updateTable('task_runs')
        .set({
          status: 'pending',
          attempt: reopened.attempt,
          max_attempts: reopened.maxAttempts,
          outstanding_predecessors: reopened.outstandingPredecessors,
          result: null,
          exit_code: null,
          output: null,
          branch_selections: null,
          schema_violations: null,
          error: null,
          runtime_id: null,
          cache_hit: 0,
          claimed_by: null,
          not_before: null,
          started_at: null,
          completed_at: null,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`task run ${id} not found`));
      return toTaskRun(row);
    },
    async decrementOutstanding(ids) {
      if (ids.length === 0) return [];
      // Never below 0: a retry keeps finished successors whose count already reached 0.
      const rows = await db
        .updateTable('task_runs')
        .set((eb) => ({ outstanding_predecessors: eb('outstanding_predecessors', '-', 1) }))
        .where('id', 'in', ids)
        .where('outstanding_predecessors', '>', 0)
        .returning(['id', 'status', 'attempt', 'outstanding_predecessors', 'position'])
        .execute();
      return rows
        .map((r) => ({
          id: r.id,
          status: r.status as TaskRunStatus,
          attempt: Number(r.attempt),
          outstandingPredecessors: Number(r.outstanding_predecessors),
          position: Number(r.position),
        }))
        .sort((a, b) => a.position - b.position);
    },
    async statuses(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('task_runs').select(['id', 'status']).where('id', 'in', ids).execute();
      return rows.map((r) => ({ id: r.id, status: r.status as TaskRunStatus }));
    },
    async outputs(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('task_runs')
        .select(['id', 'name', 'output', 'position'])
        .where('id', 'in', ids)
        .orderBy('position')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, output: fromJson<StringMap>(r.output) }));
    },
    async resolveUnfinished(runId, end) {
      const rows = await db
        .updateTable('task_runs')
        .set({ status: end.status, error: end.error, completed_at: end.completedAt })
        .where('run_id', '=', runId)
        .where('status', 'in', UNFINISHED)
        .returningAll()
        .execute();
      return rows.map(toTaskRun).sort((a, b) => a.position - b.position);
    },
  };

  /** The lease row of `runId` when a node other than `node` holds it. */
  function leasedToAnother(runId: string, node: string) {
    return db
      .selectFrom('run_leases')
      .select('run_leases.run_id')
      .where('run_leases.run_id', '=', runId)
      .where('run_leases.node', '<>', node);
  }
}

/** Maps a row to the port's record. */
export function toTaskRun(row: Selectable<TaskRunsTable>): TaskRunRecord {
  return {
    id: row.id,
    runId: row.run_id,
    taskId: row.task_id,
    name: row.name,
    status: row.status as TaskRunStatus,
    attempt: Number(row.attempt),
    maxAttempts: Number(row.max_attempts),
    outstandingPredecessors: Number(row.outstanding_predecessors),
    result: row.result,
    exitCode: row.exit_code === null ? null : Number(row.exit_code),
    output: fromJson<StringMap>(row.output),
    branchSelections: fromJson<string[]>(row.branch_selections),
    schemaViolations: fromJson<SchemaViolation[]>(row.schema_violations),
    error: row.error,
    runtimeId: row.runtime_id,
    cacheHit: fromFlag(row.cache_hit),
    claimedBy: row.claimed_by,
    notBefore: row.not_before,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    position: Number(row.position),
  };
}

/** Whether `db` talks to PostgreSQL (row locks; SQLite serialises whole transactions). */
function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
