/** The store room: the full `Store` port, the memory and SQLite-file adapters, the shared Kysely store and migrations. */
export type { Store, StoreQueries } from './ports/store.js';
export { createMemoryStore } from './memory-store.js';
export { createSqliteFileStore, DEFAULT_SQLITE_PATH, NestedStoreUseError, type SqliteFileStoreOptions, type SqliteSynchronous } from './sqlite-file-store.js';
export { createKyselyStore, queriesOn } from './kysely-store.js';
export { migrateToLatest, storeMigrations, type SqlFlavor } from './migrations/index.js';
export { SqlJsDialect } from './sqljs-dialect.js';
export { contentHash, canonicalJson } from './content-hash.js';
export type { Database } from './schema.js';
