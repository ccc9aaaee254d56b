/** The client room's public surface. */
export { CaesiumClient, DEFAULT_SERVER_URL, type ClientOptions } from './caesium-client.js';
export { ClientError } from './client-error.js';
export type { EventJson, EventQuery, EventStream, ServerEvent } from './event-stream.js';
export type * from './types.js';
export type * from './backfill-types.js';
export type * from './diff-types.js';
export type * from './inventory-types.js';
