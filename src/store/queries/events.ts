/** Execution events: an append-only log with an increasing sequence. */
import type { Selectable } from 'kysely';
import type { ExecutionEvent } from '../../engine/ports/events.js';
import type { EventQueries } from '../../engine/ports/run-store.js';
import { chunks, type Db } from '../db.js';
import type { ExecutionEventsTable } from '../schema.js';

/** Event queries over `db`. */
export function eventQueries(db: Db): EventQueries {
  return {
    async append(events) {
      const out: ExecutionEvent[] = [];
      for (const part of chunks(events)) {
        const rows = await db
          .insertInto('execution_events')
          .values(
            part.map((e) => ({
              type: e.type,
              job_id: e.jobId,
              run_id: e.runId,
              task_id: e.taskId,
              payload: JSON.stringify(e.payload),
              created_at: e.timestamp,
            })),
          )
          .returning('sequence')
          .execute();
        // Sequences are assigned in insertion order.
        const sequences = rows.map((r) => Number(r.sequence)).sort((a, b) => a - b);
        part.forEach((e, i) => out.push({ ...e, sequence: sequences[i] ?? 0 }));
      }
      return out;
    },
    async list(query) {
      let q = db
        .selectFrom('execution_events')
        .selectAll()
        .where('sequence', '>', query.after ?? 0)
        .orderBy('sequence')
        .limit(query.limit ?? 500);
      if (query.runId !== undefined) q = q.where('run_id', '=', query.runId);
      if (query.jobId !== undefined) q = q.where('job_id', '=', query.jobId);
      if (query.types !== undefined && query.types.length > 0) q = q.where('type', 'in', query.types);
      const rows = await q.execute();
      return rows.map(toEvent);
    },
    async prune(before) {
      const result = await db.deleteFrom('execution_events').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toEvent(row: Selectable<ExecutionEventsTable>): ExecutionEvent {
  return {
    sequence: Number(row.sequence),
    type: row.type,
    jobId: row.job_id ?? '',
    runId: row.run_id ?? '',
    taskId: row.task_id,
    timestamp: row.created_at,
    payload: row.payload === null ? undefined : (JSON.parse(row.payload) as unknown),
  } as ExecutionEvent;
}
