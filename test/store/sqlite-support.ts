/**
 * Temp database files for the SQLite-file store tests, and the check after each
 * test that nothing leaked: no descriptor of this process still points into the
 * temp directory, the WAL was folded back on close, and the directory is gone.
 */
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** A fresh directory holding (not yet) one database file. */
export interface TempDb {
  dir: string;
  path: string;
}

/** Makes a temp directory; the database file goes in a subfolder that does not exist yet. */
export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'caesium-sqlite-'));
  return { dir, path: join(dir, 'nested', 'caesium.db') };
}

/** Paths this process holds open under `dir` (empty where /proc is missing). */
function openFilesUnder(dir: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) open.push(target);
    } catch {
      // the descriptor closed while we looked (readdir's own, for one)
    }
  }
  return open;
}

/** Asserts the database under `temp` was released, then removes the directory. */
export function expectReleased(temp: TempDb): void {
  expect(openFilesUnder(temp.dir), 'open descriptors into the temp directory').toEqual([]);
  expect(existsSync(`${temp.path}-wal`), 'a WAL file left after close').toBe(false);
  expect(existsSync(`${temp.path}-shm`), 'a shared-memory file left after close').toBe(false);
  rmSync(temp.dir, { recursive: true, force: true });
  expect(existsSync(temp.dir)).toBe(false);
}
