/** Log snapshots: the raw text of a task run's last attempt, capped at 1 MiB. */
import { LOG_SNAPSHOT_MAX_BYTES, type LogQueries } from '../../engine/ports/run-store.js';
import type { Db } from '../db.js';
import { fromFlag, toFlag } from '../json.js';

/** Log queries over `db`. */
export function logQueries(db: Db): LogQueries {
  return {
    async save(snapshot) {
      const capped = capUtf8(snapshot.text, LOG_SNAPSHOT_MAX_BYTES);
      const truncated = snapshot.truncated || capped.length < snapshot.text.length;
      const row = {
        task_run_id: snapshot.taskRunId,
        run_id: snapshot.runId,
        text: capped,
        truncated: toFlag(truncated),
        saved_at: snapshot.savedAt,
      };
      await db
        .insertInto('task_logs')
        .values(row)
        .onConflict((oc) => oc.column('task_run_id').doUpdateSet({ text: row.text, truncated: row.truncated, saved_at: row.saved_at }))
        .execute();
      return { text: capped, truncated };
    },
    async get(taskRunId) {
      const row = await db.selectFrom('task_logs').select(['text', 'truncated']).where('task_run_id', '=', taskRunId).executeTakeFirst();
      return row === undefined ? undefined : { text: row.text, truncated: fromFlag(row.truncated) };
    },
    async remove(taskRunId) {
      await db.deleteFrom('task_logs').where('task_run_id', '=', taskRunId).execute();
    },
  };
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes` (never splits a character). */
function capUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so a character is never cut.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
