/** The store room: the full `Store` port, the memory and SQLite-file adapters, the shared Kysely store and migrations. */
export type { Store } from './ports/store.js';
export { createMemoryStore } from './memory-store.js';
export { createSqliteFileStore, type SqliteFileStoreOptions, type SqliteSynchronous } from './sqlite-file-store.js';
