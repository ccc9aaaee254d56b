/** The server room's public surface (what the CLI's `caesium server` uses). */
export { startServer, type RunningServer, type StartServerDeps } from './start-server.js';
export { serverConfigFromEnv, type ServerConfig, type DatabaseType } from './config.js';
export { createApp } from './app.js';
