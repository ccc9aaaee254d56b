/** The server room's public surface (what the CLI's `caesium server` uses). */
export { startServer, type RunningServer } from './start-server.js';
export { serverConfigFromEnv } from './config.js';
