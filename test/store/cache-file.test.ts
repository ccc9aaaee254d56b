/**
 * The task cache file of local runs (better-sqlite3): the shared contract, then
 * what only a file has: created on first use, WAL, persistence across
 * instances, two processes at once, and clear errors for bad files.
 * The two-process test uses the built dist/ (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTaskCache, type FileTaskCache } from '../../src/store/cache/file-cache.js';
import { CacheFileError } from '../../src/store/cache/file-cache-error.js';
import { ROOT } from '../support/cli.js';
import { entryOf, taskCacheContract } from '../cache/task-cache-contract.js';

const run = promisify(execFile);
const SCOPE = { jobId: 'job-1', jobAlias: 'etl' };
const NOON = '2026-01-01T12:00:00.000Z';

let dir: string;
const opened: FileTaskCache[] = [];
const cacheAt = (path: string): FileTaskCache => {
  const c = fileTaskCache(path);
  opened.push(c);
  return c;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caesium-cache-'));
});
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  rmSync(dir, { recursive: true, force: true });
});

taskCacheContract('file (better-sqlite3)', () =>
  Promise.resolve({ cache: cacheAt(join(dir, 'contract', 'cache.db')), scope: SCOPE, close: () => undefined }),
);

describe('file task cache', () => {
  it('touches nothing until first use, then creates the folder and the file in WAL mode', async () => {
    const path = join(dir, 'a', 'b', '.caesium', 'cache.db');
    const cache = cacheAt(path);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(await cache.get('0'.repeat(64), NOON)).toBeUndefined();
    expect(existsSync(path)).toBe(true);
    cache.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('application_id', { simple: true })).toBe(0x43735443);
    raw.close();
  });

  it('keeps entries across instances (and after close, a use reopens)', async () => {
    const path = join(dir, 'cache.db');
    const first = cacheAt(path);
    const entry = entryOf(SCOPE);
    await first.put(entry);
    first.close();
    first.close(); // idempotent
    const second = cacheAt(path);
    expect(await second.get(entry.hash, NOON)).toEqual(entry);
    expect(await first.get(entry.hash, NOON)).toEqual(entry);
  });

  it('prunes expired entries only', async () => {
    const cache = cacheAt(join(dir, 'cache.db'));
    await cache.put(entryOf(SCOPE));
    await cache.put(entryOf(SCOPE, { hash: 'e'.repeat(64), expiresAt: null }));
    expect(await cache.prune('2026-01-03T00:00:00.000Z')).toBe(1);
    expect(await cache.get('e'.repeat(64), NOON)).toBeDefined();
  });

  it('is shared safely by two processes writing and reading at once', async () => {
    const path = join(dir, 'shared', 'cache.db');
    const module = `${ROOT}dist/src/store/cache/file-cache.js`;
    if (!existsSync(module)) throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
    const child = `
      const { fileTaskCache } = await import(process.argv[1]);
      const cache = fileTaskCache(process.argv[2]);
      const me = process.argv[3];
      let seen = 0;
      for (let i = 0; i < 150; i++) {
        const hash = me + String(i).padStart(63, '0');
        await cache.put({ hash, jobId: 'job-' + me, jobAlias: 'etl', taskName: 't' + me, result: 'success', output: { i: String(i) },
          branchSelections: [], runId: 'run-' + me, taskRunId: 'tr-' + i, resolvedImageDigest: null, hashInputBlob: null,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), expiresAt: null });
        const other = (me === 'a' ? 'b' : 'a') + String(i).padStart(63, '0');
        if (await cache.get(other, '${NOON}')) seen++;
        if ((await cache.get(hash, '${NOON}'))?.output.i !== String(i)) throw new Error('lost my own write ' + i);
      }
      const mine = await cache.recent({ jobId: 'job-' + me, jobAlias: 'etl' }, 't' + me, '${NOON}', 1000);
      cache.close();
      console.log(JSON.stringify({ mine: mine.length, seen }));
    `;
    const start = (me: string): Promise<{ stdout: string }> =>
      run(process.execPath, ['--input-type=module', '-e', child, module, path, me]);
    const [a, b] = await Promise.all([start('a'), start('b')]);
    expect(JSON.parse(a.stdout)).toMatchObject({ mine: 150 });
    expect(JSON.parse(b.stdout)).toMatchObject({ mine: 150 });
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM task_caches').get()).toEqual({ n: 300 });
    raw.close();
  }, 60_000);

  it('refuses a file that is not a database, with the path and what to do', async () => {
    const path = join(dir, 'cache.db');
    writeFileSync(path, 'this is not sqlite, just some text that is long enough to look like a header....\n'.repeat(20));
    const cache = cacheAt(path);
    const error = await cache.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CacheFileError);
    expect(error).toMatchObject({ code: 'E_CACHE_FILE', exitCode: 2, path });
    expect((error as Error).message).toMatch(new RegExp(`^task cache ${path}: not an SQLite database \\(file is not a database\\)$`));
    expect((error as CacheFileError).hint).toBe(
      'the file only holds cached task results: delete it, choose another --cache-dir, or run with --no-cache',
    );
    await expect(cache.get('0'.repeat(64), NOON)).rejects.toBeInstanceOf(CacheFileError);
  });

  it("refuses another application's database and a newer schema, without writing to them", async () => {
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE users (id INTEGER)');
    db.close();
    await expect(cacheAt(foreign).open()).rejects.toThrow(
      `task cache ${foreign}: is an SQLite database of something else (not a caesium task cache)`,
    );

    const newer = join(dir, 'newer.db');
    await cacheAt(newer).open();
    const raw = new Database(newer);
    raw.pragma('user_version = 9');
    raw.close();
    opened.at(-1)!.close();
    await expect(cacheAt(newer).open()).rejects.toThrow('was written by a newer caesium (schema 9; this one reads 1)');
  });

  it('reports a path it cannot create (a directory in the way)', async () => {
    const path = join(dir, 'taken');
    mkdirSync(path);
    await expect(cacheAt(path).open()).rejects.toThrow(new RegExp(`^task cache ${path}: cannot be opened`));
    const blocked = join(dir, 'file-not-dir');
    writeFileSync(blocked, 'x');
    await expect(cacheAt(join(blocked, 'cache.db')).open()).rejects.toBeInstanceOf(CacheFileError);
  });

  it('recovers after the bad file is removed', async () => {
    const path = join(dir, 'cache.db');
    writeFileSync(path, 'garbage'.repeat(200));
    const cache = cacheAt(path);
    await expect(cache.open()).rejects.toBeInstanceOf(CacheFileError);
    rmSync(path);
    await cache.put(entryOf(SCOPE));
    expect(await cache.get(entryOf(SCOPE).hash, NOON)).toBeDefined();
  });
});
