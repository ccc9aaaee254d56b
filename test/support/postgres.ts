/**
 * A real PostgreSQL for tests: whether it answers, the require-or-skip rule
 * (`CAESIUM_TEST_REQUIRE_ENGINES=1` fails instead of skipping), and a fresh
 * schema per store so test files run in parallel on one database.
 * `scripts/setup-postgres.sh` starts Debian's PostgreSQL with the default DSN.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/ports/store.js';

/** The database the tests use: `CAESIUM_TEST_PG_DSN`, or the one scripts/setup-postgres.sh creates. */
export const TEST_PG_DSN = process.env.CAESIUM_TEST_PG_DSN ?? 'postgres://caesium:caesium@127.0.0.1:5432/caesium_test';

/** Runs one statement on a connection of its own. */
export async function pgQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_PG_DSN, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers at TEST_PG_DSN: `{ skip: false }`, or the printed reason (thrown in CI). */
export async function requirePostgres(): Promise<{ skip: boolean; reason?: string }> {
  try {
    await pgQuery('select 1');
    return { skip: false };
  } catch (error) {
    const reason = `PostgreSQL does not answer at CAESIUM_TEST_PG_DSN (${error instanceof Error ? error.message : String(error)}; scripts/setup-postgres.sh starts it)`;
    if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
      throw new Error(`PostgreSQL is required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
    console.warn(`[caesium tests] skipping: ${reason}`);
    return { skip: true, reason };
  }
}

/** A schema name no other test uses. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await pgQuery(`drop schema if exists "${schema}" cascade`);
}

/** A migrated store in a schema of its own; closing it drops the schema. */
export async function freshPostgresStore(): Promise<Store> {
  const schema = freshSchema();
  const store = await createPostgresStore({ dsn: TEST_PG_DSN, schema, maxConnections: 4 });
  let closed: Promise<void> | undefined;
  return { ...store, close: () => (closed ??= store.close().then(() => dropSchema(schema))) };
}

/** A database of its own (for server processes, which use the default schema); `drop` removes it. */
export interface TestDatabase {
  dsn: string;
  drop(): Promise<void>;
}

/** Creates an empty database next to the test one. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = freshSchema('caesium_t');
  await pgQuery(`create database "${name}"`);
  const url = new URL(TEST_PG_DSN);
  url.pathname = `/${name}`;
  return {
    dsn: url.toString(),
    // A backend the caesium role may not end (an autovacuum worker on the new database) makes the forced
    // drop fail for a moment: try again briefly.
    drop: async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await pgQuery(`drop database if exists "${name}" with (force)`);
          return;
        } catch (error) {
          if (attempt >= 20 || (error as { code?: string }).code !== '42501') throw error;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
  };
}
