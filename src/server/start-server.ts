/**
 * `caesium server`: opens the store, builds the runtimes, the event bus with
 * the metrics subscriber and the app, and listens. `close` releases
 * everything in reverse order, once: stop accepting connections, drain the
 * runs in flight and leave what they could not finish to the next start (see
 * RunLauncher), drain the bus, close runtimes and store.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Clock } from '../engine/ports/clock.js';
import type { Store } from '../store/ports/store.js';
import { createEventBus } from '../observe/event-bus.js';
import { createMetrics } from '../observe/metrics/create-metrics.js';
import { createMetricsSubscriber } from '../observe/metrics/metrics-subscriber.js';
import { subscribeLineage } from '../observe/lineage/subscribe-lineage.js';
import { createRuntimes, type RuntimeRegistry } from '../runtime/index.js';
import { storeTaskCache } from '../store/cache/store-cache.js';
import { createApp } from './app.js';
import { CallbackDispatcher } from './callbacks/callback-dispatcher.js';
import { createCallbackSubscriber } from './callbacks/callback-subscriber.js';
import { eventRetentionFromEnv, startEventPruner } from './events/event-retention.js';
import type { ServerConfig } from './config.js';
import { hookSettingsFromEnv } from './hooks/hook-settings.js';
import { JobViews } from './job-views.js';
import { LogRecorder } from './logs/log-recorder.js';
import { runRetentionFromEnv } from './retention/run-retention.js';
import { startRunSweeper } from './retention/run-sweeper.js';
import { openStore } from './open-store.js';
import { WriteHealth } from './database/write-health.js';
import { RunLauncher } from './run-launcher.js';
import { resumeRuns } from './resume-runs.js';
import { clusterNodeFor } from './cluster/cluster-start.js';
import { startRemoteEvents } from './cluster/remote-events.js';
import { startScheduling } from './scheduling.js';
import { errorText, errorStack } from '../errors.js';
import { Releases } from '../releases.js';
import { bootstrapAdminKey } from './auth/bootstrap-admin.js';
import { isLoopback } from './auth/loopback.js';
import { safetySettingsFromEnv } from './safety/safety-settings.js';
import { logSettingsFromEnv } from './logging/log-settings.js';
import { createServerLogger } from './logging/server-logger.js';
import { consoleSettingsFromEnv } from './consoles.js';

/** A listening server. */
export interface RunningServer {
  /** `http://host:port` as reachable from this machine. */
  url: string;
  port: number;
  /** Every route the app registered (`METHOD path`), as the route-table test walks them. */
  routes: readonly { method: string; path: string }[];
  /**
   * Stops everything: running tasks may finish within `CAESIUM_SHUTDOWN_GRACE_PERIOD`, then they are
   * stopped; resolves to how many runs were left `running` for the next start to resume. Idempotent.
   */
  close(): Promise<number>;
  /** Ends the grace period of a `close` now (a second SIGTERM): running tasks are stopped and resume on the next start. */
  stopTasks(): void;
}

export interface StartServerDeps {
  env?: Record<string, string | undefined>;
  /** Where the server's log lines go (one formatted line each, by `CAESIUM_LOG_FORMAT`; default standard error). */
  log?: (line: string) => void;
  createRuntimes?: (env: Record<string, string | undefined>) => RuntimeRegistry;
  /** Use this store instead of opening the configured one (the caller keeps and closes it). */
  store?: Store;
  /** The clock of the cron scheduler and the backfills (default: the system clock); tests move one by hand. */
  clock?: Clock;
  /** Standard output: the first-start admin key banner goes here, never to `log` (default process.stdout). */
  print?: (text: string) => void;
}

/** Starts the server described by `config`. */
export async function startServer(config: ServerConfig, deps: StartServerDeps = {}): Promise<RunningServer> {
  const env = deps.env ?? process.env;
  const logSettings = logSettingsFromEnv(env);
  const consoles = consoleSettingsFromEnv(env, config, logSettings.consoleEnabled);
  const logger = createServerLogger(logSettings, deps.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const log = (line: string): void => logger.info(line);
  const warn = (line: string): void => logger.warn(line);
  const fail = (line: string): void => logger.error(line);
  const releases = new Releases((error) => fail(`caesium server: ${errorText(error)}`));
  try {
    const store = deps.store ?? (await openStore(config));
    if (deps.store === undefined) releases.defer(() => store.close());
    if (config.auth.mode === 'api-key')
      await bootstrapAdminKey(store, config.auth.hashSecret, Date.now(), deps.print ?? ((text) => process.stdout.write(text)));
    else if (config.hostSet && !isLoopback(config.host))
      log(
        `caesium server: warning: authentication is off (CAESIUM_AUTH_MODE=none) and CAESIUM_HOST=${config.host}: anyone who reaches this address can run commands as this user`,
      );
    // Local tasks are forked by a small broker process: fork() from this big one would stall the event loop.
    // The broker and a container watchdog stop this server's tasks when it dies, even by SIGKILL (docs/operations.md).
    const runtimes = deps.createRuntimes?.(env) ?? createRuntimes(env, { localSpawner: 'broker', containerWatchdog: true });
    releases.defer(() => runtimes.closeAll());
    const metrics = createMetrics({ defaultCollectors: true });
    const bus = createEventBus({
      metrics,
      onError: (f) => fail(`caesium server: event subscriber ${f.subscriber} failed in ${f.hook}: ${errorText(f.error)}`),
    });
    releases.defer(() => bus.close({ timeoutMs: 5000 }));
    const views = new JobViews(store);
    bus.subscribe(createMetricsSubscriber(metrics));
    const writeHealth = new WriteHealth({
      log: warn,
      database: config.databaseType === 'memory' ? 'in-memory database' : `database ${config.databasePath}`,
      probe: () => store.probeWrite(new Date().toISOString()),
    });
    releases.defer(() => writeHealth.close());
    const liveLogs = new LogRecorder(store, (error) => {
      if (writeHealth.noteFailure(error) === undefined) log(`caesium server: storing live log output failed: ${errorText(error)}`);
    });
    bus.subscribe(liveLogs);
    await subscribeLineage(bus, env, { metrics, log: (line) => log(`caesium server: ${line}`) });
    const callbacks = new CallbackDispatcher({ store, tasksOf: (id) => views.tasksOf(id), metrics, now: () => new Date().toISOString() });
    bus.subscribe(
      createCallbackSubscriber(callbacks, (runId, error) => warn(`caesium server: callbacks of run ${runId} failed: ${errorText(error)}`)),
    );
    releases.defer(startEventPruner(store, { retentionMs: eventRetentionFromEnv(env), log }));
    const runRetention = runRetentionFromEnv(env);
    releases.defer(startRunSweeper(store, runRetention, log));
    const clusterNode = clusterNodeFor(store, config, env, log);
    const launcher = new RunLauncher({
      ...(clusterNode === undefined
        ? {}
        : {
            workerId: clusterNode.address,
            onAdmitted: (runId: string) => clusterNode.admitted(runId),
            onSettled: (runId: string) => clusterNode.settled(runId),
          }),
      store,
      runtimes,
      sink: bus.sink,
      maxParallel: config.maxParallel,
      failurePolicy: config.failurePolicy,
      cache: storeTaskCache(store),
      cacheDefaults: config.cacheDefaults,
      onCacheMiss: metrics.recordCacheMiss,
      onCacheShortCircuit: metrics.recordCacheShortCircuit,
      onCrash: (runId, error) => {
        if (runId === undefined && writeHealth.noteFailure(error) !== undefined) return; // a refused admission: its request answers 503
        fail(`caesium server: run ${runId ?? '(not created)'} failed inside the engine: ${errorText(error)}`);
      },
      maxActiveRuns: config.maxActiveRuns,
      onRecordFailure: (runId, error) => warn(`caesium server: recording a task launch of run ${runId} failed: ${errorText(error)}`),
      retryWrite: writeHealth.retry,
    });
    releases.defer(() => launcher.shutdown(0));
    if (clusterNode === undefined)
      await resumeRuns({ store, launcher, log }); // restart safety: runs a dead process left `running`
    else {
      // Many servers: runs are resumed by whichever node takes their expired lease (this one included).
      await clusterNode.start(launcher);
      releases.defer(() => clusterNode.stop());
    }
    const scheduling = await startScheduling({
      store,
      views,
      launcher,
      metrics,
      subscribe: (s) => bus.subscribe(s),
      log: warn,
      clock: deps.clock,
    }); // cron and backfills
    releases.defer(() => scheduling.stop());
    const startedAt = Date.now();
    // Many servers: SSE clients also hear the other nodes' events (remote-events.ts).
    const remote =
      clusterNode === undefined || store.cluster === undefined
        ? undefined
        : await startRemoteEvents({
            store,
            cluster: store.cluster,
            subscribeLocal: (s) => bus.subscribe(s),
            drivenRunIds: () => launcher.drivenRunIds(),
            log: warn,
          });
    if (remote !== undefined) releases.defer(() => remote.stop());
    const events = {
      subscribe: (subscriber: Parameters<typeof bus.subscribe>[0]) => {
        const offLocal = bus.subscribe(subscriber);
        const offRemote = remote?.subscribe(subscriber);
        return () => {
          offLocal();
          offRemote?.();
        };
      },
      publish: bus.sink,
    };
    let listening = '';
    const nodeAddress = (): string => config.nodeAddress ?? listening;
    const app = createApp(
      {
        store,
        views,
        launcher,
        metrics,
        now: Date.now,
        startedAt,
        callbacks,
        events,
        hooks: hookSettingsFromEnv(env),
        backfills: scheduling.backfills,
        nodeAddress: clusterNode === undefined ? nodeAddress : () => clusterNode.address,
        ...(clusterNode === undefined
          ? {}
          : {
              liveNodes: () => clusterNode.liveNodes(),
              requestCancel: (runId: string, by: string) => clusterNode.requestCancel(runId, by),
            }),
        liveLogs,
        runRetention,
        auth: config.auth,
        safety: safetySettingsFromEnv(env),
        logger,
        consoles,
        writeHealth,
      },
      (error) => {
        // A write refused by a full or read-only database is logged once, by writeHealth.
        if (writeHealth.noteFailure(error) === undefined) fail(`caesium server: unexpected error: ${errorStack(error)}`);
      },
    );
    const server = await listen(app.fetch, config);
    releases.defer(() => closeHttp(server));
    const port = (server.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    listening = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<number> | undefined;
    const stopNow = new AbortController();
    return {
      url: `${config.tls === undefined ? 'http' : 'https'}://${listening}`,
      port,
      routes: app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path })),
      close: () =>
        (closing ??= (async () => {
          server.close(); // stop accepting first; open connections end below
          await scheduling.stop(); // nothing new is started while the runs in flight drain
          const handed = await clusterNode?.handBack().catch(() => 0);
          if (handed !== undefined && handed > 0) log(`caesium server: handed ${handed} run(s) to the other nodes`);
          const left = await launcher.shutdown(config.shutdownGraceMs, { stopNow: stopNow.signal, log });
          await releases.releaseAll();
          return left;
        })()),
      stopTasks: () => stopNow.abort(),
    };
  } catch (error) {
    await releases.releaseAll();
    throw error;
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], config: ServerConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = (
      config.tls === undefined
        ? serve({ fetch, port: config.port, hostname: config.host })
        : serve({ fetch, port: config.port, hostname: config.host, createServer: createHttpsServer, serverOptions: config.tls })
    ) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
