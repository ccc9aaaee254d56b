/**
 * The child process of the cross-process store tests, as plain JavaScript (the
 * test writes it next to the database, with `__STORE_URL__` set to the built
 * store). `node child.mjs <mode> <db path> <job.json>`:
 * - `loop`: applies the job and creates its run (once, in one transaction),
 *   prints `run <id>`, then completes the chain's tasks one transaction each —
 *   claim, start, finish, a 200 kB log, an event, ready the next — printing
 *   `committed <name>` after every commit, until killed or done;
 * - `open`: waits until `START_AT` (epoch ms), opens the store, applies the job
 *   and prints `{"version":…,"changed":…}`.
 */
export const CHILD_SCRIPT = String.raw`
import { readFileSync } from 'node:fs';
const { createSqliteFileStore } = await import('__STORE_URL__');
const [mode, path, jobFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, 'utf8'));
const now = () => new Date().toISOString();

if (mode === 'open') {
  const wait = Number(process.env.START_AT) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const store = await createSqliteFileStore({ path, busyTimeoutMs: 10000 });
  const applied = await store.jobs.apply(job, { appliedAt: now() });
  process.stdout.write(JSON.stringify({ version: applied.job.version, changed: applied.changed }) + '\n');
  await store.close();
} else {
  const store = await createSqliteFileStore({ path });
  const current = await store.jobs.current(job.alias);
  const runId = current === undefined
    ? await store.transaction(async (tx) => {
        const applied = await tx.jobs.apply(job, { appliedAt: now() });
        const run = await tx.runs.create({ jobId: applied.job.id, params: {}, startedAt: now() });
        await tx.taskRuns.createMany(run.id, applied.tasks.map((t) => ({
          taskId: t.id, name: t.name, position: t.position, maxAttempts: 1, outstandingPredecessors: t.position === 0 ? 0 : 1,
        })));
        return run.id;
      })
    : (await store.runs.listByJob(current.id))[0].id;
  process.stdout.write('run ' + runId + '\n');
  const rows = await store.taskRuns.listByRun(runId);
  const log = 'x'.repeat(200000);
  for (;;) {
    const name = await store.transaction(async (tx) => {
      const [row] = await tx.taskRuns.claimReady(runId, { limit: 1, claimedBy: 'pid-' + process.pid, now: now() });
      if (row === undefined) return undefined;
      await tx.taskRuns.markStarted(row.id, { runtimeId: 'proc-' + row.position, startedAt: now() });
      await tx.taskRuns.finish(row.id, { status: 'succeeded', completedAt: now(), result: 'success', exitCode: 0, output: { n: String(row.position) } });
      await tx.logs.save({ taskRunId: row.id, runId, text: log, truncated: false, savedAt: now() });
      await tx.events.append([{ type: 'task_succeeded', jobId: row.jobId ?? null, runId, taskId: row.id, timestamp: now(), payload: { id: row.id, name: row.name, attempt: 1 } }]);
      const next = rows[row.position + 1];
      if (next !== undefined) await tx.taskRuns.decrementOutstanding([next.id]);
      return row.name;
    });
    if (name === undefined) break;
    process.stdout.write('committed ' + name + '\n');
  }
  await store.close();
}
`;
