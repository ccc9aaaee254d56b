/** The store room: the memory adapter, the shared Kysely store and migrations. */
export { createMemoryStore } from './memory-store.js';
export { createKyselyStore, queriesOn } from './kysely-store.js';
export { migrateToLatest, storeMigrations, type SqlFlavor } from './migrations/index.js';
export { SqlJsDialect } from './sqljs-dialect.js';
export { contentHash, canonicalJson } from './content-hash.js';
export type { Database } from './schema.js';
