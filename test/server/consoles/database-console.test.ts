/**
 * The database console against real server processes on a SQLite file
 * (docs/operator-consoles.md): 404 unless CAESIUM_DATABASE_CONSOLE_ENABLED=true;
 * then the schema and read-only queries with their row and time limits, and
 * every write form refused with a clear message while the database files stay
 * byte for byte what they were.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, type Json } from '../support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../support/server-process.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caesium-dbconsole-'));
});
afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
  expect(liveServers()).toBe(0);
});

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** A hash of every file of the database (the file, its WAL), so any write shows. */
function fingerprint(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).filter((n) => !n.endsWith('-shm'))) {
    out[name] = createHash('sha256')
      .update(readFileSync(join(folder, name)))
      .digest('hex');
  }
  return out;
}

it('is not served unless switched on: /v1/database/* answer 404', async () => {
  const server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'off', 'caesium.db') });
  expect(await call(`${server.url}/v1/database/schema`)).toEqual({ status: 404, json: { message: 'Not Found' } });
  expect(await call(`${server.url}/v1/database/query`, 'POST', { sql: 'SELECT 1' })).toEqual({
    status: 404,
    json: { message: 'Not Found' },
  });
  await server.stop();
});

it('refuses to start over a memory database, which has no file to open read-only', async () => {
  await expect(spawnServer({ CAESIUM_DATABASE_TYPE: 'memory', CAESIUM_DATABASE_CONSOLE_ENABLED: 'true' })).rejects.toThrow(
    /exited with 2: .*CAESIUM_DATABASE_CONSOLE_ENABLED=true needs the SQLite file store/s,
  );
});

describe('switched on (CAESIUM_DATABASE_CONSOLE_ENABLED=true)', () => {
  let server: ServerProcess;
  let folder: string;
  const query = (sql: unknown, limit?: number): Promise<{ status: number; json: Json }> =>
    call(`${server.url}/v1/database/query`, 'POST', limit === undefined ? { sql } : { sql, limit });
  beforeAll(async () => {
    folder = join(dir, 'on');
    mkdirSync(folder);
    server = await spawnServer({
      CAESIUM_DATABASE_PATH: join(folder, 'caesium.db'),
      CAESIUM_DATABASE_CONSOLE_ENABLED: 'true',
      CAESIUM_DATABASE_CONSOLE_TIMEOUT: '2s',
    });
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [definition('console-job')] });
    expect(applied.status).toBe(200);
  });
  afterAll(() => server.stop());

  it('describes the schema: every table with its columns', async () => {
    const { status, json } = await call(`${server.url}/v1/database/schema`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ dialect: 'sqlite', read_only: true, version: expect.stringMatching(/^3\.\d+\.\d+$/) });
    const jobs = json.tables.find((t: Json) => t.name === 'jobs');
    expect(jobs.columns).toContainEqual({ name: 'id', data_type: 'TEXT', nullable: false, primary_key: true });
    expect((json.tables as { name: string }[]).map((t) => t.name)).not.toContain('sqlite_sequence');
  });

  it('answers a SELECT with its columns and rows', async () => {
    const { status, json } = await query("-- the jobs\nSELECT alias, version FROM jobs WHERE alias = 'console-job';");
    expect(status).toBe(200);
    expect(json).toMatchObject({
      dialect: 'sqlite',
      read_only: true,
      statement_type: 'select',
      query: "SELECT alias, version FROM jobs WHERE alias = 'console-job'",
      limit: 200,
      row_count: 1,
      truncated: false,
      columns: [{ name: 'alias' }, { name: 'version' }],
      rows: [['console-job', 1]],
    });
    expect(typeof json.duration_ms).toBe('number');
  });

  it('stops at the row limit (at most 1000), even for a query without end', async () => {
    const endless = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n';
    expect((await query(endless, 3)).json).toMatchObject({
      statement_type: 'with',
      limit: 3,
      row_count: 3,
      truncated: true,
      rows: [[1], [2], [3]],
    });
    expect((await query(endless, 5000)).json).toMatchObject({ limit: 1000, row_count: 1000, truncated: true });
    expect((await query('EXPLAIN QUERY PLAN SELECT * FROM jobs')).json).toMatchObject({ statement_type: 'explain', truncated: false });
  });

  it('stops a query that runs past the time limit, and keeps serving', async () => {
    const busy = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';
    expect(await query(busy)).toEqual({
      status: 422,
      json: { message: "query stopped: it ran longer than the console's time limit of 2s (CAESIUM_DATABASE_CONSOLE_TIMEOUT)" },
    });
    expect((await query('SELECT 1 AS one')).json.rows).toEqual([[1]]);
  });

  it('refuses every write form with a clear message, and the database files do not change', async () => {
    const before = fingerprint(folder);
    const refused: [string, string][] = [
      ["INSERT INTO jobs (id, alias) VALUES ('x', 'y')", 'not INSERT'],
      ["UPDATE jobs SET alias = 'renamed'", 'not UPDATE'],
      ['DELETE FROM jobs', 'not DELETE'],
      ["REPLACE INTO jobs (id) VALUES ('x')", 'not REPLACE'],
      ['DROP TABLE jobs', 'not DROP'],
      ['CREATE TABLE t (x)', 'not CREATE'],
      [`ATTACH DATABASE '${join(folder, 'attached.db')}' AS other`, 'not ATTACH'],
      ['PRAGMA user_version = 7', 'not PRAGMA'],
      ['PRAGMA journal_mode = DELETE', 'not PRAGMA'],
      [`VACUUM INTO '${join(folder, 'copy.db')}'`, 'not VACUUM'],
      ['VACUUM', 'not VACUUM'],
      ["SELECT load_extension('/tmp/evil.so')", 'LOAD_EXTENSION would load native code'],
      ['WITH x AS (SELECT 1) DELETE FROM jobs', 'DELETE may change the database'],
      ['WITH x AS (SELECT 1) INSERT INTO jobs (id) SELECT * FROM x', 'INSERT may change the database'],
      ['SELECT * FROM jobs WHERE id IN (SELECT 1) ; UPDATE jobs SET version = 9', 'only a single SQL statement is allowed'],
      ["SELECT 1; ATTACH 'x' AS y", 'only a single SQL statement is allowed'],
      ['BEGIN IMMEDIATE', 'not BEGIN'],
    ];
    for (const [sql, message] of refused) {
      const res = await query(sql);
      expect({ sql, status: res.status }).toEqual({ sql, status: 400 });
      expect(res.json.message).toContain(message);
      expect(res.json.message).toMatch(/^(only read-only SQL statements are allowed: |only a single SQL statement is allowed)/);
    }
    expect(existsSync(join(folder, 'attached.db'))).toBe(false);
    expect(existsSync(join(folder, 'copy.db'))).toBe(false);
    expect(fingerprint(folder)).toEqual(before);
    expect((await query("SELECT count(*) FROM jobs WHERE alias = 'console-job'")).json.rows).toEqual([[1]]);
  });

  it('lets words in literals and quoted names through, and the string function replace()', async () => {
    const { status, json } = await query(`SELECT 'DELETE FROM jobs; DROP TABLE x' AS "update", replace('abc', 'b', 'x') AS r`);
    expect(status).toBe(200);
    expect(json.rows).toEqual([['DELETE FROM jobs; DROP TABLE x', 'axc']]);
  });

  it('answers 400 for a bad payload and for SQL SQLite rejects', async () => {
    expect(await call(`${server.url}/v1/database/query`, 'POST', [1])).toMatchObject({
      status: 400,
      json: { message: expect.stringMatching(/^invalid query payload/) },
    });
    expect(await query('   ')).toEqual({ status: 400, json: { message: 'query is required' } });
    expect(await query('SELECT * FROM no_such_table')).toEqual({
      status: 400,
      json: { message: 'failed to execute query: no such table: no_such_table' },
    });
  });
});
