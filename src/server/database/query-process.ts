/**
 * Runs one database console query in a process of its own
 * (store/sqlite/read-only-query-main.ts) and kills it when it outlives the
 * time limit: better-sqlite3 runs a statement synchronously and cannot be
 * interrupted from JavaScript, so a separate process is what makes the limit
 * real. Nothing of the query runs in the server's own event loop.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueryAnswer } from '../../store/sqlite/read-only-query-main.js';

/** Largest answer read back from the process (rows are capped below this by the process itself). */
const MAX_OUTPUT_BYTES = 16_000_000;

export interface QueryRequest {
  path: string;
  sql: string;
  limit: number;
  timeoutMs: number;
}

/** The process's answer, or `{timedOut: true}` when it was killed at the limit. */
export function runQueryProcess(request: QueryRequest, script?: string | URL): Promise<QueryAnswer | { timedOut: true }> {
  const entry = script ?? new URL('../../store/sqlite/read-only-query-main.js', import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry instanceof URL ? fileURLToPath(entry) : entry], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.length > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s.slice(0, 4000)));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ timedOut: true });
      try {
        resolve(JSON.parse(out) as QueryAnswer);
      } catch {
        reject(new Error(`the query process exited with ${code ?? 'a signal'}: ${err.trim() || 'no answer'}`));
      }
    });
    child.stdin.end(JSON.stringify({ path: request.path, sql: request.sql, limit: request.limit }));
  });
}
