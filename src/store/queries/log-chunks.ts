/** `task_log_chunks`: live task output in whole-line chunks (docs/live-logs.md). */
import type { LogChunkQueries } from '../ports/log-chunks.js';
import type { Db } from '../db.js';

/** Log chunk queries over `db`. */
export function logChunkQueries(db: Db): LogChunkQueries {
  return {
    async append(chunk) {
      await db
        .insertInto('task_log_chunks')
        .values({
          task_run_id: chunk.taskRunId,
          run_id: chunk.runId,
          attempt: chunk.attempt,
          seq: chunk.seq,
          first_line: chunk.firstLine,
          line_count: chunk.lineCount,
          byte_offset: chunk.byteOffset,
          text: chunk.text,
        })
        .execute();
    },
    async remove(taskRunId, attempt, seqs) {
      if (seqs.length === 0) return;
      await db
        .deleteFrom('task_log_chunks')
        .where('task_run_id', '=', taskRunId)
        .where('attempt', '=', attempt)
        .where('seq', 'in', [...seqs])
        .execute();
    },
    async list(taskRunId) {
      const rows = await db
        .selectFrom('task_log_chunks')
        .selectAll()
        .where('task_run_id', '=', taskRunId)
        .orderBy('attempt')
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        taskRunId: r.task_run_id,
        runId: r.run_id,
        attempt: r.attempt,
        seq: r.seq,
        firstLine: r.first_line,
        lineCount: r.line_count,
        byteOffset: r.byte_offset,
        text: r.text,
      }));
    },
  };
}
