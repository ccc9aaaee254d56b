/** The store room's public surface: the in-memory and SQLite-file stores. */
export { createMemoryStore } from './memory-store.js';
export { createSqliteFileStore, type SqliteFileStoreOptions, type SqliteSynchronous } from './sqlite-file-store.js';
