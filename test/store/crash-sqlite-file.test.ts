/**
 * The SQLite-file store across processes, with the built store in `dist/`
 * (`npm run build`; `npm test` builds first): a writer SIGKILLed mid-loop leaves
 * every committed transaction and no part of an uncommitted one, and processes
 * opening a new file at once apply its migrations exactly once.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import { createSqliteFileStore } from '../../src/store/sqlite-file-store.js';
import { makeJob } from '../engine/support/job.js';
import { expectReleased, tempDb, type TempDb } from './sqlite-support.js';
import { CHILD_SCRIPT } from './sqlite-child-script.js';

const DIST_STORE = fileURLToPath(new URL('../../dist/src/store/sqlite-file-store.js', import.meta.url));
const STEPS = 400;

let temp: TempDb | undefined;
let script = '';
beforeAll(() => {
  if (!existsSync(DIST_STORE))
    throw new Error(`${DIST_STORE} is missing: run \`npm run build\` before these tests (npm test does it for you)`);
});
afterEach(() => {
  if (temp !== undefined) expectReleased(temp);
  temp = undefined;
});

/** Writes the child script and the job it applies into the temp directory. */
function prepare(t: TempDb): void {
  script = join(t.dir, 'child.mjs');
  writeFileSync(script, CHILD_SCRIPT.replace('__STORE_URL__', pathToFileURL(DIST_STORE).href));
  const steps = Array.from({ length: STEPS }, (_, i) => (i === 0 ? { name: 's0' } : { name: `s${i}`, dependsOn: [`s${i - 1}`] }));
  writeFileSync(join(t.dir, 'job.json'), JSON.stringify(makeJob(steps, { alias: 'crash' })));
}

interface Child {
  /** Resolves with the exit code, or the signal that ended it. */
  exit: Promise<number | string>;
  lines: string[];
  kill(): void;
  /** Resolves once `count` lines starting with `prefix` were printed. */
  seen(prefix: string, count: number): Promise<void>;
}

function child(mode: 'loop' | 'open', t: TempDb, env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [script, mode, t.path, join(t.dir, 'job.json')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters: (() => void)[] = [];
  let buffer = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  proc.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exit = new Promise<number | string>((resolve) => proc.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  const seen = async (prefix: string, count: number): Promise<void> => {
    while (lines.filter((l) => l.startsWith(prefix)).length < count) {
      const more = new Promise<void>((resolve) => waiters.push(resolve));
      const ended = exit.then((how) => {
        throw new Error(`child ended (${how}) before ${count} "${prefix}" lines:\n${stderr}`);
      });
      await Promise.race([more, ended]);
    }
  };
  return { exit, lines, kill: () => proc.kill('SIGKILL'), seen };
}

/** Every invariant of the writer's transactions, read from a reopened store; returns how many tasks it finished. */
async function checkConsistent(store: Store, runId: string): Promise<number> {
  const rows = await store.taskRuns.listByRun(runId);
  expect(rows).toHaveLength(STEPS);
  const done = rows.filter((r) => r.status === 'succeeded');
  const k = done.length;
  // A transaction claims, finishes, logs, records an event and readies the next row, or none of it happened.
  expect(rows.map((r) => r.status)).toEqual([...Array<string>(k).fill('succeeded'), ...Array<string>(STEPS - k).fill('pending')]);
  expect(rows.map((r) => r.outstandingPredecessors)).toEqual(rows.map((_, i) => (i <= k ? 0 : 1)));
  expect(done.map((r) => r.output)).toEqual(done.map((r) => ({ n: String(r.position) })));
  const events = await store.events.list({ runId, types: ['task_succeeded'] });
  expect(events.map((e) => e.taskId)).toEqual(done.map((r) => r.id));
  for (const r of [done.at(0), done.at(-1), rows[k]]) {
    if (r !== undefined) expect((await store.logs.get(r.id))?.text.length).toBe(r.status === 'succeeded' ? 200_000 : undefined);
  }
  return k;
}

function migrationRows(path: string): unknown[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare('select name, timestamp from kysely_migration order by name').all();
  } finally {
    db.close();
  }
}

describe('the sqlite file store across processes', () => {
  it('keeps exactly the committed transactions of a writer killed mid-loop', async () => {
    temp = tempDb();
    prepare(temp);
    let migrations: unknown[] | undefined;
    let runId = '';
    let finished = 0;
    for (let round = 0; round < 3; round++) {
      const writer = child('loop', temp);
      await writer.seen('committed', 15);
      writer.kill();
      expect(await writer.exit).toBe('SIGKILL');
      runId = writer.lines.find((l) => l.startsWith('run '))?.slice(4) ?? '';
      const printed = writer.lines.filter((l) => l.startsWith('committed')).length;

      migrations ??= migrationRows(temp.path);
      const store = await createSqliteFileStore({ path: temp.path });
      const k = await checkConsistent(store, runId).finally(() => store.close());
      expect(k).toBeGreaterThanOrEqual(finished + printed);
      finished = k;
      expect(migrationRows(temp.path)).toEqual(migrations); // reopening ran nothing again
    }
    // The parent takes over and finishes the run on the recovered file.
    const store = await createSqliteFileStore({ path: temp.path });
    try {
      const rows = await store.taskRuns.listByRun(runId);
      for (;;) {
        const [row] = await store.taskRuns.claimReady(runId, { limit: 1, claimedBy: 'parent', now: new Date().toISOString() });
        if (row === undefined) break;
        await store.transaction(async (tx) => {
          await tx.taskRuns.finish(row.id, {
            status: 'succeeded',
            completedAt: new Date().toISOString(),
            output: { n: String(row.position) },
          });
          const next = rows[row.position + 1];
          if (next !== undefined) await tx.taskRuns.decrementOutstanding([next.id]);
        });
      }
      expect((await store.taskRuns.listByRun(runId)).every((r) => r.status === 'succeeded')).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('applies migrations once when processes open a new file at the same moment', async () => {
    temp = tempDb();
    prepare(temp);
    const startAt = String(Date.now() + 1500);
    const openers = Array.from({ length: 4 }, () => child('open', temp!, { START_AT: startAt }));
    expect(await Promise.all(openers.map((o) => o.exit))).toEqual([0, 0, 0, 0]);
    const applied = openers.map(
      (o) => JSON.parse(o.lines.find((l) => l.startsWith('{')) ?? 'null') as { version: number; changed: boolean },
    );
    expect(applied.map((a) => a.version)).toEqual([1, 1, 1, 1]);
    expect(applied.filter((a) => a.changed)).toHaveLength(1);
    const rows = migrationRows(temp.path) as { name: string }[];
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
  }, 30_000);
});
