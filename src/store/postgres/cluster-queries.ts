/** Node heartbeats and run leases on PostgreSQL (the port is src/store/ports/cluster.ts). */
import { sql } from 'kysely';
import type { ClusterQueries, NodeRecord } from '../ports/cluster.js';
import type { Db } from '../db.js';

/** The database's clock in epoch milliseconds (`clock_timestamp`: the time of the statement, not the transaction). */
const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** Cluster queries over `db` (a PostgreSQL database). */
export function clusterQueries(db: Db): ClusterQueries {
  return {
    async heartbeat(node) {
      const labels = JSON.stringify(node.labels);
      const row = await db
        .insertInto('nodes')
        .values({
          address: node.address,
          labels,
          capacity: node.capacity,
          version: node.version,
          started_at_ms: NOW_MS,
          heartbeat_at_ms: NOW_MS,
        })
        .onConflict((oc) =>
          oc.column('address').doUpdateSet({ labels, capacity: node.capacity, version: node.version, heartbeat_at_ms: NOW_MS }),
        )
        .returning('heartbeat_at_ms')
        .executeTakeFirstOrThrow();
      return Number(row.heartbeat_at_ms);
    },
    async liveNodes(withinMs) {
      const rows = await db
        .selectFrom('nodes as n')
        .selectAll('n')
        .select((eb) => [
          eb.selectFrom('run_leases as l').select(eb.fn.countAll<number>().as('c')).whereRef('l.node', '=', 'n.address').as('leased'),
          eb
            .selectFrom('task_runs as t')
            .select(eb.fn.countAll<number>().as('c'))
            .whereRef('t.claimed_by', '=', 'n.address')
            .where('t.status', '=', 'running')
            .as('running'),
        ])
        .where('n.heartbeat_at_ms', '>=', sql<number>`${NOW_MS} - ${withinMs}`)
        .orderBy('n.address')
        .execute();
      return rows.map((r): NodeRecord => ({
        address: r.address,
        labels: JSON.parse(r.labels) as Record<string, string>,
        capacity: Number(r.capacity),
        version: r.version,
        startedAt: new Date(Number(r.started_at_ms)).toISOString(),
        heartbeatAt: new Date(Number(r.heartbeat_at_ms)).toISOString(),
        leasedRuns: Number(r.leased ?? 0),
        runningTasks: Number(r.running ?? 0),
      }));
    },
    async leave(address) {
      await db.deleteFrom('nodes').where('address', '=', address).execute();
    },
    async acquire(runId, node, ttlMs) {
      const row = await db
        .insertInto('run_leases')
        .values({ run_id: runId, node, expires_at_ms: sql<number>`${NOW_MS} + ${ttlMs}`, epoch: 1 })
        .onConflict((oc) =>
          oc
            .column('run_id')
            .doUpdateSet({ expires_at_ms: sql<number>`${NOW_MS} + ${ttlMs}` })
            .where('run_leases.node', '=', node),
        )
        .returning('run_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async renew(node, runIds, ttlMs) {
      if (runIds.length === 0) return [];
      const rows = await db
        .updateTable('run_leases')
        .set({ expires_at_ms: sql<number>`${NOW_MS} + ${ttlMs}` })
        .where('node', '=', node)
        .where('run_id', 'in', [...runIds])
        .returning('run_id')
        .execute();
      return rows.map((r) => r.run_id);
    },
    async held(node) {
      return (await db.selectFrom('run_leases').select('run_id').where('node', '=', node).execute()).map((r) => r.run_id);
    },
    async handBack(node) {
      const result = await db.updateTable('run_leases').set({ node: '', expires_at_ms: 0 }).where('node', '=', node).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async requestCancel(runId, by) {
      await db
        .insertInto('run_cancel_requests')
        .values({ run_id: runId, requested_by: by, requested_at_ms: NOW_MS })
        .onConflict((oc) => oc.column('run_id').doNothing())
        .execute();
    },
    async takeCancelRequests(runIds) {
      if (runIds.length === 0) return [];
      const rows = await db
        .deleteFrom('run_cancel_requests')
        .where('run_id', 'in', [...runIds])
        .returning(['run_id', 'requested_by'])
        .execute();
      return rows.map((r) => ({ runId: r.run_id, by: r.requested_by }));
    },
    async lastEventSequence() {
      const row = await db
        .selectFrom('execution_events')
        .select((eb) => eb.fn.max('sequence').as('last'))
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },
    async release(runId, node) {
      const result = await db.deleteFrom('run_leases').where('run_id', '=', runId).where('node', '=', node).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async takeOver(node, ttlMs, limit, orphanBefore) {
      const expired = await sql<{ run_id: string }>`
        WITH expired AS (
          SELECT l.run_id FROM run_leases l JOIN runs r ON r.id = l.run_id
          WHERE l.expires_at_ms < ${NOW_MS} AND r.status = 'running'
          ORDER BY l.expires_at_ms
          LIMIT ${limit}
          FOR UPDATE OF l SKIP LOCKED
        )
        UPDATE run_leases SET node = ${node}, expires_at_ms = ${NOW_MS} + ${ttlMs}, epoch = run_leases.epoch + 1
        FROM expired WHERE run_leases.run_id = expired.run_id
        RETURNING run_leases.run_id`.execute(db);
      const orphans = await sql<{ run_id: string }>`
        INSERT INTO run_leases (run_id, node, expires_at_ms, epoch)
        SELECT r.id, ${node}, ${NOW_MS} + ${ttlMs}, 1 FROM runs r
        WHERE r.status = 'running' AND r.started_at < ${orphanBefore}
          AND NOT EXISTS (SELECT 1 FROM run_leases l WHERE l.run_id = r.id)
        ORDER BY r.started_at
        LIMIT ${limit}
        ON CONFLICT (run_id) DO NOTHING
        RETURNING run_id`.execute(db);
      // Released finished runs do not linger: a lease of a run that ended is dropped by whoever sees it.
      await sql`DELETE FROM run_leases l USING runs r WHERE r.id = l.run_id AND r.status <> 'running'`.execute(db);
      return [...expired.rows, ...orphans.rows].map((r) => r.run_id);
    },
  };
}
