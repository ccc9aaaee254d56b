/**
 * `caesium server` (alias `start`): all configuration from `CAESIUM_*`
 * variables. Logs one startup line with the URL to stderr, serves until
 * SIGINT/SIGTERM, then stops cleanly and exits 0: no new connections, no new
 * tasks, running tasks finish within `CAESIUM_SHUTDOWN_GRACE_PERIOD` and are
 * then stopped; runs with work left stay for the next start to resume
 * (docs/operations.md). A second signal stops the running tasks at once; a
 * third exits 130 at once.
 */
// docs/architecture.md lets cli/ use the server's public entry (not its internals); the lint rule bans the
// whole room, so this one import of src/server/index.ts is an explicit, reviewed exception.
// eslint-disable-next-line no-restricted-imports
import { serverConfigFromEnv, startServer, type RunningServer } from '../../server/index.js';
import { CaesiumError, errorText } from '../../errors.js';
import { redactDsn } from '../../store/postgres/dsn.js';
import { onInterrupt, type SignalSource } from '../dev/signals.js';
import type { Io } from '../io.js';

export interface ServerCommandDeps {
  signals?: SignalSource;
  exit?: (code: number) => void;
}

/** Runs the server until a signal; resolves to the exit code. */
export async function runServerCommand(io: Io, deps: ServerCommandDeps = {}): Promise<number> {
  const config = serverConfigFromEnv(io.env);
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  let server: RunningServer | undefined;
  let forced = 0;
  const removeHandlers = onInterrupt(
    {
      stop: (signal) => {
        io.err.write(`caesium server: ${signal} received, shutting down\n`);
        stopRequested();
      },
      force: (signal) => {
        if (server !== undefined && forced++ === 0) {
          io.err.write(`caesium server: ${signal} received again, stopping the running tasks (a third signal exits at once)\n`);
          return server.stopTasks();
        }
        io.err.write('caesium server: forced exit\n');
        (deps.exit ?? ((code: number) => process.exit(code)))(130);
      },
    },
    deps.signals,
  );
  try {
    server = await startServer(config, { env: io.env, log: (line) => io.err.write(`${line}\n`), print: (text) => io.out.write(text) });
  } catch (error) {
    removeHandlers();
    throw new CaesiumError('E_SERVER_START', `caesium server could not start: ${errorText(error)}`, {
      hint: 'check CAESIUM_PORT, CAESIUM_HOST and CAESIUM_DATABASE_PATH',
      exitCode: 2,
      cause: error,
    });
  }
  const database =
    config.databaseType === 'memory'
      ? 'in-memory database'
      : config.databaseType === 'postgres'
        ? `PostgreSQL ${redactDsn(config.databaseDsn ?? '')}`
        : `database ${config.databasePath}`;
  io.err.write(`caesium server listening on ${server.url} (${database}, max ${config.maxParallel} parallel tasks per run)\n`);
  try {
    await stopped;
    const left = await server.close();
    if (left > 0) io.err.write(`caesium server: ${left} run(s) left to resume on the next start\n`);
    io.err.write('caesium server stopped\n');
    return 0;
  } finally {
    removeHandlers();
  }
}
