/** Opens the store the configuration names, migrated to the latest schema (docs/decisions.md D19). */
import type { Store } from '../store/ports/store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createSqliteFileStore } from '../store/sqlite-file-store.js';
import { createPostgresStore } from '../store/postgres-store.js';
import type { ServerConfig } from './config.js';

/** A SQLite file at `databasePath` (created with its directory; migrations run on open), an in-memory database, or PostgreSQL at `databaseDsn`. */
export function openStore(
  config: Pick<ServerConfig, 'databaseType' | 'databasePath'> & Partial<Pick<ServerConfig, 'databaseSynchronous' | 'databaseDsn'>>,
): Promise<Store> {
  switch (config.databaseType) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return createSqliteFileStore({ path: config.databasePath, synchronous: config.databaseSynchronous ?? 'full' });
    case 'postgres':
      return createPostgresStore({ dsn: config.databaseDsn ?? '' });
  }
}
