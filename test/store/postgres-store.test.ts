import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import { dropSchema, freshPostgresStore, freshSchema, pgQuery, requirePostgres, TEST_PG_DSN } from '../support/postgres.js';
import { runStoreContract } from './run-store-contract.js';
import { storeFamiliesContract } from './store-families-contract.js';

const postgres = await requirePostgres();

describe.skipIf(postgres.skip)('postgres store', () => {
  runStoreContract('postgres', freshPostgresStore);
  storeFamiliesContract('postgres', freshPostgresStore);
});

describe.skipIf(postgres.skip)('postgres store: opening', () => {
  it('lets several nodes open one fresh database at once: each migration is applied once', async () => {
    const schema = freshSchema();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ dsn: TEST_PG_DSN, schema, maxConnections: 2 })));
      await Promise.all(stores.map((s) => s.close()));
      const applied = await pgQuery<{ name: string }>(`select name from "${schema}".kysely_migration order by name`);
      expect(applied.length).toBeGreaterThanOrEqual(12);
      expect(new Set(applied.map((r) => r.name)).size).toBe(applied.length);
      expect(applied[0]?.name).toBe('0001-initial');
    } finally {
      await dropSchema(schema);
    }
  });

  it('reads libpq key=value DSNs and keeps rows across reopening', async () => {
    const url = new URL(TEST_PG_DSN);
    const dsn = `host=${url.hostname} port=${url.port || 5432} user=${decodeURIComponent(url.username)} password='${decodeURIComponent(url.password)}' dbname=${url.pathname.slice(1)} sslmode=disable`;
    const schema = freshSchema();
    try {
      const first = await createPostgresStore({ dsn, schema });
      const key = await first.catalog.register({ alias: 'kept', provenance: null, now: '2026-01-01T00:00:00.000Z' });
      await first.close();
      const again = await createPostgresStore({ dsn, schema });
      expect((await again.catalog.register({ alias: 'kept', provenance: null, now: '2026-01-02T00:00:00.000Z' })).id).toBe(key.id);
      await again.close();
    } finally {
      await dropSchema(schema);
    }
  });

  it('names the database without its password when it cannot connect', async () => {
    const url = new URL(TEST_PG_DSN);
    url.password = 'not-the-password';
    const error = await createPostgresStore({ dsn: url.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_STORE_OPEN', message: expect.stringContaining(`${url.hostname}:${url.port || 5432}`) });
    expect(String((error as Error).message)).not.toContain('not-the-password');
  });
});
