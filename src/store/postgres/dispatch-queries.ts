/** Task dispatches on PostgreSQL (the port is src/store/ports/dispatch.ts). */
import { sql } from 'kysely';
import type { ClaimedDispatch, DispatchLine, DispatchQueries, DispatchState, DispatchStatus } from '../ports/dispatch.js';
import type { Db } from '../db.js';

/** The database's clock in epoch milliseconds (the time of the statement). */
const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** Channel names (docs/multi-node.md, LISTEN/NOTIFY). */
const DISPATCH_CHANNEL = 'caesium_dispatch';
const DISPATCH_UPDATE_CHANNEL = 'caesium_dispatch_update';

const notifyUpdate = (id: string) => sql`SELECT pg_notify(${DISPATCH_UPDATE_CHANNEL}, ${id})`;

/** Dispatch queries over `db` (a PostgreSQL database). */
export function dispatchQueries(db: Db): DispatchQueries {
  return {
    async insert(d) {
      await sql`
        INSERT INTO task_dispatches (id, task_run_id, run_id, attempt, selector, launch, status, created_at_ms)
        VALUES (${d.id}, ${d.taskRunId}, ${d.runId}, ${d.attempt}, ${JSON.stringify(d.selector)}, ${JSON.stringify(d.launch)}, 'pending', ${NOW_MS})`.execute(
        db,
      );
      await sql`SELECT pg_notify(${DISPATCH_CHANNEL}, ${d.id})`.execute(db);
    },
    async state(id) {
      const { rows } = await sql<{
        status: DispatchStatus;
        claimed_by: string | null;
        expired: boolean;
        exit: string | null;
        error: string | null;
      }>`SELECT status, claimed_by, exit, error, (status = 'claimed' AND lease_expires_at_ms < ${NOW_MS}) AS expired
         FROM task_dispatches WHERE id = ${id}`.execute(db);
      const r = rows[0];
      if (r === undefined) return undefined;
      return {
        status: r.status,
        claimedBy: r.claimed_by,
        leaseExpired: r.expired,
        exit: r.exit === null ? null : (JSON.parse(r.exit) as unknown),
        error: r.error,
      } satisfies DispatchState;
    },
    async logsAfter(id, seq, limit) {
      const { rows } = await sql<DispatchLine>`
        SELECT seq, stream, text FROM task_dispatch_logs WHERE dispatch_id = ${id} AND seq > ${seq} ORDER BY seq LIMIT ${limit}`.execute(
        db,
      );
      return rows;
    },
    async requestStop(id) {
      await sql`UPDATE task_dispatches SET stop_requested = 1 WHERE id = ${id}`.execute(db);
    },
    async remove(id) {
      await sql`DELETE FROM task_dispatches WHERE id = ${id}`.execute(db);
    },
    async removeRun(runId) {
      const result = await sql`DELETE FROM task_dispatches WHERE run_id = ${runId}`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
    async failExpired(id, error) {
      const { rows } = await sql`
        UPDATE task_dispatches SET status = 'failed', error = ${error}, launch = '{}'
        WHERE id = ${id} AND status = 'claimed' AND lease_expires_at_ms < ${NOW_MS} RETURNING id`.execute(db);
      return rows.length > 0;
    },
    async setWaitingReason(id, reason) {
      await sql`UPDATE task_dispatches SET waiting_reason = ${reason} WHERE id = ${id}`.execute(db);
    },
    async waitingReasons(runId) {
      const { rows } = await sql<{ task_run_id: string; waiting_reason: string }>`
        SELECT task_run_id, waiting_reason FROM task_dispatches
        WHERE run_id = ${runId} AND status = 'pending' AND waiting_reason IS NOT NULL`.execute(db);
      return new Map(rows.map((r) => [r.task_run_id, r.waiting_reason]));
    },
    async claim(node, labels, limit, ttlMs) {
      if (limit <= 0) return [];
      // A selector matches when the node's labels contain every one of its entries (jsonb containment).
      const { rows } = await sql<{ id: string; run_id: string; attempt: number; launch: string }>`
        WITH ready AS (
          SELECT id FROM task_dispatches
          WHERE status = 'pending' AND stop_requested = 0 AND ${JSON.stringify(labels)}::jsonb @> selector::jsonb
          ORDER BY created_at_ms
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE task_dispatches d SET status = 'claimed', claimed_by = ${node}, lease_expires_at_ms = ${NOW_MS} + ${ttlMs}
        FROM ready WHERE d.id = ready.id
        RETURNING d.id, d.run_id, d.attempt, d.launch`.execute(db);
      for (const r of rows) await notifyUpdate(r.id).execute(db);
      return rows.map((r): ClaimedDispatch => ({ id: r.id, runId: r.run_id, attempt: r.attempt, launch: JSON.parse(r.launch) as unknown }));
    },
    async renew(node, ids, ttlMs) {
      if (ids.length === 0) return { held: [], stop: [] };
      const { rows } = await sql<{ id: string; stop_requested: number }>`
        UPDATE task_dispatches SET lease_expires_at_ms = ${NOW_MS} + ${ttlMs}
        WHERE claimed_by = ${node} AND status = 'claimed' AND lease_expires_at_ms >= ${NOW_MS}
          AND id IN (${sql.join([...ids])})
        RETURNING id, stop_requested`.execute(db);
      return { held: rows.map((r) => r.id), stop: rows.filter((r) => Number(r.stop_requested) !== 0).map((r) => r.id) };
    },
    async appendLogs(id, node, attempt, lines) {
      if (lines.length === 0) return true;
      return db.transaction().execute(async (tx) => {
        const held = await sql`
          SELECT id FROM task_dispatches WHERE id = ${id} AND claimed_by = ${node} AND attempt = ${attempt}
            AND status = 'claimed' AND lease_expires_at_ms >= ${NOW_MS} FOR SHARE`.execute(tx);
        if (held.rows.length === 0) return false;
        const values = lines.map((l) => sql`(${id}, ${l.seq}, ${l.stream}, ${l.text})`);
        await sql`INSERT INTO task_dispatch_logs (dispatch_id, seq, stream, text) VALUES ${sql.join(values)}
                  ON CONFLICT DO NOTHING`.execute(tx);
        await notifyUpdate(id).execute(tx);
        return true;
      });
    },
    async finish(id, node, attempt, end) {
      const status: DispatchStatus = 'exit' in end ? 'exited' : 'failed';
      const exit = 'exit' in end ? JSON.stringify(end.exit) : null;
      const error = 'error' in end ? end.error : null;
      // The launch (the task's environment) does not stay once the task ended.
      const { rows } = await sql`
        UPDATE task_dispatches SET status = ${status}, exit = ${exit}, error = ${error}, launch = '{}'
        WHERE id = ${id} AND claimed_by = ${node} AND attempt = ${attempt}
          AND status = 'claimed' AND lease_expires_at_ms >= ${NOW_MS}
        RETURNING id`.execute(db);
      if (rows.length > 0) await notifyUpdate(id).execute(db);
      return rows.length > 0;
    },
    async activeOf(node) {
      const { rows } = await sql<{ run_id: string; task_run_id: string; attempt: number }>`
        SELECT run_id, task_run_id, attempt FROM task_dispatches WHERE claimed_by = ${node} AND status = 'claimed'
        ORDER BY created_at_ms`.execute(db);
      return rows.map((r) => ({ runId: r.run_id, taskRunId: r.task_run_id, attempt: r.attempt }));
    },
  };
}
