/**
 * The database console's own connection (src/store/sqlite/read-only-query.ts)
 * on a real SQLite file: even a statement the text check would have let
 * through cannot write, because the connection is read-only and SQLite's
 * own verdict on the statement is asked.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openReadOnly, QueryRefused, readRows } from '../../src/store/sqlite/read-only-query.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caesium-readonly-'));
  path = join(dir, 'x.db');
  const db = new BetterSqlite3(path);
  db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('refuses statements SQLite reports as writing, and the row stays', () => {
  const db = openReadOnly(path);
  try {
    for (const sql of ['DELETE FROM t', "INSERT INTO t VALUES ('x')", 'CREATE TABLE u (y)', 'PRAGMA user_version = 3']) {
      expect(() => readRows(db, sql, 10)).toThrow(QueryRefused);
    }
    expect(readRows(db, 'SELECT x FROM t', 10)).toEqual({
      columns: [{ name: 'x', data_type: 'TEXT' }],
      rows: [['kept']],
      truncated: false,
    });
  } finally {
    db.close();
  }
});

it('turns blobs into text or hex and keeps big integers exact', () => {
  const db = openReadOnly(path);
  try {
    expect(readRows(db, "SELECT x'6869', x'ff00', 9007199254740993, 2", 10).rows).toEqual([['hi', '\\xff00', '9007199254740993', 2]]);
  } finally {
    db.close();
  }
});
