/** Backfills and their slots (docs/decisions.md §10). */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { BackfillQueries, BackfillRecord, BackfillStatus, Reprocess, SlotState } from '../ports/scheduling.js';
import type { RunStatus } from '../../engine/ports/status.js';
import { chunks, inTransaction, type Db } from '../db.js';
import type { BackfillsTable } from '../schema.js';

/** Backfill queries over `db`. */
export function backfillQueries(db: Db): BackfillQueries {
  return {
    create: (b) =>
      inTransaction(db, async (tx) => {
        const row: BackfillsTable = {
          id: b.id ?? randomUUID(),
          job_id: b.jobId,
          status: b.slots.length === 0 ? 'succeeded' : 'running',
          start_at: b.start,
          end_at: b.end,
          max_concurrent: b.maxConcurrent,
          reprocess: b.reprocess,
          total_runs: b.slots.length,
          completed_runs: 0,
          failed_runs: 0,
          cancel_requested_at: null,
          completed_at: b.slots.length === 0 ? b.now : null,
          created_at: b.now,
          updated_at: b.now,
        };
        await tx.insertInto('backfills').values(row).execute();
        const slots = b.slots.map((logicalDate, position) => ({
          backfill_id: row.id,
          position,
          logical_date: logicalDate,
          run_id: null,
          state: 'pending',
        }));
        for (const part of chunks(slots)) await tx.insertInto('backfill_slots').values(part).execute();
        return toBackfill(row);
      }),
    async get(id) {
      const row = await db.selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toBackfill(row);
    },
    async listByJob(jobId) {
      const rows = await db
        .selectFrom('backfills')
        .selectAll()
        .where('job_id', '=', jobId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toBackfill);
    },
    async listRunning() {
      const rows = await db
        .selectFrom('backfills')
        .selectAll()
        .where('status', '=', 'running')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toBackfill);
    },
    async slots(backfillId) {
      const rows = await db.selectFrom('backfill_slots').selectAll().where('backfill_id', '=', backfillId).orderBy('position').execute();
      return rows.map((r) => ({
        backfillId: r.backfill_id,
        position: Number(r.position),
        logicalDate: r.logical_date,
        runId: r.run_id,
        state: r.state as SlotState,
      }));
    },
    async setSlot(backfillId, position, slot) {
      await db
        .updateTable('backfill_slots')
        .set({ run_id: slot.runId, state: slot.state })
        .where('backfill_id', '=', backfillId)
        .where('position', '=', position)
        .execute();
    },
    async claimSlot(backfillId, position) {
      const row = await db
        .updateTable('backfill_slots')
        .set({ run_id: null, state: 'running' })
        .where('backfill_id', '=', backfillId)
        .where('position', '=', position)
        .where('state', '=', 'pending')
        .returning('position')
        .executeTakeFirst();
      return row !== undefined;
    },
    async update(id, patch) {
      const row = await db
        .updateTable('backfills')
        .set({
          completed_runs: patch.completedRuns,
          failed_runs: patch.failedRuns,
          updated_at: patch.now,
          ...(patch.status === undefined ? {} : { status: patch.status }),
          ...(patch.completedAt === undefined ? {} : { completed_at: patch.completedAt }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => new Error(`backfill ${id} not found`));
      return toBackfill(row);
    },
    async requestCancel(id, now) {
      const row = await db
        .updateTable('backfills')
        .set((eb) => ({ cancel_requested_at: eb.fn.coalesce('cancel_requested_at', eb.val(now)), updated_at: now }))
        .where('id', '=', id)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toBackfill(row);
    },
    async latestByLogicalDate(alias) {
      const rows = await db
        .selectFrom('runs')
        .innerJoin('jobs', 'jobs.id', 'runs.job_id')
        .select(['runs.status as status', 'runs.params as params'])
        .where('jobs.alias', '=', alias)
        .where('runs.params', 'like', '%"logical_date"%')
        .orderBy('runs.started_at')
        .orderBy('runs.id')
        .execute();
      const latest = new Map<string, RunStatus>();
      for (const row of rows) {
        const date = logicalDateOf(row.params);
        if (date !== undefined) latest.set(date, row.status as RunStatus); // oldest first: the newest wins
      }
      return latest;
    },
  };
}

function logicalDateOf(params: string): string | undefined {
  try {
    const value = (JSON.parse(params) as Record<string, unknown>).logical_date;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function toBackfill(row: Selectable<BackfillsTable>): BackfillRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    status: row.status as BackfillStatus,
    start: row.start_at,
    end: row.end_at,
    maxConcurrent: Number(row.max_concurrent),
    reprocess: row.reprocess as Reprocess,
    totalRuns: Number(row.total_runs),
    completedRuns: Number(row.completed_runs),
    failedRuns: Number(row.failed_runs),
    cancelRequestedAt: row.cancel_requested_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
