/** The client room's public surface: the client, its errors, and the wire types (`api/`) it sends and returns. */
export { CaesiumClient, DEFAULT_SERVER_URL, type ClientOptions, type ListQuery, type TaskLogJson } from './caesium-client.js';
export { ClientError } from './client-error.js';
export type { EventQuery, EventStream, ServerEvent } from './event-stream.js';
export type * from '../api/index.js';
