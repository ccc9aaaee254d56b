/**
 * The process the database console runs one query in (see
 * server/database/query-process.ts): reads `{path, sql, limit}` as JSON on
 * standard input, answers one `QueryAnswer` as JSON on standard output and
 * exits. A process of its own, so a query past its time limit is stopped by
 * killing it, whatever SQLite is doing.
 */
import { openReadOnly, QueryRefused, readRows, type QueryRows } from './read-only-query.js';

/** What the process prints. */
export type QueryAnswer = ({ ok: true } & QueryRows) | { ok: false; refused: boolean; message: string };

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { path: string; sql: string; limit: number };
let answer: QueryAnswer;
try {
  const db = openReadOnly(request.path);
  try {
    answer = { ok: true, ...readRows(db, request.sql, request.limit) };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { ok: false, refused: error instanceof QueryRefused, message: error instanceof Error ? error.message : String(error) };
}
process.stdout.write(JSON.stringify(answer));
