/** What the HTTP app's routes share. */
import type { NodeRecord } from '../store/ports/cluster.js';
import type { Store } from '../store/ports/store.js';
import type { CaesiumMetrics } from '../observe/metrics/create-metrics.js';
import type { BusSubscriber } from '../observe/bus-subscriber.js';
import type { AuthConfig } from './auth/auth-config.js';
import type { SafetySettings } from './safety/safety-settings.js';
import type { EventSink } from '../engine/ports/events.js';
import type { BackfillManager } from './backfill/backfill-manager.js';
import type { ConsoleSettings } from './consoles.js';
import type { WriteHealth } from './database/write-health.js';
import type { ServerLogger } from './logging/server-logger.js';
import type { CallbackDispatcher } from './callbacks/callback-dispatcher.js';
import type { HookSettings } from './hooks/hook-settings.js';
import type { JobViews } from './job-views.js';
import type { LogRecorder } from './logs/log-recorder.js';
import type { RunRetention } from './retention/run-retention.js';
import type { RunLauncher } from './run-launcher.js';

export interface AppDeps {
  store: Store;
  views: JobViews;
  launcher: RunLauncher;
  metrics: CaesiumMetrics;
  /** Milliseconds since the epoch (the clock of `created_at`/`updated_at` and uptime). */
  now: () => number;
  /** When the server started (ms since the epoch). */
  startedAt: number;
  /** `POST /v1/hooks/*` settings (`CAESIUM_WEBHOOK_*`, read once at start). */
  hooks: HookSettings;
  /** Runs callbacks (`POST …/callbacks/retry`). */
  callbacks: CallbackDispatcher;
  /** The event bus, for `GET /v1/events` (`pingMs` overrides the 15 s keep-alive) and the server's own events (`publish`). */
  events: { subscribe: (subscriber: BusSubscriber) => () => void; pingMs?: number; publish?: EventSink };
  /** This node's address (`CAESIUM_NODE_ADDRESS`, else the server's host:port), known once it listens. */
  nodeAddress?: () => string;
  /** The live nodes sharing the database (many servers); absent: this server is the only node. */
  liveNodes?: () => Promise<NodeRecord[]>;
  /** Asks the node driving a run to cancel it (many servers; absent: only this server drives runs). */
  requestCancel?: (runId: string, by: string) => Promise<void>;
  /** `CAESIUM_RUN_RETENTION*`: the default criteria of `POST /v1/admin/prune`. */
  runRetention?: RunRetention;
  /** Live task output (absent: logs are served from their snapshots only). */
  liveLogs?: LogRecorder;
  /** Creates, drives and cancels backfills (absent: the backfill routes answer 503). */
  backfills?: BackfillManager;
  /** `CAESIUM_AUTH_*`: in api-key mode every route but the public ones needs a key with its role. */
  auth: AuthConfig;
  /** `CAESIUM_MAX_BODY_SIZE`, `CAESIUM_CORS_ORIGINS`. */
  safety: SafetySettings;
  /** The server's own structured log: the access log writes to it, the log console streams it. */
  logger?: ServerLogger;
  /** The operator consoles switched on (absent: none). */
  consoles?: ConsoleSettings;
  /** Whether the database can be written (absent: never tracked; a failed write is then a 500). */
  writeHealth?: WriteHealth;
  /** The built operator UI (default: dist/ui of the package). */
  uiDir?: string;
}
